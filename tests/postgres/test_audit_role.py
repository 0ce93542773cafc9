"""The audit record on the real PostgreSQL: the API's role (as README documents it) can only INSERT and SELECT
the audit table, the API still starts and writes with it, and concurrent writers keep one chain."""
from __future__ import annotations

import threading
import uuid

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from api.audit import AuditLog
from caiwen.persistence import make_engine, upgrade
from assistant.conversations import ConversationStore
from assistant.schemas import AnswerResponse

# The grants of README's "Compliance" section, for a role named {role}.
GRANTS = """
GRANT USAGE ON SCHEMA public TO {role};
GRANT SELECT ON alembic_version TO {role};
GRANT SELECT, INSERT ON api_audit_log TO {role};
GRANT USAGE ON SEQUENCE api_audit_log_id_seq TO {role};
GRANT SELECT, UPDATE ON api_audit_head TO {role};
GRANT SELECT, INSERT, UPDATE ON api_keys, api_feedback, conversations, conversation_turns TO {role};
GRANT USAGE ON SEQUENCE api_keys_id_seq, api_feedback_id_seq, conversation_turns_id_seq TO {role};
"""


def _answer(n: int) -> AnswerResponse:
    return AnswerResponse(answer=f"罗素2000指数每年6月重组[1]。({n})", lang="zh-Hans", composer="extractive",
                          conversation_id=f"c{n}", message_id=f"m{uuid.uuid4().hex}")


@pytest.fixture
def api_role(pg_url: str, postgres):
    """The schema created by the owner, then a login role with README's grants; returns its URL."""
    owner = make_engine(pg_url)
    upgrade(owner)
    ConversationStore(pg_url)
    role = f"caiwen_api_{uuid.uuid4().hex[:8]}"
    database = make_url(pg_url).database
    with postgres.admin_connect(database) as conn:
        conn.execute(f"CREATE ROLE {role} LOGIN")
        for statement in GRANTS.format(role=role).strip().splitlines():
            conn.execute(statement)
    owner.dispose()
    return make_url(pg_url).set(username=role).render_as_string(hide_password=False)


def test_the_api_role_appends_and_reads_but_cannot_rewrite(api_role: str) -> None:
    engine = make_engine(api_role)
    upgrade(engine)  # what the API does at start-up: must work without DDL rights once the schema exists
    log = AuditLog(engine)
    for n in range(3):
        log.append(question=f"罗素2000怎么重组？{n}", response=_answer(n), channel="support-desk",
                   endpoint="/v1/ask", model=None)
    assert log.verify().ok and len(list(log.records())) == 3
    for statement in ("UPDATE api_audit_log SET answer = 'x' WHERE id = 1", "DELETE FROM api_audit_log",
                      "TRUNCATE api_audit_log", "DROP TABLE api_audit_log",
                      "ALTER TABLE api_audit_log DISABLE TRIGGER ALL"):
        with pytest.raises(ProgrammingError) as caught, engine.begin() as conn:
            conn.execute(text(statement))
        assert isinstance(caught.value.orig, psycopg.errors.InsufficientPrivilege), statement
    assert log.verify().ok
    engine.dispose()


def test_concurrent_writers_on_postgresql_keep_one_chain(api_role: str) -> None:
    engine = make_engine(api_role)
    log = AuditLog(engine)
    errors: list[BaseException] = []

    def write(writer: int) -> None:
        try:
            for n in range(10):
                log.append(question=f"q{writer}-{n}", response=_answer(writer * 100 + n), channel=f"w{writer}",
                           endpoint="/v1/ask", model=None)
        except BaseException as exc:  # noqa: BLE001 — reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors
    rows = list(log.records())
    assert len(rows) == 80 and len({r["prev_hash"] for r in rows}) == 80
    assert log.verify().ok
    engine.dispose()
