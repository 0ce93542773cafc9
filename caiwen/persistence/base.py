"""The product's one declarative base, and the session and time helpers every store uses."""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlalchemy.orm import DeclarativeBase, sessionmaker


class Base(DeclarativeBase):
    """Declarative base of every table (api/models.py, assistant/conversations.py); the migrations create them."""


def as_utc(value: datetime) -> datetime:
    """A stored time in UTC: SQLite returns it without a zone (it is written in UTC), PostgreSQL in the
    session's time zone (the server's setting, often local time)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def session_factory(engine: Engine) -> sessionmaker:
    return sessionmaker(engine, expire_on_commit=False)
