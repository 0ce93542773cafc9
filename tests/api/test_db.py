"""The API's tables on the two supported databases: SQLite (run for real) and PostgreSQL (DDL compiled)."""
from __future__ import annotations

from sqlalchemy import create_mock_engine

from api import audit, feedback_store, security  # noqa: F401  (registers the tables)
from api.db import ApiBase


def test_tables_compile_for_postgresql() -> None:
    statements: list[str] = []

    def record(sql, *args, **kwargs) -> None:
        statements.append(str(sql.compile(dialect=engine.dialect)))

    engine = create_mock_engine("postgresql://", record)
    ApiBase.metadata.create_all(engine, checkfirst=False)
    ddl = "\n".join(statements)
    for table in ("api_keys", "api_feedback", "api_audit_log"):
        assert f"CREATE TABLE {table}" in ddl
    assert "TIMESTAMP WITH TIME ZONE" in ddl and "JSON" in ddl
    assert any("append-only" in s for s in audit._POSTGRES_GUARD)


def test_schema_creation_is_idempotent(tmp_path) -> None:
    from api.db import create_schema, make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'api.db'}")
    create_schema(engine)
    create_schema(engine)  # a second instance starting on the same database
    with engine.connect() as conn:
        names = {row[0] for row in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
    assert {"api_keys", "api_feedback", "api_audit_log", "api_audit_log_no_update", "api_audit_log_no_delete"} <= names
