"""Finding 3: a symbolic link inside an ingest folder must not turn a server file (/etc/passwd) into a
customer-visible source — neither through `caiwen ingest` nor through POST /v1/ingest."""
from __future__ import annotations

import json
from pathlib import Path

import httpx
from typer.testing import CliRunner

from caiwen.cli.main import app
from tests.security.conftest import live_service

SECRET = Path("/etc/passwd")


def _folder_with_links(root: Path) -> Path:
    folder = root / "articles"
    folder.mkdir()
    (folder / "rut.txt").write_text("羅素2000指數每年六月進行年度重組，成分股按市值重新排序。\n", encoding="utf-8")
    (folder / "passwd.txt").symlink_to(SECRET)
    outside = root / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("# internal\n\nnot for customers\n", encoding="utf-8")
    (folder / "more").symlink_to(outside, target_is_directory=True)
    (folder / "inside-alias.txt").symlink_to(folder / "rut.txt")  # a link that stays inside is fine
    return folder


def test_cli_skips_links_out_of_the_folder_and_says_why(tmp_path: Path, monkeypatch) -> None:
    assert SECRET.is_file()
    folder = _folder_with_links(tmp_path)
    monkeypatch.setenv("CAIWEN_DATA_DIR", str(tmp_path / "data"))
    result = CliRunner().invoke(app, ["ingest", str(folder), "--json"])
    assert result.exit_code == 1, result.output
    summary = json.loads(result.stdout)
    reasons = {Path(f["path"]).name: f["reason"] for f in summary["failed"]}
    assert reasons["passwd.txt"].startswith("symbolic link to a file outside the ingest folder")
    assert reasons["more"].startswith("symbolic link to a folder")
    assert sorted(summary["added"]) == ["inside-alias.txt", "rut.txt"]
    listed = json.loads(CliRunner().invoke(app, ["sources", "--json"]).stdout)
    assert "passwd.txt" not in {d["doc_id"] for d in listed}
    assert not any("root:" in d["title"] for d in listed)


def test_api_path_ingest_does_not_serve_linked_server_files(tmp_path: Path, ingested_corpus) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    folder = _folder_with_links(drop)
    with live_service(tmp_path / "svc", ingested_corpus, ingest_dirs=[drop]) as live:
        response = httpx.post(f"{live.url}/v1/ingest", json={"path": str(folder)}, headers=live.auth("admin"),
                              timeout=120)
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["ok"] is False
        failed = {Path(f["path"]).name: f["reason"] for f in body["summary"]["failed"]}
        assert "outside the ingest folder" in failed["passwd.txt"]
        assert "rut.txt" in body["summary"]["added"]
        # the attack as reported: the keyless widget channel reading the linked file back (it no longer
        # reaches /v1/sources at all), and a keyed caller finds no such document
        keyless = httpx.get(f"{live.url}/v1/sources/passwd.txt", headers={"Origin": "https://broker.example"})
        assert keyless.status_code == 401 and "root:" not in keyless.text
        keyed = httpx.get(f"{live.url}/v1/sources/passwd.txt", headers=live.auth("admin"))
        assert keyed.status_code == 404
        assert "root:" not in httpx.get(f"{live.url}/v1/sources", headers=live.auth()).text
