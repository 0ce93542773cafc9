"""`caiwen db upgrade|current`: the relational store's schema revision. Every command that writes upgrades
the schema on first use anyway; these are for an operator who runs migrations as the owner before starting
API instances under a role without DDL rights (README, "PostgreSQL role for the API")."""
from __future__ import annotations

from pathlib import Path

import typer

db_app = typer.Typer(help="The SQL store's schema (Alembic migrations, forward-only).", no_args_is_help=True)


def open_or_exit():
    """The migrated engine on the configured database, or one clear error line and exit 2."""
    from caiwen.persistence import DatabaseUnavailableError, open_database
    from caiwen.wiring import load_settings

    try:
        return open_database(load_settings().sql_url)
    except DatabaseUnavailableError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create or migrate the schema to the newest revision (adopting a database from before migrations)."""
    from caiwen.persistence import current_revision

    typer.echo(f"database at revision {current_revision(open_or_exit())} (newest)")


@db_app.command("current")
def db_current() -> None:
    """Print the database's revision and the newest one, changing nothing; exit 1 when they differ."""
    from sqlalchemy.engine import make_url

    from caiwen.persistence import head_revision, make_engine
    from caiwen.wiring import load_settings

    url = make_url(load_settings().sql_url)
    if url.get_backend_name() == "sqlite" and url.database and not Path(url.database).exists():
        current = None  # no database yet: say so without creating its file or folder
    else:
        current = _revision_or_exit(make_engine(url.render_as_string(hide_password=False)))
    head = head_revision()
    typer.echo(f"current {current or 'none'}, newest {head}")
    if current != head:
        typer.echo("run `caiwen db upgrade` (every writing command also upgrades on first use)", err=True)
        raise typer.Exit(1)


def _revision_or_exit(engine) -> str | None:
    from sqlalchemy.exc import SQLAlchemyError

    from caiwen.persistence import current_revision

    try:
        return current_revision(engine)
    except SQLAlchemyError as exc:
        typer.echo(f"error: cannot read the database's revision: {type(exc).__name__}: "
                   f"{str(exc).splitlines()[0]}", err=True)
        raise typer.Exit(2) from None
    finally:
        engine.dispose()


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")
