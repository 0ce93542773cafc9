"""`caiwen review list|approve|reject`: a person's decision on high-risk answers, kept in the audit record."""
from __future__ import annotations

import getpass
import json

import typer

review_app = typer.Typer(help="Human review of advice answers and screened answers (SFC 24EC55).",
                         no_args_is_help=True)


def _audit_log():
    from api.audit import AuditLog
    from api.db import create_schema, make_engine
    from caiwen.wiring import load_settings, sql_url

    engine = make_engine(sql_url(load_settings()))
    create_schema(engine)
    return AuditLog(engine)


@review_app.command("list")
def review_list(
    limit: int = typer.Option(100, min=1, max=10_000),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per line."),
) -> None:
    """Answers waiting for a reviewer, oldest first."""
    rows = _audit_log().pending_reviews(limit)
    for row in rows:
        reasons = (row["detail"] or {}).get("review", [])
        if as_json:
            typer.echo(json.dumps({"message_id": row["message_id"], "recorded_at": row["recorded_at"],
                                   "channel": row["channel"], "reasons": reasons, "question": row["question"],
                                   "answer": row["answer"]}, ensure_ascii=False))
        else:
            typer.echo(f"{row['message_id']}\t{row['recorded_at']}\t{row['channel']}\t{','.join(reasons)}\t"
                       f"{row['question'][:60]!r}")
    typer.echo(f"{len(rows)} answer(s) awaiting review", err=True)


def _decide(message_id: str, decision: str, reviewer: str | None, note: str | None) -> None:
    from api.audit import ReviewError

    reviewer = (reviewer or getpass.getuser()).strip()
    try:
        audit_id = _audit_log().review(message_id, decision=decision, reviewer=reviewer, note=note)
    except ReviewError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"{message_id} {decision} by {reviewer} (audit row {audit_id})")


_REVIEWER = typer.Option(None, "--reviewer", help="Who decides (recorded); default: the login name.")
_NOTE = typer.Option(None, "--note", help="Why (recorded).")


@review_app.command("approve")
def review_approve(message_id: str, reviewer: str | None = _REVIEWER, note: str | None = _NOTE) -> None:
    """Approve an answer: the decision becomes a row of the audit record."""
    _decide(message_id, "approved", reviewer, note)


@review_app.command("reject")
def review_reject(message_id: str, reviewer: str | None = _REVIEWER, note: str | None = _NOTE) -> None:
    """Reject an answer (e.g. to follow up with the customer): the decision becomes a row of the audit record."""
    _decide(message_id, "rejected", reviewer, note)


def register(app: typer.Typer) -> None:
    app.add_typer(review_app, name="review")
