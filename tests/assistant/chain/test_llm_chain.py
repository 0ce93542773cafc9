"""The chain in `llm` mode, end to end, against a fake OpenAI-compatible server on 127.0.0.1."""
from __future__ import annotations

import pytest

from caiwen.wiring import build_assistant
from tests.fakes.openai_server import FakeOpenAIServer


@pytest.fixture(scope="module")
def server():
    with FakeOpenAIServer() as fake:
        yield fake


@pytest.fixture()
def llm_assistant(chain_settings, server):
    server.reset()
    settings = chain_settings.model_copy(
        update={"composer": "llm", "llm_base_url": server.base_url, "llm_api_key": "test", "llm_timeout_s": 1.0,
                "llm_k": 5, "llm_prompt_tokens": 4000}  # every retrieved chunk reaches the prompt
    )
    return build_assistant(settings)


def test_prompt_holds_numbered_contexts_and_answer_is_verified(llm_assistant, server):
    server.enqueue_text("E-mini羅素2000期貨代碼為RTY,在CME交易[1]。合約以美元計價[9]。")
    response = llm_assistant.ask("罗素2000期货代码是啥?在哪个交易所交易")
    request = server.chat_requests[-1]
    prompt = request.message_text("user", last=True)
    assert '<source id="1"' in prompt and '<source id="5"' in prompt
    assert response.composer == "llm"
    assert "[9]" not in response.answer  # a fabricated citation number is caught and removed
    assert all(1 <= c.n <= len(response.retrieved) for c in response.citations)
    assert any("9" in w for w in response.warnings)
    assert response.lang == "zh-Hans" and "RTY" in response.answer


def test_llm_timeout_falls_back_to_extractive(llm_assistant, server):
    server.enqueue_hang(5.0)
    response = llm_assistant.ask("羅素2000係邊間公司編製㗎?")
    assert response.composer == "extractive"
    assert any("llm" in w and "extractive" in w for w in response.warnings)
    assert response.citations and not response.refused


def test_llm_server_error_falls_back_when_streaming(llm_assistant, server):
    server.enqueue_error(500)
    events = list(llm_assistant.stream("羅素2000係邊間公司編製㗎?"))
    done = events[-1].data
    assert events[-1].kind == "done" and done.composer == "extractive" and done.citations


def test_llm_saying_not_in_sources_is_a_refusal(llm_assistant, server):
    server.enqueue_text("我的资料来源中没有这方面的信息。")
    response = llm_assistant.ask("罗素2000的成分股市值中位数是多少?")
    assert response.refused and not response.citations


def test_a_refusal_in_another_script_is_still_a_refusal_without_warnings(llm_assistant, server):
    server.enqueue_text("我的资料来源中没有这方面的信息。")  # Simplified, to a Hong Kong asker
    response = llm_assistant.ask("羅素2000成分股市值中位數係幾多?")
    assert response.refused and not response.citations and response.region == "HK"
    assert response.answer == "我嘅資料來源入面冇呢方面嘅資料。" and response.warnings == []
