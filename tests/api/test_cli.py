"""`caiwen keys create` and `caiwen audit export` against a real SQLite store."""
from __future__ import annotations

import json

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from caiwen.cli.main import app as cli
from service_harness import FakeService

runner = CliRunner()


def test_keys_create_prints_once_and_works(tmp_path, monkeypatch) -> None:
    service = FakeService(tmp_path)
    monkeypatch.setenv("CAIWEN_DATA_DIR", str(service.settings.resolved_data_dir))
    result = runner.invoke(cli, ["keys", "create", "crm-bot", "--scope", "admin"])
    assert result.exit_code == 0, result.output
    raw = result.stdout.strip().splitlines()[0]
    assert raw.startswith("cw_")
    with TestClient(service.app) as client:
        assert client.get("/v1/feedback", headers={"Authorization": f"Bearer {raw}"}).status_code == 200
    listing = runner.invoke(cli, ["keys", "list"])
    assert "crm-bot\tadmin" in listing.stdout and raw not in listing.stdout
    again = runner.invoke(cli, ["keys", "create", "crm-bot"])
    assert again.exit_code == 2 and "already exists" in again.output
    bad_scope = runner.invoke(cli, ["keys", "create", "other", "--scope", "root"])
    assert bad_scope.exit_code != 0 and "scope" in bad_scope.output


def test_audit_export_jsonl(tmp_path, monkeypatch) -> None:
    service = FakeService(tmp_path)
    monkeypatch.setenv("CAIWEN_DATA_DIR", str(service.settings.resolved_data_dir))
    with TestClient(service.app) as client:
        answered = [client.post("/v1/ask", json={"question": q}, headers=service.auth()).json()
                    for q in ("羅素2000點樣重組？", "How does the reconstitution work?")]
    out = tmp_path / "export" / "audit.jsonl"
    result = runner.invoke(cli, ["audit", "export", "--since", "2000-01-01", "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["message_id"] for r in rows] == [a["message_id"] for a in answered]
    assert rows[0]["question"] == "羅素2000點樣重組？" and rows[0]["channel"] == "support-desk"
    assert {"recorded_at", "conversation_id", "answer", "citations", "figures", "composer", "model"} <= set(rows[0])
    future = runner.invoke(cli, ["audit", "export", "--since", "2999-01-01"])
    assert future.exit_code == 0 and future.stdout == ""
    bad = runner.invoke(cli, ["audit", "export", "--since", "last tuesday"])
    assert bad.exit_code != 0 and "ISO" in bad.output
