"""The API's relational store: one SQLAlchemy engine on `settings.sql_url` (SQLite by default, PostgreSQL
when several instances share it) holding the API's own tables — keys, feedback and the audit record.

The assistant keeps its conversations on the same URL in its own tables; the API's tables are prefixed
`api_` so the two never collide.
"""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlalchemy.orm import DeclarativeBase, sessionmaker

from assistant.sql_store import make_engine, schema_transaction

__all__ = ["ApiBase", "as_utc", "create_schema", "make_engine", "session_factory"]


class ApiBase(DeclarativeBase):
    """Declarative base of the API's tables (api_keys, api_feedback, api_audit_log)."""


def create_schema(engine: Engine) -> None:
    """Create the API's tables (idempotent). Importing the modules registers their tables on ApiBase."""
    from api import audit, feedback_store, security  # noqa: F401  (table registration)

    with schema_transaction(engine) as conn:
        ApiBase.metadata.create_all(conn)
        audit.migrate(conn)
        feedback_store.migrate(conn)
        audit.install_append_only_guard(conn)


def as_utc(value: datetime) -> datetime:
    """A stored time in UTC: SQLite returns it without a zone (it is written in UTC), PostgreSQL in the
    session's time zone (the server's setting, often local time)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def session_factory(engine: Engine) -> sessionmaker:
    return sessionmaker(engine, expire_on_commit=False)
