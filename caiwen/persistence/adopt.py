"""Adopting a database that an older release created (its tables, no `alembic_version`): complete it to the
baseline without dropping or rewriting a row, then the runner stamps it at the baseline revision.

What older releases could lack, each added as their start-up used to add it: columns added after the first
release, tables and indexes added later (created empty), the audit writers' head row and the append-only
triggers. Anything else that differs from the baseline is refused, not "fixed".
"""
from __future__ import annotations

import logging

from sqlalchemy import Connection, inspect, text

from caiwen.persistence import baseline

log = logging.getLogger("caiwen.persistence")

# Columns added after the first release, with the DDL their release's start-up ran (defaults fill old rows).
_LATE_COLUMNS = {
    "conversations": {"owner": "VARCHAR(100)"},
    "api_audit_log": {
        "kind": "VARCHAR(16) NOT NULL DEFAULT 'answer'",
        "needs_review": "BOOLEAN NOT NULL DEFAULT FALSE",
        "detail": "JSON",
        "prev_hash": "VARCHAR(64)",
        "row_hash": "VARCHAR(64)",
    },
}
_UNIQUE_IF_CLEAN = {"api_feedback_once": "SELECT 1 FROM api_feedback GROUP BY message_id, channel "
                                         "HAVING count(*) > 1 LIMIT 1"}


class UnrecognisedSchemaError(RuntimeError):
    """Tables by our names that are not an older release's: adopting them could lose data, so nothing is done."""


def needs_adoption(conn: Connection) -> bool:
    tables = set(inspect(conn).get_table_names())
    return "alembic_version" not in tables and bool(tables & set(baseline.metadata.tables))


def _check(conn: Connection) -> None:
    """Refuse before changing anything (SQLite commits each DDL statement on its own)."""
    inspector = inspect(conn)
    present = set(inspector.get_table_names())
    for name, table in baseline.metadata.tables.items():
        if name in present:
            have = {c["name"] for c in inspector.get_columns(name)} | set(_LATE_COLUMNS.get(name, {}))
            missing = set(table.columns.keys()) - have
            if missing:
                raise UnrecognisedSchemaError(f"table {name} lacks {sorted(missing)}: not a schema an older "
                                              "release of Caiwen created, so it is left untouched")


def adopt(conn: Connection) -> None:
    """Complete an older release's schema to the baseline, in `conn`'s transaction (the runner holds the lock)."""
    _check(conn)
    inspector = inspect(conn)
    present = set(inspector.get_table_names())
    for name, table in baseline.metadata.tables.items():
        if name not in present:
            table.create(conn)
            continue
        have = {c["name"] for c in inspector.get_columns(name)}
        for column, ddl in _LATE_COLUMNS.get(name, {}).items():
            if column not in have:
                conn.execute(text(f"ALTER TABLE {name} ADD COLUMN {column} {ddl}"))
        indexes = {index["name"] for index in inspector.get_indexes(name)}
        for index in table.indexes:
            if index.name in indexes:
                continue
            check = _UNIQUE_IF_CLEAN.get(index.name)
            if check is not None and conn.execute(text(check)).first() is not None:
                log.warning("%s holds repeated rows from before; its unique index %s is not created",
                            name, index.name)
                continue
            index.create(conn)
    baseline.seed_audit_head(conn)
    baseline.install_append_only_guard(conn)
    log.info("adopted a database created before migrations; stamping it at the baseline")
