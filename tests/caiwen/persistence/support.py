"""Shared by the SQLite tests here and the PostgreSQL ones in tests/postgres: the schemas older releases left
behind (raw SQL, with rows in it) and the checks of a migrated database."""
from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

import api.models  # noqa: F401  (registers the API's tables on Base)
import assistant.conversations  # noqa: F401  (registers the conversation tables on Base)
from caiwen.persistence import Base

HERE = Path(__file__).resolve().parent
TABLES = {"conversations", "conversation_turns", "api_keys", "api_feedback", "api_audit_log", "api_audit_head"}

# The first release: the audit record without the chain, review and stream columns, conversations without
# owners, feedback without its once-per-caller index, no head row and no triggers ({ts}, {serial}: the
# dialect's names for what SQLAlchemy created).
_FIRST_RELEASE = [
    """CREATE TABLE api_audit_log (id {serial} NOT NULL, recorded_at {ts} NOT NULL,
       conversation_id VARCHAR(100), message_id VARCHAR(100), channel VARCHAR(100) NOT NULL,
       endpoint VARCHAR(100) NOT NULL, question TEXT NOT NULL, answer TEXT NOT NULL, lang VARCHAR(16),
       refused BOOLEAN NOT NULL, disclaimer TEXT, citations JSON NOT NULL, figures JSON NOT NULL,
       composer VARCHAR(32) NOT NULL, model VARCHAR(200), PRIMARY KEY (id))""",
    """CREATE TABLE api_feedback (id {serial} NOT NULL, created_at {ts} NOT NULL, message_id VARCHAR(100)
       NOT NULL, rating VARCHAR(8) NOT NULL, comment TEXT, channel VARCHAR(100) NOT NULL, PRIMARY KEY (id))""",
    """CREATE TABLE conversations (id VARCHAR(100) NOT NULL, created_at {ts} NOT NULL, PRIMARY KEY (id))""",
    """CREATE TABLE conversation_turns (id {serial} NOT NULL, conversation_id VARCHAR(100) NOT NULL
       REFERENCES conversations (id), message_id VARCHAR(100) NOT NULL UNIQUE, question TEXT NOT NULL,
       standalone_question TEXT NOT NULL, answer TEXT NOT NULL, subject TEXT NOT NULL,
       created_at {ts} NOT NULL, PRIMARY KEY (id))""",
]


def first_release(dialect: str) -> list[str]:
    ts = {"sqlite": "DATETIME", "postgresql": "TIMESTAMP WITH TIME ZONE"}[dialect]
    serial = {"sqlite": "INTEGER", "postgresql": "SERIAL"}[dialect]
    return [statement.format(ts=ts, serial=serial) for statement in _FIRST_RELEASE]


_AUDIT = ("INSERT INTO api_audit_log (recorded_at, conversation_id, message_id, channel, endpoint, question, answer,"
          " lang, refused, citations, figures, composer{extra}) VALUES ({values})")
FIRST_RELEASE_ROWS = [
    _AUDIT.format(extra="", values="'2026-01-01 09:00:00', 'c1', 'm1', 'widget', '/v1/ask', '羅素2000點樣重組？', "
                  "'羅素2000每年6月重組[1]。', 'zh-Hant', FALSE, '[]', '[]', 'extractive'"),
    _AUDIT.format(extra="", values="'2026-01-02 09:00:00', 'c1', 'm2', 'widget', '/v1/ask', '幾時？', '六月。', "
                  "'zh-Hant', FALSE, '[]', '[]', 'extractive'"),
    "INSERT INTO api_feedback (created_at, message_id, rating, comment, channel) VALUES "
    "('2026-01-01 09:01:00', 'm1', 'up', '清楚', 'widget')",
    "INSERT INTO api_feedback (created_at, message_id, rating, comment, channel) VALUES "
    "('2026-01-01 09:02:00', 'm1', 'up', '再讚一次', 'widget')",  # a repeat: older releases allowed it
    "INSERT INTO conversations (id, created_at) VALUES ('c1', '2026-01-01 09:00:00')",
    "INSERT INTO conversation_turns (conversation_id, message_id, question, standalone_question, answer, subject, "
    "created_at) VALUES ('c1', 'm1', '羅素2000點樣重組？', '羅素2000點樣重組？', '羅素2000每年6月重組[1]。', '羅素2000', "
    "'2026-01-01 09:00:00')",
]
# The last release before migrations: exactly what its create_schema + ConversationStore created (dumped
# into release_schema_*.sql), with a few rows.
LAST_RELEASE_ROWS = [
    _AUDIT.format(extra=", kind, needs_review", values="'2026-02-01 09:00:00', 'c9', 'm9', 'support-desk', "
                  "'/v1/ask', '標普500係咩？', '標普500是美國大型股指數[1]。', 'zh-Hant', FALSE, '[]', '[]', 'extractive', "
                  "'answer', TRUE"),
    "INSERT INTO api_keys (name, key_hash, hint, scope, created_at) VALUES ('support-desk', 'ab', 'cw_abcd', 'ask', "
    "'2026-02-01 08:00:00')",
    "INSERT INTO conversations VALUES ('c9', '2026-02-01 09:00:00', 'support-desk')",
]


def release_schema(dialect: str) -> list[str]:
    lines = (HERE / f"release_schema_{dialect}.sql").read_text(encoding="utf-8").splitlines(keepends=True)
    sql = "".join(line for line in lines if not line.startswith("--"))
    return [statement.strip() for statement in sql.split(";\n") if statement.strip()]


def run_sql(engine: Engine, statements: list[str]) -> None:
    with engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))


def schema_differences(engine: Engine) -> list:
    """What the models (api/models.py, assistant/conversations.py) and the migrated database disagree on."""
    with engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn), Base.metadata)


def revision_rows(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.scalars(text("SELECT version_num FROM alembic_version")))


def table_names(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())
