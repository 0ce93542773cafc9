"""Answer routes on the chain double: response shapes, SSE order, OpenAI shape, audit, feedback, sources."""
from __future__ import annotations

import json

from fastapi.testclient import TestClient

from caiwen.persistence import make_engine
from service_harness import WIDGET_ORIGIN, FakeService, parse_sse

QUESTION = {"question": "羅素2000點樣重組？", "k": 3, "lang": "zh-Hant"}


def audit_rows(service: FakeService) -> list[dict]:
    from api.audit import AuditLog

    return list(AuditLog(make_engine(service.settings.sql_url)).records())


def test_ask_returns_the_answer_contract(client: TestClient, fake_service: FakeService) -> None:
    response = client.post("/v1/ask", json={**QUESTION, "conversation_id": "conv-1",
                                            "filters": {"doc_id": "articles/rut.txt"}}, headers=fake_service.auth())
    assert response.status_code == 200
    body = response.json()
    for field in ("answer", "lang", "composer", "citations", "figures", "conversation_id", "message_id", "latency_ms"):
        assert field in body
    assert body["citations"][0]["n"] == 1 and body["conversation_id"] == "conv-1"
    call = fake_service.assistant.calls[-1]
    assert call == {"question": QUESTION["question"], "lang": "zh-Hant", "k": 3, "conversation_id": "conv-1",
                    "filters": {"doc_ids": ["articles/rut.txt"]}, "caller": "support-desk", "remember": False}
    assert response.headers["x-request-id"]


def test_every_answer_is_audited_with_channel(client: TestClient, fake_service: FakeService) -> None:
    first = client.post("/v1/ask", json=QUESTION, headers=fake_service.auth()).json()
    client.post("/v1/chat/stream", json=QUESTION, headers={"Origin": WIDGET_ORIGIN})
    rows = [r for r in audit_rows(fake_service) if r["kind"] == "answer"]  # streams also log their start
    assert [r["channel"] for r in rows] == ["support-desk", "widget"]
    row = rows[0]
    assert row["message_id"] == first["message_id"] and row["conversation_id"] == first["conversation_id"]
    assert row["question"] == QUESTION["question"] and row["answer"] == first["answer"]
    assert row["citations"][0]["quote"] == first["citations"][0]["quote"]
    assert row["figures"][0]["symbol"] == "^RUT"
    assert row["composer"] == "extractive" and row["model"] is None
    assert row["recorded_at"].endswith("+00:00")


def test_audit_rows_cannot_be_updated_or_deleted(client: TestClient, fake_service: FakeService) -> None:
    import pytest
    from sqlalchemy import text
    from sqlalchemy.exc import DatabaseError

    client.post("/v1/ask", json=QUESTION, headers=fake_service.auth())
    engine = make_engine(fake_service.settings.sql_url)
    for statement in ("UPDATE api_audit_log SET answer = 'rewritten'", "DELETE FROM api_audit_log"):
        with pytest.raises(DatabaseError, match="append-only"):
            with engine.begin() as conn:
                conn.execute(text(statement))
    assert len(audit_rows(fake_service)) == 1


def test_stream_event_order_and_payloads(client: TestClient, fake_service: FakeService) -> None:
    response = client.post("/v1/chat/stream", json=QUESTION, headers={"Origin": WIDGET_ORIGIN})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    events = parse_sse(response.text)
    names = [name for name, _ in events]
    assert names == ["token", "token", "token", "citations", "figures", "done"]
    text = "".join(json.loads(data)["text"] for name, data in events if name == "token")
    done = json.loads(events[-1][1])
    assert text == done["answer"]
    assert json.loads(events[3][1])[0]["quote"] == done["citations"][0]["quote"]
    assert json.loads(events[4][1])[0]["symbol"] == "^RUT"
    assert done["message_id"] and done["conversation_id"] and "disclaimer" in done and "refused" in done
    assert audit_rows(fake_service)[-1]["message_id"] == done["message_id"]


def test_stream_errors_before_start_are_envelopes(client: TestClient, fake_service: FakeService) -> None:
    bad = client.post("/v1/chat/stream", json={"question": "BAD"}, headers=fake_service.auth())
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_question"
    fake_service.assistant.store_up = False
    down = client.post("/v1/chat/stream", json=QUESTION, headers=fake_service.auth())
    assert down.status_code == 503 and down.json()["error"]["code"] == "store_unavailable"


def test_stream_failure_midway_is_an_error_event(client: TestClient, fake_service: FakeService) -> None:
    fake_service.assistant.fail_mid_stream = True
    response = client.post("/v1/chat/stream", json=QUESTION, headers=fake_service.auth())
    events = parse_sse(response.text)
    assert [name for name, _ in events][-1] == "error"
    assert json.loads(events[-1][1]) == {"error": {"code": "store_unavailable", "message": json.loads(
        events[-1][1])["error"]["message"]}}
    assert "done" not in [name for name, _ in events]
    # no answer was recorded; the stream's start and what it sent before failing were
    rows = audit_rows(fake_service)
    assert [r["kind"] for r in rows] == ["stream_start", "stream_failed"]
    assert rows[1]["answer"] == "羅素2000指數每年6月重組[1]。" and rows[1]["detail"]["code"] == "store_unavailable"


