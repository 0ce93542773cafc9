"""Finding 2: a streamed answer reached the customer without an audit record.

A lone surrogate (\\ud800) in a `/v1/chat/completions` message streamed three chunks, then failed to write
the audit row; an unwritable audit store did the same on `/v1/chat/stream`; the non-streamed path withheld
the answer but kept the conversation turn. Now: request bodies refuse NUL and lone surrogates (422 naming the
field), a `stream_start` row is written before the chain runs (no row, no stream), the conversation turn is
written only after the answer's audit row, and a stream the client leaves is recorded as `stream_abandoned`.

Real parts: a uvicorn server on 127.0.0.1, the real chain over the ingested corpus, real SQLite; the LLM is a
fake OpenAI-compatible server on 127.0.0.1 where a slow stream is needed. An audit store that cannot be
written is made with a SQLite trigger that aborts every insert into the audit table (running as root, a
read-only directory would not stop the writes).
"""
from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import httpx
import pytest

from caiwen.wiring import create_app
from api.audit import AuditLog
from caiwen.persistence import make_engine
from service_harness import WIDGET_ORIGIN, LiveServer, mint_keys, parse_sse
from tests.security.conftest import llm_service_settings

QUESTION = "IWM追蹤甚麼指數？"


class Service:
    def __init__(self, server: LiveServer, keys: dict[str, str], db: Path) -> None:
        self.url, self.keys, self.db = server.url, keys, db

    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys['ask']}", "Content-Type": "application/json"}

    def audit(self) -> list[dict]:
        engine = make_engine(f"sqlite:///{self.db}")
        try:
            return list(AuditLog(engine).records())
        finally:
            engine.dispose()

    def turns(self, conversation_id: str) -> int:
        with sqlite3.connect(self.db) as db:
            return db.execute("SELECT count(*) FROM conversation_turns WHERE conversation_id = ?",
                              (conversation_id,)).fetchone()[0]

    def break_audit_store(self) -> None:
        with sqlite3.connect(self.db) as db:
            db.execute("CREATE TRIGGER audit_disk_full BEFORE INSERT ON api_audit_log "
                       "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")

    def mend_audit_store(self) -> None:
        with sqlite3.connect(self.db) as db:
            db.execute("DROP TRIGGER IF EXISTS audit_disk_full")


@pytest.fixture(scope="module")
def service(planted_settings, llm, tmp_path_factory):
    db = tmp_path_factory.mktemp("audit-stream") / "api.db"
    settings = llm_service_settings(planted_settings, llm, db)
    keys = mint_keys(settings)
    with LiveServer(create_app(settings)) as server:
        yield Service(server, keys, db)


@pytest.fixture(autouse=True)
def _clean(service, llm):
    llm.reset()
    service.mend_audit_store()
    yield
    llm.reset()
    service.mend_audit_store()


SURROGATE_BODIES = [  # (path, raw JSON with a \ud800 or \u0000 escape, the field the 422 must name)
    ("/v1/chat/completions",
     '{"model":"caiwen","stream":true,"messages":[{"role":"user","content":"IWM\\ud800係咩？"}]}',
     "messages.0.content"),
    ("/v1/chat/completions",
     '{"model":"caiwen","messages":[{"role":"user","content":[{"type":"text","text":"IWM\\u0000"}]}]}',
     "messages.0.content.0.text"),
    ("/v1/chat/stream", '{"question":"IWM\\ud800係咩？"}', "question"),
    ("/v1/ask", '{"question":"IWM係咩？\\udfff"}', "question"),
    ("/v1/ask", '{"question":"IWM係咩？\\u0000"}', "question"),
    ("/v1/feedback", '{"message_id":"m1","rating":"up","comment":"好\\ud800"}', "comment"),
]


@pytest.mark.parametrize(("path", "raw", "field"), SURROGATE_BODIES)
def test_lone_surrogates_and_nul_are_refused_naming_the_field(service, path, raw, field) -> None:
    before = len(service.audit())
    response = httpx.post(f"{service.url}{path}", content=raw.encode(), headers=service.auth(), timeout=60)
    assert response.status_code == 422, response.text[:300]
    assert response.headers["content-type"].startswith("application/json")  # not a stream that fails later
    error = response.json()["error"]
    assert error["code"] == "invalid_request" and field in error["message"]
    assert len(service.audit()) == before


