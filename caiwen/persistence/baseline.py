"""The schema as the last release before migrations left it, frozen: revision 0001 creates it and the
adoption of an older database completes it. Never edit it; a change to the schema is a new revision.

The append-only guard of the audit record is part of it: triggers refuse UPDATE and DELETE (and TRUNCATE on
PostgreSQL), so not even a bug in the API can rewrite the record.
"""
from __future__ import annotations

from sqlalchemy import (JSON, Boolean, Column, Connection, DateTime, ForeignKey, Index, Integer, MetaData, String,
                        Table, Text, insert, select, text)

GENESIS = "0" * 64  # api_audit_head's hash before the first row (api/audit_chain.py has the same)

metadata = MetaData()

Table(
    "conversations", metadata,
    Column("id", String(100), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("owner", String(100)),
)
Table(
    "conversation_turns", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("conversation_id", String(100), ForeignKey("conversations.id"), nullable=False, index=True),
    Column("message_id", String(100), nullable=False, unique=True),
    Column("question", Text, nullable=False),
    Column("standalone_question", Text, nullable=False),
    Column("answer", Text, nullable=False),
    Column("subject", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
Table(
    "api_keys", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("key_hash", String(64), nullable=False, unique=True),
    Column("hint", String(16), nullable=False),
    Column("scope", String(16), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
)
Table(
    "api_feedback", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", DateTime(timezone=True), nullable=False, index=True),
    Column("message_id", String(100), nullable=False, index=True),
    Column("rating", String(8), nullable=False),
    Column("comment", Text),
    Column("channel", String(100), nullable=False),
    Index("api_feedback_once", "message_id", "channel", unique=True),
)
audit_log = Table(
    "api_audit_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("recorded_at", DateTime(timezone=True), nullable=False, index=True),
    Column("conversation_id", String(100), index=True),
    Column("message_id", String(100), index=True),
    Column("channel", String(100), nullable=False),
    Column("endpoint", String(100), nullable=False),
    Column("question", Text, nullable=False),
    Column("answer", Text, nullable=False),
    Column("lang", String(16)),
    Column("refused", Boolean, nullable=False),
    Column("disclaimer", Text),
    Column("citations", JSON, nullable=False),
    Column("figures", JSON, nullable=False),
    Column("composer", String(32), nullable=False),
    Column("model", String(200)),
    Column("kind", String(16), nullable=False, server_default="answer"),
    Column("needs_review", Boolean, nullable=False, server_default="0", index=True),
    Column("detail", JSON),
    Column("prev_hash", String(64)),
    Column("row_hash", String(64)),
)
audit_head = Table(
    "api_audit_head", metadata,
    Column("id", Integer, primary_key=True),
    Column("last_id", Integer, nullable=False),
    Column("last_hash", String(64), nullable=False),
)

_SQLITE_GUARD = [
    """CREATE TRIGGER IF NOT EXISTS api_audit_log_no_update BEFORE UPDATE ON api_audit_log
       BEGIN SELECT RAISE(ABORT, 'api_audit_log is append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS api_audit_log_no_delete BEFORE DELETE ON api_audit_log
       BEGIN SELECT RAISE(ABORT, 'api_audit_log is append-only'); END""",
]
_POSTGRES_GUARD = [
    """CREATE OR REPLACE FUNCTION api_audit_log_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'api_audit_log is append-only'; END; $$ LANGUAGE plpgsql""",
    "DROP TRIGGER IF EXISTS api_audit_log_no_change ON api_audit_log",
    """CREATE TRIGGER api_audit_log_no_change BEFORE UPDATE OR DELETE ON api_audit_log
       FOR EACH ROW EXECUTE FUNCTION api_audit_log_append_only()""",
    # TRUNCATE fires no row triggers; a statement trigger refuses it too.
    "DROP TRIGGER IF EXISTS api_audit_log_no_truncate ON api_audit_log",
    """CREATE TRIGGER api_audit_log_no_truncate BEFORE TRUNCATE ON api_audit_log
       FOR EACH STATEMENT EXECUTE FUNCTION api_audit_log_append_only()""",
]
APPEND_ONLY_GUARD = {"sqlite": _SQLITE_GUARD, "postgresql": _POSTGRES_GUARD}


def install_append_only_guard(conn: Connection) -> None:
    for statement in APPEND_ONLY_GUARD[conn.dialect.name]:
        conn.execute(text(statement))


def seed_audit_head(conn: Connection) -> None:
    """The writers' lock row (api/audit.py serialises on it), unless it is there."""
    if conn.execute(select(audit_head.c.id).where(audit_head.c.id == 1)).first() is None:
        conn.execute(insert(audit_head).values(id=1, last_id=0, last_hash=GENESIS))
