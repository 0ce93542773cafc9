"""Finding 14 and the tamper-evident audit record.

SQLite's `INSERT OR REPLACE` rewrote an audit row without firing the append-only triggers, and a dropped
trigger let rows be deleted: nothing showed it. Now every row carries the SHA-256 of its canonical JSON,
chained to the previous row's hash; `caiwen audit verify` reports the first broken link and exits 1, also on
an exported file offline; rows from before the upgrade are covered by the first chained row; and concurrent
writers (separate processes on one SQLite file) never fork the chain. Real SQLite, real CLI.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from api.audit import AuditLog
from api.audit_chain import GENESIS, verify_export
from assistant.schemas import AnswerResponse
from caiwen.persistence import make_engine, upgrade


def _answer(n: int) -> AnswerResponse:
    return AnswerResponse(answer=f"羅素2000指數每年6月重組[1]。({n})", lang="zh-Hant", region="HK",
                          composer="extractive", conversation_id=f"c{n}", message_id=f"m{n}")


def _log(db: Path) -> AuditLog:
    engine = make_engine(f"sqlite:///{db}")
    upgrade(engine)
    return AuditLog(engine)


def _filled(db: Path, rows: int = 4) -> AuditLog:
    log = _log(db)
    for n in range(1, rows + 1):
        log.append(question=f"羅素2000點樣重組？({n})", response=_answer(n), channel="support-desk",
                   endpoint="/v1/ask", model=None)
    return log


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "CAIWEN_DATA_DIR": str(db.parent), "CAIWEN_DATABASE_URL": f"sqlite:///{db}"}
    return subprocess.run([sys.executable, "-m", "caiwen", "audit", *args], capture_output=True, text=True,
                          env=env, timeout=300)


def test_rows_are_chained_and_verify(tmp_path: Path) -> None:
    log = _filled(tmp_path / "api.db")
    rows = list(log.records())
    assert rows[0]["prev_hash"] == GENESIS
    assert all(b["prev_hash"] == a["row_hash"] for a, b in zip(rows, rows[1:]))
    report = log.verify()
    assert report.ok and report.rows == 4 and report.head == rows[-1]["row_hash"]
    done = _cli(tmp_path / "api.db", "verify")
    assert done.returncode == 0 and f"4 row(s), head {rows[-1]['row_hash']}" in done.stdout


def test_insert_or_replace_passes_the_triggers_but_not_verify(tmp_path: Path) -> None:
    db = tmp_path / "api.db"
    _filled(db)
    with sqlite3.connect(db) as conn:  # the attack of finding 14, exactly: the triggers do not fire
        conn.row_factory = sqlite3.Row
        row = dict(conn.execute("SELECT * FROM api_audit_log WHERE id = 2").fetchone())
        row["answer"] = "投資者應該立刻買進IWM。"
        marks = ",".join("?" * len(row))
        conn.execute(f"INSERT OR REPLACE INTO api_audit_log ({','.join(row)}) VALUES ({marks})", list(row.values()))
    assert next(r for r in _log(db).records() if r["id"] == 2)["answer"] == "投資者應該立刻買進IWM。"
    report = _log(db).verify()
    assert not report.ok and report.broken_at == 2 and "changed" in report.reason
    done = _cli(db, "verify")
    assert done.returncode == 1 and "BROKEN at row 2" in done.stderr


def test_a_deleted_row_breaks_the_next_link(tmp_path: Path) -> None:
    db = tmp_path / "api.db"
    _filled(db)
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TRIGGER api_audit_log_no_delete")
        conn.execute("DELETE FROM api_audit_log WHERE id = 2")
    report = _log(db).verify()
    assert report.broken_at == 3 and "prev_hash" in report.reason
    assert _cli(db, "verify").returncode == 1


def test_dropped_newest_rows_are_caught_by_the_head(tmp_path: Path) -> None:
    db = tmp_path / "api.db"
    _filled(db)
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TRIGGER api_audit_log_no_delete")
        conn.execute("DELETE FROM api_audit_log WHERE id = 4")
    report = _log(db).verify()
    assert not report.ok and report.broken_at == 4 and "newest rows" in report.reason


def test_an_export_verifies_offline_and_shows_tampering(tmp_path: Path) -> None:
    db = tmp_path / "api.db"
    _filled(db)
    export = tmp_path / "audit.jsonl"
    assert _cli(db, "export", "--since", "2000-01-01", "--out", str(export)).returncode == 0
    lines = export.read_text(encoding="utf-8").splitlines()
    assert all({"prev_hash", "row_hash", "kind"} <= set(json.loads(line)) for line in lines)
    assert verify_export(lines).ok and _cli(db, "verify", "--file", str(export)).returncode == 0
    assert verify_export(lines[2:]).ok  # an export from a later --since starts mid-chain
    row = json.loads(lines[1])
    row["answer"] = "保證今年翻倍"
    lines[1] = json.dumps(row, ensure_ascii=False)
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = _cli(db, "verify", "--file", str(export))
    assert done.returncode == 1 and "BROKEN at row 2" in done.stderr
    missing = _cli(db, "verify", "--file", str(tmp_path / "nope.jsonl"))
    assert missing.returncode == 2 and "cannot read" in missing.stderr


# The table as the first release created it, before the chain, stream and review columns.
_OLD_TABLE = """CREATE TABLE api_audit_log (
    id INTEGER NOT NULL, recorded_at DATETIME, conversation_id VARCHAR(100), message_id VARCHAR(100),
    channel VARCHAR(100) NOT NULL, endpoint VARCHAR(100) NOT NULL, question TEXT NOT NULL, answer TEXT NOT NULL,
    lang VARCHAR(16), refused BOOLEAN NOT NULL, disclaimer TEXT, citations JSON NOT NULL, figures JSON NOT NULL,
    composer VARCHAR(32) NOT NULL, model VARCHAR(200), PRIMARY KEY (id))"""


def test_an_existing_database_is_migrated_and_its_old_rows_are_covered(tmp_path: Path) -> None:
    db = tmp_path / "api.db"
    with sqlite3.connect(db) as conn:
        conn.execute(_OLD_TABLE)
        for n in (1, 2):
            conn.execute("INSERT INTO api_audit_log VALUES (?, '2026-01-0%d 09:00:00.000000', ?, ?, 'widget', "
                         "'/v1/ask', ?, ?, 'zh-Hant', 0, NULL, '[]', '[]', 'extractive', NULL)" % n,
                         (n, f"c{n}", f"m{n}", f"舊問題{n}", f"舊答案{n}"))
    log = _log(db)  # the upgrade adopts the old database: it adds the columns
    log.append(question="新問題", response=_answer(3), channel="widget", endpoint="/v1/ask", model=None)
    rows = list(log.records())
    assert [r["kind"] for r in rows] == ["answer"] * 3 and rows[0]["row_hash"] is None
    assert rows[2]["prev_hash"] != GENESIS and log.verify().ok
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT OR REPLACE INTO api_audit_log (id, recorded_at, channel, endpoint, question, answer, "
                     "refused, citations, figures, composer, kind, needs_review) VALUES (1, "
                     "'2026-01-01 09:00:00.000000', 'widget', '/v1/ask', '舊問題1', '改寫', 0, '[]', '[]', "
                     "'extractive', 'answer', 0)")
    report = log.verify()
    assert not report.ok and report.broken_at == 3  # the first chained row vouched for the old ones


def _write_many(db: str, writer: int, count: int) -> None:
    log = AuditLog(make_engine(f"sqlite:///{db}"))
    for n in range(count):
        log.append(question=f"q{writer}-{n}", response=_answer(writer * 1000 + n), channel=f"w{writer}",
                   endpoint="/v1/ask", model=None)


def test_concurrent_writers_do_not_fork_the_chain(tmp_path: Path) -> None:
    db = tmp_path / "api.db"
    _log(db)
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_write_many, args=(str(db), w, 25)) for w in range(4)]
    for p in writers:
        p.start()
    for p in writers:
        p.join(timeout=300)
        assert p.exitcode == 0
    log = _log(db)
    rows = list(log.records())
    assert len(rows) == 100 and len({r["prev_hash"] for r in rows}) == 100
    report = log.verify()
    assert report.ok and report.rows == 100


@pytest.mark.parametrize("kind", ["stream_start", "stream_abandoned"])
def test_event_rows_are_chained_too(tmp_path: Path, kind: str) -> None:
    log = _filled(tmp_path / "api.db", rows=1)
    log.append_event(kind=kind, channel="widget", endpoint="/v1/chat/stream", question="IWM係咩？", answer="IWM")
    assert log.verify().ok and list(log.records())[-1]["kind"] == kind
    with pytest.raises(ValueError):
        log.append_event(kind="edit", channel="widget", endpoint="/v1/ask")