def test_a_stream_is_not_started_when_the_audit_store_cannot_write(service, llm) -> None:
    service.break_audit_store()
    for path, body in (("/v1/chat/stream", {"question": QUESTION}),
                       ("/v1/chat/completions", {"model": "caiwen", "stream": True,
                                                 "messages": [{"role": "user", "content": QUESTION}]})):
        llm.enqueue_text("IWM追蹤羅素2000指數[1]。")
        response = httpx.post(f"{service.url}{path}", json=body, headers=service.auth(), timeout=60)
        assert response.status_code == 503, response.text[:300]
        assert response.json()["error"]["code"] == "audit_unavailable"
        assert "羅素" not in response.text  # not one token reached the client
    assert llm.chat_requests == []  # the chain never ran


def test_the_conversation_turn_is_kept_only_with_its_audit_record(service, llm) -> None:
    service.break_audit_store()
    llm.enqueue_text("IWM追蹤羅素2000指數[1]。")
    response = httpx.post(f"{service.url}/v1/ask", json={"question": QUESTION, "conversation_id": "conv-unrecorded"},
                          headers=service.auth(), timeout=60)
    assert response.status_code == 503 and response.json()["error"]["code"] == "audit_unavailable"
    assert service.turns("conv-unrecorded") == 0
    service.mend_audit_store()
    llm.enqueue_text("IWM追蹤羅素2000指數[1]。")
    response = httpx.post(f"{service.url}/v1/ask", json={"question": QUESTION, "conversation_id": "conv-recorded"},
                          headers=service.auth(), timeout=60)
    assert response.status_code == 200 and service.turns("conv-recorded") == 1


def test_stream_start_is_recorded_before_the_first_token_and_completed_at_the_end(service, llm) -> None:
    llm.enqueue_text("IWM追蹤羅素2000指數[1]。IWM的管理費為每年0.19%[1]。")
    before = len(service.audit())
    with httpx.stream("POST", f"{service.url}/v1/chat/stream", json={"question": QUESTION},
                      headers=service.auth(), timeout=60) as response:
        assert response.status_code == 200
        lines = response.iter_lines()
        first = next(line for line in lines if line.startswith("data:"))
        rows = service.audit()[before:]  # the stream is still open here
        assert [r["kind"] for r in rows] == ["stream_start"] and rows[0]["question"] == QUESTION
        rest = "\n".join(lines)
    assert "羅素" in first + rest
    rows = service.audit()[before:]
    assert [r["kind"] for r in rows] == ["stream_start", "answer"]
    assert rows[0]["detail"]["stream"] == rows[1]["detail"]["stream"]
    done = json.loads(parse_sse(rest)[-1][1])
    assert rows[1]["message_id"] == done["message_id"] and rows[1]["answer"] == done["answer"]
    assert service.turns(done["conversation_id"]) == 1


def _wait_for(predicate, timeout_s: float = 30.0):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        found = predicate()
        if found:
            return found
        time.sleep(0.1)
    return None


@pytest.mark.parametrize("path", ["/v1/chat/stream", "/v1/chat/completions"])
def test_a_stream_the_client_leaves_is_recorded_as_abandoned(service, llm, path) -> None:
    # The model sends one sentence, then stalls; the client reads it and hangs up.
    llm.enqueue_text("IWM追蹤羅素2000指數[1]。IWM的管理費為每年0.19%[1]。",
                     chunks=["IWM追蹤羅素2000指數[1]。", "IWM的管理費"], hang_after=1, hang_s=20.0)
    body = ({"question": QUESTION} if path == "/v1/chat/stream"
            else {"model": "caiwen", "stream": True, "messages": [{"role": "user", "content": QUESTION}]})
    before = len(service.audit())
    if path == "/v1/chat/stream":  # the widget: anonymous, and the most likely to close a tab mid-answer
        headers, channel = {"Origin": WIDGET_ORIGIN}, "widget"
    else:  # the widget may not call chat completions: a support tool's key does
        headers, channel = service.auth(), None
    with httpx.stream("POST", f"{service.url}{path}", json=body, headers=headers, timeout=60) as response:
        assert response.status_code == 200, response.read()
        for line in response.iter_lines():
            if "羅素" in line:
                break
    rows = _wait_for(lambda: [r for r in service.audit()[before:] if r["kind"] == "stream_abandoned"])
    assert rows, [r["kind"] for r in service.audit()[before:]]
    assert (rows[0]["channel"] == "widget") == (channel == "widget")
    assert "羅素2000" in rows[0]["answer"] and "管理費" not in rows[0]["answer"]
    assert rows[0]["detail"]["code"] == "client_closed"
    kinds = [r["kind"] for r in service.audit()[before:]]
    assert kinds == ["stream_start", "stream_abandoned"]
