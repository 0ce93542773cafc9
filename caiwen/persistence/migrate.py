"""Run the migrations: `upgrade(engine)` brings any database to the newest revision, at start-up of the API
and of every CLI command that writes (through `open_database`), or by hand with `caiwen db upgrade`.

- No alembic.ini: the script location is this package's `migrations/` folder.
- Several instances or `--workers` may start at once: the upgrade runs under a lock (a PostgreSQL advisory
  lock held by the upgrade's transaction; beside a SQLite file, a lock file, since SQLite runs DDL outside
  the transaction), and each re-reads the revision once it holds it.
- A database already at the newest revision is only read (a role without DDL rights starts fine).
- Databases from before migrations are adopted (adopt.py) and stamped at the baseline.
- Forward-only: no revision can be downgraded (the audit record must never be dropped); restore a backup.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from filelock import FileLock
from sqlalchemy import Connection, Engine, text

from caiwen.persistence import adopt

MIGRATIONS = Path(__file__).with_name("migrations")
BASELINE = "0001"
SCHEMA_LOCK_KEY = 0x63616977  # "caiw": the PostgreSQL advisory lock key of schema changes
LOCK_TIMEOUT_S = 120


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration without an alembic.ini: the migrations of this package, run on `connection`."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError(f"{MIGRATIONS} holds no revision: the package is incomplete")
    return head


def current_revision(engine: Engine) -> str | None:
    """The database's revision (None: empty, or created before migrations)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@contextmanager
def _schema_lock(engine: Engine) -> Iterator[Connection]:
    """A transaction that holds the schema lock; the migrations run in it."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    file_lock = FileLock(f"{database}.schema.lock", timeout=LOCK_TIMEOUT_S) if database not in (None, "", ":memory:") \
        else None
    if file_lock is not None:
        file_lock.acquire()
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SET LOCAL lock_timeout = '120s'"))
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK_KEY})
            yield conn
    finally:
        if file_lock is not None:
            file_lock.release()


def upgrade(engine: Engine) -> str:
    """Bring the database to the newest revision (adopting an older release's database first); returns it."""
    head = head_revision()
    if current_revision(engine) == head:
        return head
    with _schema_lock(engine) as conn:
        config = alembic_config(conn)
        if adopt.needs_adoption(conn):
            adopt.adopt(conn)
            command.stamp(config, BASELINE)
        command.upgrade(config, "head")
    return head
