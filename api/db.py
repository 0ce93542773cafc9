"""The API's relational store: one SQLAlchemy engine on `settings.sql_url` (SQLite by default, PostgreSQL
when several instances share it) holding the API's own tables — keys, feedback and the audit record.

The assistant keeps its conversations on the same URL in its own tables; the API's tables are prefixed
`api_` so the two never collide.
"""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.orm import DeclarativeBase, sessionmaker

# One PostgreSQL advisory lock serialises schema creation (the API's tables and the assistant's
# conversation tables): instances or `--workers` starting together would otherwise race on CREATE TABLE.
SCHEMA_LOCK_KEY = 0x63616977  # "caiw"


class ApiBase(DeclarativeBase):
    """Declarative base of the API's tables (api_keys, api_feedback, api_audit_log)."""


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record) -> None:  # WAL: readers do not block the writer
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def create_schema(engine: Engine) -> None:
    """Create the API's tables (idempotent). Importing the modules registers their tables on ApiBase."""
    from api import audit, feedback_store, security  # noqa: F401  (table registration)

    with engine.begin() as conn:
        lock_schema(conn)
        ApiBase.metadata.create_all(conn)
        audit.install_append_only_guard(conn)


def lock_schema(conn: Connection) -> None:
    """Hold the schema lock until `conn`'s transaction ends (PostgreSQL only)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK_KEY})


def as_utc(value: datetime) -> datetime:
    """A stored time in UTC: SQLite returns it without a zone (it is written in UTC), PostgreSQL in the
    session's time zone (the server's setting, often local time)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def session_factory(engine: Engine) -> sessionmaker:
    return sessionmaker(engine, expire_on_commit=False)
