"""The API's relational store: one SQLAlchemy engine on `settings.sql_url` (SQLite by default, PostgreSQL
when several instances share it) holding the API's own tables — keys, feedback and the audit record.

The assistant keeps its conversations on the same URL in its own tables; the API's tables are prefixed
`api_` so the two never collide.
"""
from __future__ import annotations

from sqlalchemy import Engine

from api import audit, feedback_store
from api import security  # noqa: F401  (registers the api_keys table on ApiBase)
from api.orm import ApiBase, as_utc, session_factory
from assistant.sql_store import make_engine, schema_transaction

__all__ = ["ApiBase", "as_utc", "create_schema", "make_engine", "session_factory"]


def create_schema(engine: Engine) -> None:
    """Create the API's tables (idempotent); importing the table modules registered them on ApiBase."""
    with schema_transaction(engine) as conn:
        ApiBase.metadata.create_all(conn)
        audit.migrate(conn)
        feedback_store.migrate(conn)
        audit.install_append_only_guard(conn)
