"""The real model's answer streamed by the real API (uvicorn in a subprocess) through `/v1/chat/stream`
(the widget's Server-Sent Events) and `/v1/chat/completions` with `"stream": true` (OpenAI clients)."""
from __future__ import annotations

import json

import httpx
import pytest

from caiwen.config import Settings
from knowledge_base.scripts import detect_script
from tests.browser.support import mint_admin_key, serve_api
from tests.local_llm.server import TIMEOUT_S

pytestmark = pytest.mark.local_llm


def sse(response: httpx.Response) -> list[tuple[str, str]]:
    events, name = [], "message"
    for line in response.iter_lines():
        if line.startswith("event:"):
            name = line[6:].strip()
        elif line.startswith("data:"):
            events.append((name, line[5:].strip()))
            name = "message"
    return events


@pytest.fixture(scope="module")
def api(local_llm, ingested_corpus):
    key = mint_admin_key(Settings(data_dir=ingested_corpus.settings.data_dir))
    with serve_api(ingested_corpus.settings.data_dir, local_llm.env()) as base_url:
        yield base_url, key


def test_chat_stream_sends_the_models_tokens_then_a_cited_answer(api):
    base_url, _ = api
    with httpx.stream("POST", f"{base_url}/v1/chat/stream", json={"question": "羅素2000指數是由哪間公司編製的?"},
                      headers={"Origin": base_url}, timeout=TIMEOUT_S + 60) as response:  # as the widget sends
        assert response.status_code == 200
        events = sse(response)
    kinds = [name for name, _ in events]
    # the answer screen releases the model's text a whole sentence at a time, so a one-sentence answer is one event
    assert kinds.count("token") >= 1 and kinds[-3:] == ["citations", "figures", "done"], kinds
    done = json.loads(events[-1][1])
    assert done["composer"] == "llm", done["warnings"]
    assert done["citations"] and detect_script(done["answer"]) == "zh-Hant"
    streamed = "".join(json.loads(data)["text"] for name, data in events if name == "token")
    assert "[" in streamed  # the model's own [n] markers arrived while it wrote


def test_openai_compatible_completions_stream_the_same_answer(api):
    base_url, key = api
    body = {"model": "caiwen", "stream": True,
            "messages": [{"role": "user", "content": "How is the Russell 2000 index weighted?"}]}
    with httpx.stream("POST", f"{base_url}/v1/chat/completions", json=body, timeout=TIMEOUT_S + 60,
                      headers={"Authorization": f"Bearer {key}"}) as response:
        assert response.status_code == 200
        chunks = [json.loads(data) for _, data in sse(response) if data != "[DONE]"]
    text = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks)
    assert len([c for c in chunks if c["choices"][0]["delta"].get("content")]) >= 1  # a sentence at a time
    assert chunks[-1]["choices"][0]["finish_reason"] == "stop"
    extra = next(c["caiwen"] for c in reversed(chunks) if c.get("caiwen"))
    assert extra["composer"] == "llm" and extra["citations"], extra
    assert detect_script(text) == "en", text
