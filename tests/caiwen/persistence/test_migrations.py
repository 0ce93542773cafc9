"""The relational store's migrations on a real SQLite file: a fresh database, databases left by older releases
(adopted with every row kept, the audit record still append-only), processes starting together, the
forward-only policy, and a database that cannot be opened (one clear error, no traceback)."""
from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from typer.testing import CliRunner

from api.audit import AuditLog
from api.feedback_store import FeedbackStore
from assistant.conversations import ConversationStore
from assistant.schemas import AnswerResponse
from caiwen.persistence import (DatabaseUnavailableError, current_revision, head_revision, make_engine,
                                open_database, upgrade)
from caiwen.persistence.migrate import alembic_config
from tests.caiwen.persistence.support import (FIRST_RELEASE_ROWS, LAST_RELEASE_ROWS, TABLES, first_release,
                                              release_schema, revision_rows, run_sql, schema_differences,
                                              table_names)


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


def _objects(db: Path, kind: str) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = ?", (kind,))}


def _refuses_rewrites(db: Path) -> None:
    for statement in ("UPDATE api_audit_log SET answer = 'rewritten'", "DELETE FROM api_audit_log"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"), sqlite3.connect(db) as conn:
            conn.execute(statement)


def test_a_fresh_database_is_created_at_the_newest_revision(tmp_path: Path) -> None:
    db = tmp_path / "new" / "folder" / "caiwen.db"  # nothing exists yet: zero setup
    engine = open_database(_url(db))
    assert open_database(_url(db)) is engine  # one engine per URL in the process
    assert TABLES <= table_names(engine) and revision_rows(engine) == [head_revision()]
    assert {"api_audit_log_no_update", "api_audit_log_no_delete"} <= _objects(db, "trigger")
    assert schema_differences(engine) == []  # the models and the migrations agree
    with engine.connect() as conn:
        assert conn.execute(text("SELECT id, last_id FROM api_audit_head")).all() == [(1, 0)]

    second = make_engine(_url(db))  # another instance starting later: nothing to do, nothing changes
    before = {kind: _objects(db, kind) for kind in ("table", "index", "trigger")}
    assert upgrade(second) == head_revision() and revision_rows(second) == [head_revision()]
    assert {kind: _objects(db, kind) for kind in ("table", "index", "trigger")} == before
    second.dispose()

    log = AuditLog(engine)
    log.append(question="IWM係咩？", response=AnswerResponse(answer="IWM追蹤羅素2000[1]。", lang="zh-Hant",
                                                           composer="extractive", message_id="m1"),
               channel="widget", endpoint="/v1/ask", model=None)
    _refuses_rewrites(db)
    assert log.verify().ok and len(list(log.records())) == 1


def test_a_first_release_database_is_adopted_with_every_row(tmp_path: Path, caplog) -> None:
    db = tmp_path / "caiwen.db"
    old = make_engine(_url(db))
    run_sql(old, first_release("sqlite") + FIRST_RELEASE_ROWS)
    old.dispose()

    engine = open_database(_url(db))
    assert revision_rows(engine) == [head_revision()] and TABLES <= table_names(engine)
    assert "api_feedback holds repeated rows" in caplog.text  # the unique index would refuse old rows
    assert "api_feedback_once" not in _objects(db, "index")
    _refuses_rewrites(db)

    log = AuditLog(engine)
    rows = list(log.records())
    assert [(r["message_id"], r["kind"], r["answer"]) for r in rows] == [
        ("m1", "answer", "羅素2000每年6月重組[1]。"), ("m2", "answer", "六月。")]
    assert [f["comment"] for f in FeedbackStore(engine).list()] == ["再讚一次", "清楚"]
    assert [t.answer for t in ConversationStore(_url(db)).history("c1")] == ["羅素2000每年6月重組[1]。"]
    log.append(question="新問題", response=AnswerResponse(answer="新答案", lang="zh-Hant", composer="extractive",
                                                        message_id="m3"), channel="widget", endpoint="/v1/ask",
               model=None)
    assert log.verify().ok and log.verify().rows == 3  # the first chained row vouches for the old ones


def test_the_last_release_database_is_adopted_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "caiwen.db"
    old = make_engine(_url(db))
    run_sql(old, release_schema("sqlite") + LAST_RELEASE_ROWS)
    old.dispose()
    before = {kind: _objects(db, kind) for kind in ("table", "index", "trigger")}

    engine = open_database(_url(db))
    assert revision_rows(engine) == [head_revision()] and schema_differences(engine) == []
    after = {kind: _objects(db, kind) for kind in ("table", "index", "trigger")}
    assert after["table"] == before["table"] | {"alembic_version"} and after["trigger"] == before["trigger"]
    assert [r["message_id"] for r in AuditLog(engine).pending_reviews()] == ["m9"]
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name, scope FROM api_keys")).all() == [("support-desk", "ask")]
        assert conn.execute(text("SELECT owner FROM conversations")).scalar_one() == "support-desk"
    _refuses_rewrites(db)


def test_tables_that_no_release_created_are_left_untouched(tmp_path: Path) -> None:
    db = tmp_path / "caiwen.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE api_keys (id INTEGER PRIMARY KEY, secret TEXT)")
        conn.execute("INSERT INTO api_keys VALUES (1, 'someone else''s')")
    with pytest.raises(DatabaseUnavailableError, match=r"api_keys lacks \['created_at'"):
        open_database(_url(db))
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT * FROM api_keys").fetchall() == [(1, "someone else's")]
        assert {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")} == {"api_keys"}


def _start(url: str, adopt_old: bool) -> None:
    from assistant.conversations import ConversationStore
    from caiwen.persistence import open_database

    open_database(url)
    ConversationStore(url).append(f"c-{multiprocessing.current_process().name}", multiprocessing.current_process()
                                  .name, "問", "問", "答", "")


@pytest.mark.parametrize("old", [False, True], ids=["fresh", "first-release"])
def test_processes_starting_together_migrate_once(tmp_path: Path, old: bool) -> None:
    """`caiwen serve --workers N` or several instances on one file: one of them migrates, the others wait."""
    db = tmp_path / "caiwen.db"
    if old:
        engine = make_engine(_url(db))
        run_sql(engine, first_release("sqlite") + FIRST_RELEASE_ROWS)
        engine.dispose()
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=_start, args=(_url(db), old), name=f"p{n}") for n in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=180)
    assert [p.exitcode for p in processes] == [0, 0, 0, 0]
    engine = make_engine(_url(db))
    assert revision_rows(engine) == [head_revision()]
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM conversation_turns")).scalar_one() == 4 + old
        assert conn.execute(text("SELECT count(*) FROM api_audit_log")).scalar_one() == (2 if old else 0)
    engine.dispose()


