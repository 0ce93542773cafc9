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


BOND_GUIDE = """# 瑞澄證券銀齡債券派息說明

## 六、派息計算

例子：梁生揸住今期債券5手（面值HK$50,000）。
（1）如果某期浮動息率係2.10%，低過3.50%，該期按3.50%計：
     50,000 × 3.50% ÷ 2＝HK$875.00；代收利息手續費0.20%即HK$1.75，
     低過最低收費，收HK$10；實收HK$865.00。
"""


def test_the_prompt_holds_the_sources_worked_example_worked_with_the_askers_figures(tmp_path, server):
    from caiwen.config import Settings
    from caiwen.wiring import run_ingest

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bond.md").write_text(BOND_GUIDE, encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data", composer="llm", llm_base_url=server.base_url, llm_api_key="test",
                        llm_timeout_s=5.0)
    assert not run_ingest([corpus], settings).failed
    server.reset()
    server.enqueue_text("實收HK$5,302.37[1]。")
    response = build_assistant(settings).ask("我持有呢隻銀齡債券HK$230,000，如果某期浮動息率係4.62%，扣除手續費後實收幾多利息？")
    prompt = server.chat_requests[-1].message_text("user", last=True)
    # 230,000 × 4.62% ÷ 2 = 5,313.00; 0.20% = 10.63, over the minimum; 5,313.00 − 10.63 = 5,302.37
    assert "Worked example" in prompt and "5,302.37" in prompt
    assert response.composer == "llm" and "5,302.37" in response.answer
    assert 5302.37 in {round(f.value, 2) for f in response.figures}
