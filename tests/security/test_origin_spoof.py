"""Finding 5: the allowed browser origin was derived from the request's `Host`, which the caller controls
(`Host: evil.example` + `Origin: http://evil.example` gave keyless 200s on every ask endpoint). Only
configured origins count, and the anonymous widget channel reaches only the widget's own endpoints."""
from __future__ import annotations

import json

import httpx
import pytest

from tests.security.conftest import WIDGET_ORIGIN

QUESTION = {"question": "羅素2000點樣重組？"}
CHAT = {"model": "caiwen", "messages": [{"role": "user", "content": QUESTION["question"]}]}
SPOOF = {"Host": "evil.example", "Origin": "http://evil.example"}

CALLS = [
    ("POST", "/v1/ask", QUESTION),
    ("POST", "/v1/chat/stream", QUESTION),
    ("POST", "/v1/chat/completions", CHAT),
    ("POST", "/v1/feedback", {"message_id": "m0ffee00m0ffee01", "rating": "up"}),
    ("GET", "/v1/sources", None),
    ("GET", "/v1/sources/000_4b08b8b848a4e809.txt", None),
    ("GET", "/v1/figures/^RUT", None),
    ("GET", "/v1/models", None),
]


@pytest.mark.parametrize(("method", "path", "body"), CALLS, ids=[f"{m} {p}" for m, p, _ in CALLS])
def test_host_derived_origin_is_refused(live, method: str, path: str, body) -> None:
    response = httpx.request(method, f"{live.url}{path}", json=body, headers=SPOOF, timeout=60)
    assert response.status_code == 401, response.text
    assert response.json()["error"]["code"] == "origin_not_allowed"
    assert "access-control-allow-origin" not in response.headers


@pytest.mark.parametrize(("method", "path", "body"),
                         [c for c in CALLS if c[1] not in ("/v1/chat/stream", "/v1/feedback")],
                         ids=lambda value: str(value) if isinstance(value, str) else "")
def test_widget_origin_reaches_only_the_widget_endpoints(live, method: str, path: str, body) -> None:
    response = httpx.request(method, f"{live.url}{path}", json=body, headers={"Origin": WIDGET_ORIGIN}, timeout=60)
    assert response.status_code == 401, response.text
    assert response.json()["error"]["code"] == "missing_api_key"


def test_widget_origin_streams_and_rates(live) -> None:
    stream = httpx.post(f"{live.url}/v1/chat/stream", json=QUESTION, headers={"Origin": WIDGET_ORIGIN}, timeout=60)
    assert stream.status_code == 200 and stream.headers["access-control-allow-origin"] == WIDGET_ORIGIN
    done = [line for line in stream.text.splitlines() if line.startswith("data:")][-1]
    message_id = json.loads(done[5:])["message_id"]
    rated = httpx.post(f"{live.url}/v1/feedback", json={"message_id": message_id, "rating": "up"},
                       headers={"Origin": WIDGET_ORIGIN}, timeout=30)
    assert rated.status_code == 201, rated.text