def test_migrations_are_forward_only(tmp_path: Path) -> None:
    db = tmp_path / "caiwen.db"
    engine = open_database(_url(db))
    ConversationStore(_url(db)).append("c1", "m1", "問", "問", "答", "")
    with pytest.raises(NotImplementedError, match="forward-only"), engine.begin() as conn:
        command.downgrade(alembic_config(conn), "base")
    assert current_revision(engine) == head_revision() and TABLES <= table_names(engine)
    assert len(ConversationStore(_url(db)).history("c1")) == 1


def test_audit_rows_cannot_be_rewritten_through_the_engine(tmp_path: Path) -> None:
    engine = open_database(_url(tmp_path / "caiwen.db"))
    AuditLog(engine).append_event(kind="stream_start", channel="widget", endpoint="/v1/chat/stream", question="問")
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text("DELETE FROM api_audit_log"))


# --- a database that cannot be opened -----------------------------------------------------------------


def _cli(monkeypatch, tmp_path: Path, url: str, *args: str):
    from caiwen.cli.main import app

    monkeypatch.setenv("CAIWEN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CAIWEN_DATABASE_URL", url)
    return CliRunner().invoke(app, list(args))


@pytest.mark.parametrize("command_line", [("db", "upgrade"), ("audit", "export", "--since", "2026-01-01"),
                                          ("keys", "list"), ("review", "list"), ("audit", "verify"),
                                          ("serve",)])
def test_an_unusable_database_is_one_clear_cli_error(monkeypatch, tmp_path: Path, command_line) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the database folder should be", encoding="utf-8")
    done = _cli(monkeypatch, tmp_path, _url(blocker / "caiwen.db"), *command_line)
    assert done.exit_code == 2, done.output
    assert "error: cannot open or upgrade sqlite:///" in done.output and "FileExistsError" in done.output
    assert isinstance(done.exception, SystemExit) and "Traceback" not in done.output


def test_an_unreachable_postgresql_is_one_clear_cli_error(monkeypatch, tmp_path: Path) -> None:
    from tests.conftest import free_port

    url = f"postgresql+psycopg://caiwen:secret@127.0.0.1:{free_port()}/caiwen?connect_timeout=5"
    done = _cli(monkeypatch, tmp_path, url, "db", "upgrade")
    assert done.exit_code == 2 and "error: cannot open or upgrade the configured PostgreSQL database" in done.output
    assert "OperationalError" in done.output and "secret" not in done.output and "Traceback" not in done.output


def test_db_current_and_upgrade_on_the_cli(monkeypatch, tmp_path: Path) -> None:
    url = _url(tmp_path / "cli.db")
    assert _cli(monkeypatch, tmp_path, url, "db", "current").exit_code == 1  # nothing yet, nothing created
    assert not (tmp_path / "cli.db").exists() or current_revision(make_engine(url)) is None
    done = _cli(monkeypatch, tmp_path, url, "db", "upgrade")
    assert done.exit_code == 0 and f"database at revision {head_revision()}" in done.output
    done = _cli(monkeypatch, tmp_path, url, "db", "current")
    assert done.exit_code == 0 and f"current {head_revision()}, newest {head_revision()}" in done.output


def test_db_current_on_a_missing_database_creates_nothing(monkeypatch, tmp_path: Path) -> None:
    """`db current` changes nothing: with no database yet it reports `none` without making its folder."""
    url = _url(tmp_path / "not-yet" / "caiwen.db")
    done = _cli(monkeypatch, tmp_path, url, "db", "current")
    assert done.exit_code == 1 and "current none" in done.output, done.output
    assert not (tmp_path / "not-yet").exists()
