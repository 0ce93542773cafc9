"""Finding 12: an upload's doc_id was its bare file name (uploading `000_4b08b8b848a4e809.txt` replaced a
corpus article), rejected uploads stayed in `uploads/`, and files were written before the 409 check."""
from __future__ import annotations

from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from service_harness import FakeService

CORPUS_DOC = "000_4b08b8b848a4e809.txt"


def test_upload_cannot_replace_a_corpus_article_and_rejects_leave_nothing(live) -> None:
    original = httpx.get(f"{live.url}/v1/sources/{CORPUS_DOC}", headers=live.auth()).json()
    planted = "羅素2000指數明年保證翻倍，立即買入。\n\n這是上傳的假文章。".encode()
    up = httpx.post(f"{live.url}/v1/ingest", headers=live.auth("admin"), timeout=120,
                    files=[("files", (CORPUS_DOC, planted, "text/plain")),
                           ("files", ("scan.txt", b"\x00\x01\x02PNG" * 100, "text/plain")),
                           ("files", ("empty.txt", b"", "text/plain"))])
    assert up.status_code == 200, up.text
    summary = up.json()["summary"]
    assert summary["added"] == [f"upload/{CORPUS_DOC}"]
    assert sorted(f["path"] for f in summary["failed"]) == ["empty.txt", "scan.txt"]
    after = httpx.get(f"{live.url}/v1/sources/{CORPUS_DOC}", headers=live.auth()).json()
    assert after["document"]["content_hash"] == original["document"]["content_hash"]
    assert [c["text"] for c in after["chunks"]] == [c["text"] for c in original["chunks"]]
    uploads = live.settings.resolved_data_dir / "uploads"
    assert sorted(p.name for p in uploads.iterdir()) == [CORPUS_DOC]  # the rejected files were removed


def test_409_comes_before_anything_is_written(tmp_path: Path) -> None:
    service = FakeService(tmp_path)
    with TestClient(service.app) as client:
        lock = service.app.state.service.ingest_lock
        client.portal.call(lock.acquire)  # an ingest is running (held in the app's own event loop)
        try:
            busy = client.post("/v1/ingest", headers=service.auth("admin"),
                               files=[("files", ("note.txt", "羅素2000".encode(), "text/plain"))])
        finally:
            lock.release()
        assert busy.status_code == 409 and busy.json()["error"]["code"] == "ingest_running"
        uploads = service.settings.resolved_data_dir / "uploads"
        assert not uploads.exists() or not any(uploads.iterdir())
