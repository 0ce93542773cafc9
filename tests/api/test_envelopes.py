"""Bad input never reaches the chain, and every 4xx/5xx has the one JSON envelope and no trace."""
from __future__ import annotations

import json

from fastapi.testclient import TestClient

from knowledge_base.retriever import MAX_K
from service_harness import FakeService


def assert_envelope(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body["error"]) == {"code", "message"}
    assert body["error"]["message"]
    assert "Traceback" not in response.text and 'File "' not in response.text
    if code:
        assert body["error"]["code"] == code
    return body


def test_empty_body(client: TestClient, fake_service: FakeService) -> None:
    body = assert_envelope(client.post("/v1/ask", headers=fake_service.auth()), 422, "invalid_request")
    assert "body" in body["error"]["message"]


def test_non_json_body(client: TestClient, fake_service: FakeService) -> None:
    response = client.post("/v1/ask", content=b"question=hi", headers={**fake_service.auth(),
                                                                      "Content-Type": "application/json"})
    body = assert_envelope(response, 422, "invalid_request")
    assert "not valid JSON" in body["error"]["message"]


def test_wrong_types_and_unknown_fields(client: TestClient, fake_service: FakeService) -> None:
    for payload in ({"question": 42}, {"question": "hi", "k": 0}, {"question": "hi", "k": MAX_K + 1},
                    {"question": "hi", "lang": "fr"},
                    {"question": "hi", "surprise": 1}, {"question": "hi", "filters": {"$where": "x"}}, []):
        assert_envelope(client.post("/v1/ask", json=payload, headers=fake_service.auth()), 422, "invalid_request")
    assert fake_service.assistant.calls == []


def test_blank_question(client: TestClient, fake_service: FakeService) -> None:
    assert_envelope(client.post("/v1/ask", json={"question": ""}, headers=fake_service.auth()), 422)
    assert_envelope(client.post("/v1/ask", json={"question": "   \n"}, headers=fake_service.auth()), 422,
                    "invalid_question")


def test_question_over_the_limit(client: TestClient, fake_service: FakeService) -> None:
    limit = fake_service.settings.max_question_chars
    body = assert_envelope(
        client.post("/v1/ask", json={"question": "羅" * (limit + 1)}, headers=fake_service.auth()),
        422, "question_too_long",
    )
    assert str(limit) in body["error"]["message"]
    assert client.post("/v1/ask", json={"question": "羅" * limit}, headers=fake_service.auth()).status_code == 200


def test_oversized_body_by_content_length(client: TestClient, fake_service: FakeService) -> None:
    big = json.dumps({"question": "x" * (fake_service.settings.max_body_bytes + 10)})
    response = client.post("/v1/ask", content=big, headers={**fake_service.auth(), "Content-Type": "application/json"})
    assert_envelope(response, 413, "payload_too_large")


def test_oversized_chunked_body(client: TestClient, fake_service: FakeService) -> None:
    def chunks():
        yield b'{"question": "'
        for _ in range(20):
            yield b"x" * 100_000
        yield b'"}'

    response = client.post("/v1/ask", content=chunks(), headers={**fake_service.auth(), "Content-Type": "application/json"})
    assert_envelope(response, 413, "payload_too_large")


def test_chain_rejection_is_422(client: TestClient, fake_service: FakeService) -> None:
    assert_envelope(client.post("/v1/ask", json={"question": "BAD"}, headers=fake_service.auth()), 422,
                    "invalid_question")


def test_store_down_is_503_not_a_trace(client: TestClient, fake_service: FakeService) -> None:
    fake_service.assistant.store_up = False
    body = assert_envelope(client.post("/v1/ask", json={"question": "hi"}, headers=fake_service.auth()), 503,
                           "store_unavailable")
    assert "127.0.0.1:1" not in body["error"]["message"]  # operator detail stays out of customer replies
    ready = client.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["checks"]["store"] is False
    assert ready.json()["error"]["code"] == "store_unavailable"
    assert client.get("/healthz").status_code == 200


def test_unknown_route_and_method(client: TestClient, fake_service: FakeService) -> None:
    assert_envelope(client.get("/v1/nothing-here", headers=fake_service.auth()), 404, "not_found")
    assert_envelope(client.get("/v1/ask", headers=fake_service.auth()), 405, "method_not_allowed")


def test_unexpected_error_is_500_envelope_with_request_id(tmp_path) -> None:
    service = FakeService(tmp_path)

    def explode(question, **kwargs):
        raise RuntimeError("secret-token-123 leaked in an exception message")

    service.assistant.ask = explode
    with TestClient(service.app, raise_server_exceptions=False) as client:
        response = client.post("/v1/ask", json={"question": "hi"}, headers=service.auth())
    body = assert_envelope(response, 500, "internal_error")
    assert "secret-token-123" not in response.text
    assert response.headers["x-request-id"] in body["error"]["message"]


def test_assistant_failing_at_startup_gives_503_then_recovers(tmp_path) -> None:
    from knowledge_base.errors import StoreUnavailableError

    service = FakeService(tmp_path)
    attempts = {"n": 0}

    def factory(_settings):
        attempts["n"] += 1
        if attempts["n"] == 1:
            raise StoreUnavailableError("no chroma")
        return service.assistant

    from caiwen.wiring import create_app

    app = create_app(service.settings, assistant_factory=factory)
    with TestClient(app) as client:  # start-up does not crash
        assert client.get("/healthz").status_code == 200
        # the first retry happens on this request and succeeds: the store came back
        assert client.post("/v1/ask", json={"question": "hi"}, headers=service.auth()).status_code == 200
        assert client.get("/readyz").status_code == 200
