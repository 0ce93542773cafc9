"""Alembic's environment: migrate the connection `caiwen.persistence.migrate` hands over (it holds the schema
lock and the transaction), so nothing here reads a URL or an alembic.ini."""
from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
# SQLite cannot ALTER most things in place: batch mode copies the table (for revisions that need it).
context.configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
