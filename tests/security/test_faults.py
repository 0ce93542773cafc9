"""Fault injection on the real service: the Chroma directory removed, the data directory read-only, the
LLM down, the SQL store down, the disk full during ingest. Each gives a 503 or one clear CLI error,
/readyz tells the truth, and nothing already stored is lost or left half-written."""
from __future__ import annotations

import shutil
from pathlib import Path

import httpx
import pytest

from tests.postgres.conftest import postgres  # noqa: F401 — the real PostgreSQL server fixture
from tests.security.conftest import cli, index_counts, live_service, prepared_settings, read_only, small_disk

QUESTION = {"question": "羅素2000點樣重組？"}


def _ask(live) -> httpx.Response:
    return httpx.post(f"{live.url}/v1/ask", json=QUESTION, headers=live.auth(), timeout=60)


def test_chroma_directory_removed(tmp_path: Path, ingested_corpus) -> None:
    with live_service(tmp_path, ingested_corpus) as live:
        before = index_counts(live.settings.resolved_data_dir)
        assert _ask(live).status_code == 200
        shutil.rmtree(live.settings.chroma_path)
        ready = httpx.get(f"{live.url}/readyz", timeout=30)
        assert ready.status_code == 503 and ready.json()["checks"]["store"] is False, ready.text
        asked = _ask(live)
        assert asked.status_code == 503 and asked.json()["error"]["code"] == "store_unavailable", asked.text
        stream = httpx.post(f"{live.url}/v1/chat/stream", json=QUESTION, headers=live.auth(), timeout=60)
        assert stream.status_code == 503
    # the catalog kept everything: a fresh ingest writes the vectors again without re-embedding
    run = cli("ingest", str(live.corpus), "--json", data_dir=live.settings.resolved_data_dir)
    assert run.returncode == 0, run.stderr
    assert '"repaired"' in run.stdout and run.stdout.count(".txt") >= 5
    after = index_counts(live.settings.resolved_data_dir)
    assert after == before and after["vectors"] == after["chunks"]


def test_data_directory_read_only(tmp_path: Path, ingested_corpus) -> None:
    with live_service(tmp_path, ingested_corpus) as live:
        data = live.settings.resolved_data_dir
        before = index_counts(data)
        (live.corpus / "new.txt").write_text("羅素2000指數每年六月重組，新文章。\n", encoding="utf-8")
        with read_only(data):
            ready = httpx.get(f"{live.url}/readyz", timeout=30)
            assert ready.status_code == 503 and ready.json()["checks"]["data_dir_writable"] is False, ready.text
            # SQLite keeps writing through files it opened before the remount: an answer is either
            # recorded or refused with a 503, never a 500
            asked = _ask(live)
            assert asked.status_code in (200, 503), asked.text
            if asked.status_code == 503:
                assert asked.json()["error"]["code"] in ("storage_unavailable", "audit_unavailable")
            else:
                assert _audited(live, asked.json()["message_id"])
            run = cli("ingest", str(live.corpus), data_dir=data)
            assert run.returncode == 2, (run.stdout, run.stderr)
            assert "error:" in run.stderr and "Traceback" not in run.stderr + run.stdout
        assert httpx.get(f"{live.url}/readyz", timeout=30).status_code == 200
        assert _ask(live).status_code == 200
    assert index_counts(data) == before


def _audited(live, message_id: str) -> bool:
    from api.audit import AuditLog
    from caiwen.persistence import make_engine

    return any(r["message_id"] == message_id for r in AuditLog(make_engine(live.settings.sql_url)).records())


def test_llm_down(tmp_path: Path, ingested_corpus) -> None:
    from tests.conftest import free_port

    closed = f"http://127.0.0.1:{free_port()}/v1"
    with live_service(tmp_path, ingested_corpus, composer="llm", llm_base_url=closed, llm_api_key="k",
                      llm_timeout_s=2) as live:
        ready = httpx.get(f"{live.url}/readyz", timeout=30)
        assert ready.status_code == 503 and ready.json()["checks"]["llm"] == "unreachable", ready.text
        asked = _ask(live)  # the extractive fallback still answers, from the articles
        assert asked.status_code == 200, asked.text
        assert asked.json()["composer"] == "extractive" and asked.json()["citations"]


def test_sql_store_down(tmp_path: Path, ingested_corpus, request) -> None:
    try:
        cluster = request.getfixturevalue("postgres")
    except pytest.FixtureLookupError:
        pytest.skip("the PostgreSQL fixture is not available")
    url = cluster.new_database("faults")
    name = url.rsplit("/", 1)[1]
    with live_service(tmp_path, ingested_corpus, database_url=url) as live:
        assert _ask(live).status_code == 200
        with cluster.admin_connect() as admin:
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
        try:
            ready = httpx.get(f"{live.url}/readyz", timeout=30)
            assert ready.status_code == 503 and ready.json()["checks"]["database"] is False, ready.text
            asked = _ask(live)
            assert asked.status_code == 503, asked.text
            assert asked.json()["error"]["code"] in ("storage_unavailable", "audit_unavailable")
        finally:
            with cluster.admin_connect() as admin:
                admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
        assert httpx.get(f"{live.url}/readyz", timeout=30).status_code == 200
        assert _ask(live).status_code == 200
    with cluster.admin_connect(name) as conn:
        rows = conn.execute("SELECT count(*) FROM api_audit_log").fetchone()[0]
    assert rows == 2  # the two answers given; the refused one was not delivered and not recorded


def test_disk_full_during_ingest(tmp_path: Path, ingested_corpus) -> None:
    with small_disk(tmp_path / "disk", "12m") as disk:
        settings, corpus = prepared_settings(disk, ingested_corpus)
        data = settings.resolved_data_dir
        before = index_counts(data)
        article = "\n".join(f"第{i}段：羅素2000指數每年六月重組，小型股的成分與權重隨之改變。" for i in range(300))
        (corpus / "big-new.txt").write_text(article, encoding="utf-8")
        filler = disk / "filler"
        with filler.open("wb", buffering=0) as handle:  # fill the disk: the new article finds no room
            try:
                while True:
                    handle.write(b"\0" * 65536)
            except OSError:
                pass
        run = cli("ingest", str(corpus), data_dir=data)
        assert run.returncode == 2, (run.stdout, run.stderr)
        assert "error:" in run.stderr and "Traceback" not in run.stderr + run.stdout
        filler.unlink()
        assert index_counts(data) == before  # nothing stored was lost or half-written
        again = cli("ingest", str(corpus), "--json", data_dir=data)
        assert again.returncode == 0, again.stderr
        after = index_counts(data)
        assert after["documents"] == before["documents"] + 1 and after["vectors"] == after["chunks"]
