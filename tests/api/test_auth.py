"""Keys, scopes, the browser origin allowlist (CORS) and the per-IP rate limit."""
from __future__ import annotations

from fastapi.testclient import TestClient

from service_harness import WIDGET_ORIGIN, FakeService

from api.audit import AuditLog
from caiwen.persistence import make_engine


def audited_channel(service: FakeService) -> str:
    return list(AuditLog(make_engine(service.settings.sql_url)).records())[-1]["channel"]

QUESTION = {"question": "羅素2000點樣重組？"}


def test_missing_key_is_401_with_envelope(client: TestClient) -> None:
    response = client.post("/v1/ask", json=QUESTION)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "missing_api_key"
    assert response.headers["www-authenticate"] == "Bearer"


def test_invalid_key_is_401(client: TestClient) -> None:
    response = client.post("/v1/ask", json=QUESTION, headers={"Authorization": "Bearer cw_not-a-real-key"})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_api_key"


def test_malformed_authorization_header_is_401(client: TestClient, fake_service: FakeService) -> None:
    key = fake_service.keys["ask"]
    for header in (f"Basic {key}", "Bearer", "Bearer    ", key):
        response = client.post("/v1/ask", json=QUESTION, headers={"Authorization": header})
        assert response.status_code == 401, header
        assert response.json()["error"]["code"] == "invalid_authorization"


def test_valid_key_answers_and_is_the_channel(client: TestClient, fake_service: FakeService) -> None:
    response = client.post("/v1/ask", json=QUESTION, headers=fake_service.auth("ask"))
    assert response.status_code == 200
    assert audited_channel(fake_service) == "support-desk"


def test_wrong_scope_is_403(client: TestClient, fake_service: FakeService) -> None:
    listing = client.get("/v1/feedback", headers=fake_service.auth("ask"))
    assert listing.status_code == 403
    assert listing.json()["error"]["code"] == "insufficient_scope"
    ingest = client.post("/v1/ingest", json={"path": "/etc"}, headers=fake_service.auth("ask"))
    assert ingest.status_code == 403
    assert client.get("/v1/feedback", headers=fake_service.auth("admin")).status_code == 200


def test_revoked_key_is_401(client: TestClient, fake_service: FakeService) -> None:
    from caiwen.persistence import make_engine
    from api.security import KeyStore

    assert KeyStore(make_engine(fake_service.settings.sql_url)).revoke("support-desk")
    response = client.post("/v1/ask", json=QUESTION, headers=fake_service.auth("ask"))
    assert response.status_code == 401


def test_keys_are_stored_only_as_hashes(fake_service: FakeService) -> None:
    raw = fake_service.keys["admin"]
    db_bytes = (fake_service.settings.resolved_data_dir / "caiwen.db").read_bytes()
    wal = fake_service.settings.resolved_data_dir / "caiwen.db-wal"
    stored = db_bytes + (wal.read_bytes() if wal.exists() else b"")
    assert raw.encode() not in stored
    assert raw[8:].encode() not in stored


def test_allowed_origin_without_key_is_the_widget(client: TestClient, fake_service: FakeService) -> None:
    response = client.post("/v1/chat/stream", json=QUESTION, headers={"Origin": WIDGET_ORIGIN})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == WIDGET_ORIGIN
    assert audited_channel(fake_service) == "widget"


def test_refused_origin_without_key_is_401_without_cors_headers(client: TestClient) -> None:
    response = client.post("/v1/ask", json=QUESTION, headers={"Origin": "https://evil.example"})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "origin_not_allowed"
    assert "access-control-allow-origin" not in response.headers


def test_cors_preflight_allowed_and_refused(client: TestClient) -> None:
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    allowed = client.options("/v1/chat/stream", headers={"Origin": WIDGET_ORIGIN, **preflight})
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == WIDGET_ORIGIN
    refused = client.options("/v1/chat/stream", headers={"Origin": "https://evil.example", **preflight})
    assert refused.status_code == 400
    assert "access-control-allow-origin" not in refused.headers


def test_widget_cannot_use_admin_endpoints(client: TestClient) -> None:
    response = client.get("/v1/feedback", headers={"Origin": WIDGET_ORIGIN})
    assert response.status_code == 401 and response.json()["error"]["code"] == "missing_api_key"


def test_demo_page_origin_is_allowed_only_when_configured(tmp_path) -> None:
    # the demo page at / calls the API it was served from; TestClient's base URL is http://testserver
    refused = TestClient(FakeService(tmp_path / "a").app)
    assert refused.post("/v1/chat/stream", json=QUESTION, headers={"Origin": "http://testserver"}).status_code == 401
    allowed = TestClient(FakeService(tmp_path / "b", cors_origins=["http://testserver"]).app)
    assert allowed.post("/v1/chat/stream", json=QUESTION, headers={"Origin": "http://testserver"}).status_code == 200


def test_widget_rate_limit_is_429_per_ip_and_keys_are_exempt(tmp_path) -> None:
    service = FakeService(tmp_path, rate_limit="3/minute")
    with TestClient(service.app) as client:
        statuses = [client.post("/v1/chat/stream", json=QUESTION, headers={"Origin": WIDGET_ORIGIN}).status_code
                    for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        limited = client.post("/v1/chat/stream", json=QUESTION, headers={"Origin": WIDGET_ORIGIN})
        assert limited.json()["error"]["code"] == "rate_limited"
        assert int(limited.headers["retry-after"]) >= 1
        # support tools with keys are not counted against the widget limit
        assert all(client.post("/v1/ask", json=QUESTION, headers=service.auth()).status_code == 200
                   for _ in range(5))