def test_openai_compatible_shape(client: TestClient, fake_service: FakeService) -> None:
    payload = {"model": "caiwen", "temperature": 0.2, "messages": [
        {"role": "system", "content": "You are a pirate."},
        {"role": "user", "content": "罗素2000是什么？"},
        {"role": "assistant", "content": "罗素2000是小型股指数[1]"},
        {"role": "user", "content": [{"type": "text", "text": "羅素2000點樣重組？"}]},
    ]}
    response = client.post("/v1/chat/completions", json=payload, headers=fake_service.auth())
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["object"] == "chat.completion" and body["model"] == "caiwen"
    assert body["choices"][0]["message"] == {"role": "assistant", "content": "羅素2000指數每年6月重組[1]。"}
    assert body["caiwen"]["citations"][0]["n"] == 1
    call = fake_service.assistant.calls[-1]
    assert call["question"] == "羅素2000點樣重組？"
    # the earlier turns reach the chain as history; the system prompt was dropped
    assert call["history"] == [("罗素2000是什么？", "罗素2000是小型股指数[1]")] and call["conversation_id"] is None
    assert audit_rows(fake_service)[-1]["endpoint"] == "/v1/chat/completions"


def test_openai_bad_requests(client: TestClient, fake_service: FakeService) -> None:
    wrong_model = client.post("/v1/chat/completions", headers=fake_service.auth(),
                              json={"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}]})
    assert wrong_model.status_code == 404 and wrong_model.json()["error"]["code"] == "model_not_found"
    no_user = client.post("/v1/chat/completions", headers=fake_service.auth(),
                          json={"model": "caiwen", "messages": [{"role": "system", "content": "hi"}]})
    assert no_user.status_code == 422
    empty = client.post("/v1/chat/completions", headers=fake_service.auth(), json={"model": "caiwen", "messages": []})
    assert empty.status_code == 422


def test_feedback_round_trip(client: TestClient, fake_service: FakeService) -> None:
    stream = client.post("/v1/chat/stream", json=QUESTION, headers={"Origin": WIDGET_ORIGIN})
    answer = json.loads(parse_sse(stream.text)[-1][1])
    created = client.post("/v1/feedback", json={"message_id": answer["message_id"], "rating": "down",
                                                "comment": "太長"}, headers={"Origin": WIDGET_ORIGIN})
    assert created.status_code == 201 and created.json() == {"ok": True}
    listing = client.get("/v1/feedback", headers=fake_service.auth("admin")).json()["items"]
    assert listing[0]["rating"] == "down" and listing[0]["comment"] == "太長"
    assert listing[0]["question"] == QUESTION["question"] and listing[0]["channel"] == "widget"
    assert client.get("/v1/feedback?rating=up", headers=fake_service.auth("admin")).json()["items"] == []


def test_feedback_bad_input(client: TestClient, fake_service: FakeService) -> None:
    unknown = client.post("/v1/feedback", json={"message_id": "nope", "rating": "up"}, headers=fake_service.auth())
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "unknown_message"
    bad = client.post("/v1/feedback", json={"message_id": "x", "rating": "meh"}, headers=fake_service.auth())
    assert bad.status_code == 422


def test_sources(client: TestClient, fake_service: FakeService) -> None:
    listing = client.get("/v1/sources", headers=fake_service.auth()).json()
    assert listing["count"] == 1 and listing["documents"][0]["doc_id"] == "articles/rut.txt"
    detail = client.get("/v1/sources/articles/rut.txt", headers=fake_service.auth())
    assert detail.status_code == 200 and detail.json()["chunks"][0]["text"] == "羅素2000指數每年6月重組"
    missing = client.get("/v1/sources/nope.txt", headers=fake_service.auth())
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "unknown_document"


def test_health_and_readiness(client: TestClient, fake_service: FakeService) -> None:
    assert fake_service.assistant.warmed  # start-up loaded what the first question would wait for
    assert client.get("/healthz").json()["status"] == "ok"
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json() == {"ready": True, "checks": {
        "store": True, "embedder": True, "llm": "extractive", "database": True, "data_dir_writable": True}}


def test_openapi_has_examples(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert schema["components"]["schemas"]["AskRequest"]["examples"][0]["question"]
    assert schema["components"]["schemas"]["AskResponse"]["examples"][0]["citations"]
    assert {"/v1/ask", "/v1/chat/stream", "/v1/chat/completions", "/v1/feedback", "/v1/sources", "/v1/ingest",
            "/healthz", "/readyz"} <= set(schema["paths"])


def test_widget_files_are_served_or_a_clear_404(client: TestClient) -> None:
    from api.routes.widget import WIDGET_DIR

    for path, name in (("/widget.js", "widget.js"), ("/", "demo.html")):
        response = client.get(path)
        if (WIDGET_DIR / name).is_file():
            assert response.status_code == 200
        else:
            assert response.status_code == 404 and name in response.json()["error"]["message"]


def test_readiness_names_an_unreachable_llm(client: TestClient, fake_service: FakeService) -> None:
    fake_service.assistant.health = lambda: {"store": True, "embedder": True, "llm": "unreachable"}
    ready = client.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["error"] == {"code": "not_ready", "message": "Not ready: LLM unreachable."}
    assert ready.json()["checks"]["llm"] == "unreachable"
