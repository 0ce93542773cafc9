"""The relational store shared by conversations (here) and the API's keys, feedback and audit record:
one SQLAlchemy URL, SQLite in the data directory by default, PostgreSQL when several instances share it."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock
from sqlalchemy import Engine, create_engine, event, text

# One lock serialises schema creation (the API's tables and the conversation tables): instances or
# `--workers` starting together would otherwise race between "does the table exist" and CREATE TABLE.
SCHEMA_LOCK_KEY = 0x63616977  # "caiw", a PostgreSQL advisory lock key


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


@contextmanager
def schema_transaction(engine: Engine) -> Iterator:
    """A transaction that holds the schema lock: an advisory lock on PostgreSQL, a lock file beside a
    SQLite database (SQLite runs DDL outside the transaction, so the transaction alone would not do)."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    file_lock = FileLock(f"{database}.schema.lock", timeout=60) if database and database != ":memory:" else None
    if file_lock is not None:
        file_lock.acquire()
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK_KEY})
            yield conn
    finally:
        if file_lock is not None:
            file_lock.release()
