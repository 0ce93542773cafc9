"""`caiwen serve` (the HTTP API), `caiwen audit export` (compliance record) and `caiwen keys` (API keys)."""
from __future__ import annotations

import logging
import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

import typer

audit_app = typer.Typer(help="The compliance record of every answered question.", no_args_is_help=True)
keys_app = typer.Typer(help="API keys for support tools (stored hashed; scopes ask|admin).", no_args_is_help=True)


def _key_store():
    from api.security import KeyStore
    from caiwen.cli.db import open_or_exit

    return KeyStore(open_or_exit())


def serve(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(8000, min=1, max=65535),
    workers: int = typer.Option(1, min=1, max=64, help="Worker processes; each loads the chain once."),
    proxy_headers: bool = typer.Option(
        False, help="Trust X-Forwarded-For from the load balancer (for the per-IP limit)."
    ),
    per_worker_limits: bool = typer.Option(
        False, help="Allow --workers > 1 with in-memory rate limits (each worker counts alone: N× the limit)."
    ),
) -> None:
    """Serve the API (and the chat widget at /widget.js, a demo page at /)."""
    import uvicorn

    from caiwen.cli.db import open_or_exit
    from caiwen.wiring import ConfigError, load_settings

    try:
        settings = load_settings()  # fail fast on bad configuration, before workers fork
    except ConfigError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    settings.resolved_data_dir.mkdir(parents=True, exist_ok=True)
    if workers > 1 and settings.rate_limit_storage.startswith("memory://") and not per_worker_limits:
        typer.echo(
            f"error: with --workers {workers} and in-memory rate limits every worker counts alone, so the widget "
            f"limit ({settings.rate_limit}) becomes {workers}× that. Set CAIWEN_RATE_LIMIT_STORAGE=redis://… "
            "to share the counts, or pass --per-worker-limits to accept it.",
            err=True,
        )
        raise typer.Exit(2)
    if workers > 1:
        prepare_workers(workers, settings.rate_limit_storage)
    open_or_exit().dispose()  # migrate once, before the workers start (each then finds the newest revision)
    uvicorn.run(
        "caiwen.wiring:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=False,  # api.request_logs writes one structured line per request instead
        proxy_headers=proxy_headers,
        log_level="info",
    )


def prepare_workers(workers: int, rate_limit_storage: str) -> None:
    """Several worker processes: Prometheus metrics go through files every worker writes (prometheus_client's
    multiprocess mode, read from PROMETHEUS_MULTIPROC_DIR before the workers import it), and a per-IP limit
    kept in each worker's memory would let N times the limit through."""
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="caiwen-metrics-")
    if rate_limit_storage.startswith("memory://"):
        logging.getLogger("caiwen.api").warning(
            "%d workers with CAIWEN_RATE_LIMIT_STORAGE=memory://: each worker counts on its own, so a client may "
            "get up to %d times the per-IP limit; set it to redis://host:port to share the counts", workers, workers)


def _parse_since(value: str) -> datetime:
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter("use an ISO date or time, e.g. 2026-01-31 or 2026-01-31T09:00:00+08:00") from None


@audit_app.command("export")
def audit_export(
    since: str = typer.Option(..., "--since", help="ISO date/time (UTC unless it has an offset), inclusive."),
    out: Path | None = typer.Option(None, "--out", help="Write JSON Lines here instead of stdout."),
) -> None:
    """Write the audit record from SINCE as JSON Lines (one row per line: answers, stream events, reviews;
    each with its prev_hash and row_hash, so `caiwen audit verify --file` can check it offline)."""
    from api.audit import AuditLog
    from caiwen.cli.db import open_or_exit

    start = _parse_since(since)
    log = AuditLog(open_or_exit())
    if out is None:
        count = log.export_jsonl(sys.stdout, since=start)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        partial = out.with_name(out.name + ".partial")
        with partial.open("w", encoding="utf-8") as handle:
            count = log.export_jsonl(handle, since=start)
        partial.replace(out)  # a failed export never leaves a truncated file under the real name
    typer.echo(f"exported {count} record(s) since {start.isoformat()}", err=True)


@audit_app.command("verify")
def audit_verify(
    file: Path | None = typer.Option(None, "--file", help="Verify this export offline instead of the database."),
) -> None:
    """Check the hash chain: every row must name the previous row's hash and match its own. Prints the
    number of rows and the head hash (keep it: a later verify that ends elsewhere shows rows were dropped);
    exits 1 at the first broken link."""
    from api.audit import AuditLog
    from api.audit_chain import verify_export

    if file is not None:
        try:
            with file.open(encoding="utf-8") as handle:
                report = verify_export(handle)
        except (OSError, ValueError) as exc:
            typer.echo(f"error: cannot read {file}: {exc}", err=True)
            raise typer.Exit(2) from None
    else:
        from caiwen.cli.db import open_or_exit

        report = AuditLog(open_or_exit()).verify()
    if not report.ok:
        typer.echo(f"BROKEN at row {report.broken_at}: {report.reason}", err=True)
        raise typer.Exit(1)
    typer.echo(f"ok: {report.rows} row(s), head {report.head}")


@keys_app.command("create")
def keys_create(
    name: str = typer.Argument(..., help="Who uses the key (shown as the channel in the audit record)."),
    scope: str = typer.Option("ask", "--scope", help="ask | admin"),
) -> None:
    """Mint a key. It is printed once; only its hash is stored."""
    from api.security import SCOPES, KeyExistsError

    if scope not in SCOPES:
        raise typer.BadParameter(f"scope must be one of: {', '.join(SCOPES)}", param_hint="--scope")
    try:
        raw = _key_store().create(name, scope)
    except (KeyExistsError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(raw)
    typer.echo(f"key {name!r} ({scope}) created; store it now, it cannot be shown again", err=True)


@keys_app.command("list")
def keys_list() -> None:
    """Names, scopes and hints of the keys (never the keys)."""
    for key in _key_store().list():
        state = "revoked" if key.revoked else "active"
        typer.echo(f"{key.name}\t{key.scope}\t{key.hint}…\t{key.created_at}\t{state}")


@keys_app.command("revoke")
def keys_revoke(name: str) -> None:
    """Revoke a key by name."""
    if not _key_store().revoke(name):
        typer.echo(f"error: no active key named {name!r}", err=True)
        raise typer.Exit(2)
    typer.echo(f"key {name!r} revoked", err=True)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.add_typer(audit_app, name="audit")
    app.add_typer(keys_app, name="keys")


