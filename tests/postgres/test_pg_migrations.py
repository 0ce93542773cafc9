"""The migrations on the real PostgreSQL server: a fresh database, databases left by older releases (adopted
with every row, the PL/pgSQL append-only guard in place), instances starting together (one migrates under the
advisory lock, the others wait), and the forward-only policy."""
from __future__ import annotations

import multiprocessing
import threading
import uuid

import pytest
from alembic import command
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from api.audit import AuditLog
from api.feedback_store import FeedbackStore
from assistant.conversations import ConversationStore
from caiwen.persistence import current_revision, head_revision, make_engine, open_database, upgrade
from caiwen.persistence.migrate import alembic_config
from tests.caiwen.persistence.support import (FIRST_RELEASE_ROWS, LAST_RELEASE_ROWS, TABLES, first_release,
                                              release_schema, revision_rows, run_sql, schema_differences,
                                              table_names)

GUARD = {"api_audit_log_no_change", "api_audit_log_no_truncate"}


def _triggers(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        return set(conn.scalars(text(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = 'api_audit_log'::regclass AND NOT tgisinternal")))


def _refuses_rewrites(engine: Engine) -> None:
    for statement in ("UPDATE api_audit_log SET answer = 'rewritten'", "DELETE FROM api_audit_log",
                      "TRUNCATE api_audit_log"):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(text(statement))


def test_a_fresh_database_is_created_at_the_newest_revision(pg_url: str) -> None:
    engine = open_database(pg_url)
    assert TABLES <= table_names(engine) and revision_rows(engine) == [head_revision()]
    assert _triggers(engine) == GUARD and schema_differences(engine) == []
    AuditLog(engine).append_event(kind="stream_start", channel="widget", endpoint="/v1/chat/stream", question="問")
    _refuses_rewrites(engine)
    second = make_engine(pg_url)
    assert upgrade(second) == head_revision() and revision_rows(second) == [head_revision()]
    second.dispose()


def test_a_first_release_database_is_adopted_with_every_row(pg_url: str) -> None:
    old = make_engine(pg_url)
    run_sql(old, first_release("postgresql") + FIRST_RELEASE_ROWS)
    old.dispose()

    engine = open_database(pg_url)
    assert revision_rows(engine) == [head_revision()] and TABLES <= table_names(engine)
    assert _triggers(engine) == GUARD
    log = AuditLog(engine)
    assert [(r["message_id"], r["kind"]) for r in log.records()] == [("m1", "answer"), ("m2", "answer")]
    assert [f["comment"] for f in FeedbackStore(engine).list()] == ["再讚一次", "清楚"]
    assert [t.message_id for t in ConversationStore(pg_url).history("c1")] == ["m1"]
    ConversationStore(pg_url).append("c2", "m4", "問", "問", "答", "")  # the old SERIAL ids keep counting
    _refuses_rewrites(engine)
    assert len(list(log.records())) == 2


def test_the_last_release_database_is_adopted_unchanged(pg_url: str) -> None:
    old = make_engine(pg_url)
    run_sql(old, release_schema("postgresql") + LAST_RELEASE_ROWS)
    before = table_names(old), _triggers(old)
    old.dispose()

    engine = open_database(pg_url)
    assert revision_rows(engine) == [head_revision()] and schema_differences(engine) == []
    assert (table_names(engine), _triggers(engine)) == (before[0] | {"alembic_version"}, before[1])
    assert [r["message_id"] for r in AuditLog(engine).pending_reviews()] == ["m9"]
    _refuses_rewrites(engine)


def _start(url: str) -> None:
    from assistant.conversations import ConversationStore

    ConversationStore(url).append(f"c-{multiprocessing.current_process().name}",
                                  multiprocessing.current_process().name, "問", "問", "答", "")


@pytest.mark.parametrize("old", [False, True], ids=["fresh", "first-release"])
def test_instances_starting_together_migrate_once(postgres, old: bool) -> None:
    """Separate processes (instances) and threads (engines) on one database at once: the advisory lock lets
    one migrate or adopt it; every other waits, then finds the newest revision."""
    url = postgres.new_database("start")
    if old:
        engine = make_engine(url)
        run_sql(engine, first_release("postgresql") + FIRST_RELEASE_ROWS)
        engine.dispose()
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=_start, args=(url,), name=f"p{n}") for n in range(3)]
    engines = [make_engine(url) for _ in range(4)]
    errors: list[BaseException] = []

    def thread_start(engine: Engine) -> None:
        try:
            upgrade(engine)
        except BaseException as exc:  # noqa: BLE001 — reported below
            errors.append(exc)

    threads = [threading.Thread(target=thread_start, args=(e,)) for e in engines]
    for worker in [*processes, *threads]:
        worker.start()
    for worker in [*processes, *threads]:
        worker.join(timeout=180)
    assert [p.exitcode for p in processes] == [0, 0, 0] and not errors, errors
    assert revision_rows(engines[0]) == [head_revision()] and _triggers(engines[0]) == GUARD
    with engines[0].connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM conversation_turns")).scalar_one() == 3 + old
        assert conn.execute(text("SELECT count(*) FROM api_audit_log")).scalar_one() == (2 if old else 0)
    for engine in engines:
        engine.dispose()


def test_migrations_are_forward_only(pg_url: str) -> None:
    engine = open_database(pg_url)
    ConversationStore(pg_url).append("c1", "m1", "問", "問", "答", "")
    with pytest.raises(NotImplementedError, match="forward-only"), engine.begin() as conn:
        command.downgrade(alembic_config(conn), "base")
    assert current_revision(engine) == head_revision() and TABLES <= table_names(engine)
    assert len(ConversationStore(pg_url).history("c1")) == 1


def test_a_role_without_ddl_rights_cannot_migrate_and_says_so(pg_url: str, postgres) -> None:
    """API instances run as a role that may not change the schema (README): on a database that still needs a
    migration they stop with one clear error, and nothing is half-done; the owner's `caiwen db upgrade` fixes it."""
    from sqlalchemy.engine import make_url

    from caiwen.persistence import DatabaseUnavailableError

    old = make_engine(pg_url)
    run_sql(old, first_release("postgresql") + FIRST_RELEASE_ROWS)
    old.dispose()
    role = f"caiwen_ro_{uuid.uuid4().hex[:8]}"
    with postgres.admin_connect(make_url(pg_url).database) as conn:
        conn.execute(f"CREATE ROLE {role} LOGIN")
        conn.execute(f"GRANT USAGE ON SCHEMA public TO {role}")
        conn.execute(f"GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA public TO {role}")
    as_role = make_url(pg_url).set(username=role).render_as_string(hide_password=False)
    with pytest.raises(DatabaseUnavailableError, match="InsufficientPrivilege"):
        open_database(as_role)
    owner = make_engine(pg_url)
    assert "alembic_version" not in table_names(owner) and "api_audit_head" not in table_names(owner)
    assert upgrade(owner) == head_revision() and revision_rows(owner) == [head_revision()]
    owner.dispose()
