"""What the API's table modules share: their declarative base and the session and time helpers.

Kept apart from `api.db`, which creates the schema from every table module, so that the table modules
(audit, feedback_store, security) import this and never `api.db` (no import cycle).
"""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlalchemy.orm import DeclarativeBase, sessionmaker


class ApiBase(DeclarativeBase):
    """Declarative base of the API's tables (api_keys, api_feedback, api_audit_log)."""


def as_utc(value: datetime) -> datetime:
    """A stored time in UTC: SQLite returns it without a zone (it is written in UTC), PostgreSQL in the
    session's time zone (the server's setting, often local time)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def session_factory(engine: Engine) -> sessionmaker:
    return sessionmaker(engine, expire_on_commit=False)
