"""Finding 16: 500s were logged without the exception message; a NUL in an ingest path gave a 500; the
CORS preflight refusal was text/plain; the model name was echoed in a 404."""
from __future__ import annotations

import logging

import httpx
from fastapi.testclient import TestClient

from service_harness import FakeService, LiveServer

QUESTION = {"question": "羅素2000點樣重組？"}


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_a_500_logs_its_message_for_the_operator_not_the_caller(tmp_path) -> None:
    service = FakeService(tmp_path)

    def broken(*args, **kwargs):
        raise RuntimeError("catalog row 42 has a NULL title at /srv/caiwen/data")

    service.assistant.ask = broken
    handler = _Records()
    logger = logging.getLogger("caiwen.api")
    logger.addHandler(handler)
    try:
        with LiveServer(service.app) as server:
            response = httpx.post(f"{server.url}/v1/ask", json=QUESTION, headers=service.auth(), timeout=30)
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 500
    assert "NULL title" not in response.text and "/srv/caiwen" not in response.text
    assert "request id" in response.json()["error"]["message"]
    logged = [r for r in handler.records if getattr(r, "error", None)]
    assert logged and "NULL title at /srv/caiwen/data" in logged[-1].error
    assert logged[-1].error_type == "RuntimeError"


def test_nul_in_an_ingest_path_is_422(tmp_path) -> None:
    service = FakeService(tmp_path, ingest_dirs=[tmp_path])
    with TestClient(service.app) as client:
        response = client.post("/v1/ingest", json={"path": f"{tmp_path}/a\u0000b"}, headers=service.auth("admin"))
    assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_request"
    assert "path" in response.json()["error"]["message"]


def test_cors_preflight_refusal_is_the_json_envelope(tmp_path) -> None:
    service = FakeService(tmp_path)
    with LiveServer(service.app) as server:
        refused = httpx.options(f"{server.url}/v1/chat/stream", headers={
            "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert refused.status_code == 400
    assert refused.headers["content-type"].startswith("application/json")
    assert refused.json()["error"]["code"] == "cors_refused"
    assert "access-control-allow-origin" not in refused.headers


def test_unknown_model_is_not_echoed(tmp_path) -> None:
    service = FakeService(tmp_path)
    probe = "<img src=x onerror=alert(1)>"
    with TestClient(service.app) as client:
        response = client.post("/v1/chat/completions", headers=service.auth(),
                               json={"model": probe, "messages": [{"role": "user", "content": "hi"}]})
    assert response.status_code == 404 and response.json()["error"]["code"] == "model_not_found"
    assert probe not in response.text and "onerror" not in response.text
