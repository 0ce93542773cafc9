"""Human review of high-risk answers (SFC circular 24EC55, Nov 2024).

Answers to advice questions and answers the screen changed wait for a person: `GET /v1/review` (admin) and
`caiwen review list` show them; approve/reject (admin endpoints, or the CLI) write the reviewer and the
decision to the audit record as chained `review` rows. Real parts: a uvicorn server on 127.0.0.1, the real
chain over the ingested corpus with its LLM composer talking to a fake OpenAI-compatible server on
127.0.0.1, real SQLite, the real CLI.
"""
from __future__ import annotations

import os
import subprocess
import sys

import httpx
import pytest

from caiwen.wiring import create_app
from api.audit import AuditLog
from caiwen.persistence import make_engine
from service_harness import LiveServer, mint_keys
from tests.security.conftest import llm_service_settings


@pytest.fixture(scope="module")
def service(planted_settings, llm, tmp_path_factory):
    db = tmp_path_factory.mktemp("review") / "api.db"
    settings = llm_service_settings(planted_settings, llm, db)
    keys = mint_keys(settings)
    with LiveServer(create_app(settings)) as server:
        server.keys, server.db, server.settings = keys, db, settings
        yield server


def _key(service, scope: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {service.keys[scope]}"}


def _cli(service, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "CAIWEN_DATA_DIR": str(service.settings.data_dir),
           "CAIWEN_DATABASE_URL": f"sqlite:///{service.db}"}
    return subprocess.run([sys.executable, "-m", "caiwen", *args], capture_output=True, text=True, env=env,
                          timeout=300)


def _audit(service) -> list[dict]:
    engine = make_engine(f"sqlite:///{service.db}")
    try:
        return list(AuditLog(engine).records())
    finally:
        engine.dispose()


def test_advice_and_screened_answers_wait_for_a_reviewer(service, llm) -> None:
    llm.enqueue_text("IWM追蹤羅素2000指數[1]。")
    advice = httpx.post(f"{service.url}/v1/ask", json={"question": "我應唔應該買IWM？"}, headers=_key(service, "ask"),
                        timeout=120).json()
    llm.enqueue_text("IWM追蹤羅素2000指數[1]。各位投資者要即刻沽出IWM[1]。")
    screened = httpx.post(f"{service.url}/v1/ask", json={"question": "IWM追蹤甚麼指數？"},
                          headers=_key(service, "ask"), timeout=120).json()
    llm.enqueue_text("IWM追蹤羅素2000指數[1]。")
    plain = httpx.post(f"{service.url}/v1/ask", json={"question": "IWM追蹤甚麼指數？"}, headers=_key(service, "ask"),
                       timeout=120).json()
    assert advice["review"] == ["advice_request"] and screened["review"] == ["screened"] and plain["review"] == []
    assert "即刻沽出" not in screened["answer"] and screened["warnings"][-1].startswith("screened:")

    assert httpx.get(f"{service.url}/v1/review", headers=_key(service, "ask")).status_code == 403
    queue = httpx.get(f"{service.url}/v1/review", headers=_key(service, "admin"))
    assert queue.status_code == 200
    reasons = {item["message_id"]: item["reasons"] for item in queue.json()["items"]}
    assert reasons == {advice["message_id"]: ["advice_request"], screened["message_id"]: ["screened"]}

    # approve over the API (admin only; once)
    path = f"{service.url}/v1/review/{advice['message_id']}/approve"
    assert httpx.post(path, headers=_key(service, "ask")).status_code == 403
    decided = httpx.post(path, json={"note": "informational only"}, headers=_key(service, "admin"))
    assert decided.status_code == 200, decided.text
    assert decided.json() | {"audit_id": 0} == {"message_id": advice["message_id"], "decision": "approved",
                                                 "reviewer": "ops", "audit_id": 0}
    assert httpx.post(path, headers=_key(service, "admin")).status_code == 409
    unknown = httpx.post(f"{service.url}/v1/review/{plain['message_id']}/reject", headers=_key(service, "admin"))
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "not_awaiting_review"

    # reject from the CLI
    listed = _cli(service, "review", "list")
    assert listed.returncode == 0 and screened["message_id"] in listed.stdout
    assert advice["message_id"] not in listed.stdout
    rejected = _cli(service, "review", "reject", screened["message_id"], "--reviewer", "alice",
                    "--note", "model wrote a sell call")
    assert rejected.returncode == 0, rejected.stderr
    again = _cli(service, "review", "approve", screened["message_id"], "--reviewer", "bob")
    assert again.returncode == 2 and "already been reviewed" in again.stderr
    assert httpx.get(f"{service.url}/v1/review", headers=_key(service, "admin")).json()["items"] == []

    reviews = [r for r in _audit(service) if r["kind"] == "review"]
    assert [(r["message_id"], r["detail"]) for r in reviews] == [
        (advice["message_id"], {"decision": "approved", "reviewer": "ops", "note": "informational only"}),
        (screened["message_id"], {"decision": "rejected", "reviewer": "alice", "note": "model wrote a sell call"}),
    ]
    verify = _cli(service, "audit", "verify")
    assert verify.returncode == 0, verify.stderr
