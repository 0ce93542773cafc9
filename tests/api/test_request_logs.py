"""Structured request logs: one JSON-able record per request; the question only when enabled."""
from __future__ import annotations

import json
import logging

import pytest
from fastapi.testclient import TestClient

from api.request_logs import JsonFormatter
from service_harness import FakeService

QUESTION = "羅素2000點樣重組？"


@pytest.fixture
def records():
    captured: list[logging.LogRecord] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            captured.append(record)

    handler = Collect()
    logger = logging.getLogger("caiwen.api")
    logger.addHandler(handler)
    yield captured
    logger.removeHandler(handler)


def _request_lines(records) -> list[dict]:
    return [json.loads(JsonFormatter().format(r)) for r in records if r.getMessage() == "request"]


def test_request_log_fields_without_question(tmp_path, records) -> None:
    service = FakeService(tmp_path)
    with TestClient(service.app) as client:
        response = client.post("/v1/ask", json={"question": QUESTION}, headers={**service.auth(),
                                                                                 "X-Request-ID": "support-ticket-42"})
    line = _request_lines(records)[-1]
    assert line["request_id"] == "support-ticket-42" == response.headers["x-request-id"]
    assert line["status"] == 200 and line["composer"] == "extractive" and line["channel"] == "support-desk"
    assert line["path"] == "/v1/ask" and line["latency_ms"] >= 0
    assert "question" not in line
    everything = "".join(JsonFormatter().format(r) for r in records)
    assert QUESTION not in everything and service.keys["ask"] not in everything


def test_question_logged_only_when_enabled(tmp_path, records) -> None:
    service = FakeService(tmp_path, log_questions=True)
    with TestClient(service.app) as client:
        client.post("/v1/ask", json={"question": QUESTION}, headers=service.auth())
    assert _request_lines(records)[-1]["question"] == QUESTION


def test_unsafe_request_id_is_replaced(client: TestClient, fake_service: FakeService) -> None:
    response = client.get("/healthz", headers={"X-Request-ID": "bad id\n{injected}"})
    assert response.headers["x-request-id"] != "bad id\n{injected}"
    assert len(response.headers["x-request-id"]) == 32
