"""One home for the relational store: conversations (assistant) and the API's keys, feedback and audit record
share one declarative base, one engine per database URL and one Alembic migration history.

It sits in the bottom layer so both `assistant` and `api` can import it; it knows no table of theirs except
the frozen baseline its first migration creates.
"""
from __future__ import annotations

from caiwen.persistence.base import Base, as_utc, session_factory
from caiwen.persistence.engine import DatabaseUnavailableError, make_engine, open_database
from caiwen.persistence.migrate import current_revision, head_revision, upgrade

__all__ = ["Base", "DatabaseUnavailableError", "as_utc", "current_revision", "head_revision", "make_engine",
           "open_database", "session_factory", "upgrade"]
