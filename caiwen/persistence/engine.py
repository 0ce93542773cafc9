"""Engines: SQLite in the data directory by default, PostgreSQL when several instances share the store.

`open_database(url)` is what the product uses: one engine per URL in a process (conversations and the API's
stores share its pool), migrated to the newest schema the first time it is opened. `make_engine` builds a
separate one (tests use it to play a second instance).
"""
from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import SQLAlchemyError

from caiwen.errors import CaiwenError
from caiwen.persistence.adopt import UnrecognisedSchemaError


class DatabaseUnavailableError(CaiwenError):
    """The database cannot be reached, created or migrated (unreachable server, unwritable folder, no rights)."""

    code = "storage_unavailable"
    http_status = 503

    @property
    def public_message(self) -> str:  # the message names hosts and paths: the operator's log has it
        return "The answer store is temporarily unavailable; please try again shortly."


def make_engine(url: str) -> Engine:
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
    if engine.url.database and engine.url.database != ":memory:":
        Path(engine.url.database).parent.mkdir(parents=True, exist_ok=True)

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_conn, _record) -> None:  # WAL: readers do not block the writer
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    return engine


_opened: dict[str, Engine] = {}
_opening = threading.Lock()


def open_database(url: str) -> Engine:
    """The process's engine for `url`, its schema upgraded to the newest migration on first use
    (DatabaseUnavailableError, naming the cause, when that cannot be done)."""
    from caiwen.persistence.migrate import upgrade

    with _opening:
        engine = _opened.get(url)
        if engine is None:
            try:
                engine = make_engine(url)
                upgrade(engine)
            except (SQLAlchemyError, OSError, UnrecognisedSchemaError) as exc:
                if engine is not None:
                    engine.dispose()
                where = url if url.startswith("sqlite") else "the configured PostgreSQL database"
                raise DatabaseUnavailableError(f"cannot open or upgrade {where}: {type(exc).__name__}: "
                                               f"{str(exc).splitlines()[0] if str(exc) else ''}") from exc
            _opened[url] = engine
        return engine
