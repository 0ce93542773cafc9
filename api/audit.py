"""The compliance record: every answered question appended, never updated or deleted by the API.

A brokerage must keep its communications with customers. Each answer the API gives (widget or support
tool) becomes one row; `caiwen audit export --since DATE` writes the rows as JSON Lines. Database
triggers refuse UPDATE and DELETE on the table, so not even a bug in this code can rewrite history; and
since triggers do not stop someone with the database file (SQLite's INSERT OR REPLACE deletes without
firing them), every row carries the SHA-256 of its canonical JSON chained to the previous row's hash:
`caiwen audit verify` finds the first row that was changed, removed or slipped in.

Besides answers, the record holds streams (a `stream_start` row before the first token, then the answer,
or `stream_abandoned` / `stream_failed` with what was sent) and reviewers' decisions (`review`).
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TextIO

from sqlalchemy import (JSON, Connection, DateTime, Engine, Integer, String, Text, insert, inspect, select, text,
                        update)
from sqlalchemy.orm import Mapped, Session, mapped_column

from api.orm import ApiBase, as_utc, session_factory
from assistant.schemas import AnswerResponse
from caiwen.errors import CaiwenError


GENESIS = "0" * 64  # the prev_hash of the first row
KINDS = ("answer", "stream_start", "stream_abandoned", "stream_failed", "review")
# Covered by each row's hash, in this canonical JSON: everything but the database id and the hash itself.
_HASHED = ("recorded_at", "conversation_id", "message_id", "channel", "endpoint", "question", "answer", "lang",
           "refused", "disclaimer", "citations", "figures", "composer", "model", "kind", "needs_review", "detail",
           "prev_hash")


def row_hash(row: dict[str, Any]) -> str:
    """SHA-256 of the row's canonical JSON (sorted keys, no spaces, UTF-8), chained through prev_hash."""
    canonical = json.dumps({k: row.get(k) for k in _HASHED}, sort_keys=True, ensure_ascii=False,
                           separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class AuditRecord(ApiBase):
    __tablename__ = "api_audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    conversation_id: Mapped[str | None] = mapped_column(String(100), index=True)
    message_id: Mapped[str | None] = mapped_column(String(100), index=True)
    channel: Mapped[str] = mapped_column(String(100))
    endpoint: Mapped[str] = mapped_column(String(100))
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    lang: Mapped[str | None] = mapped_column(String(16))
    refused: Mapped[bool] = mapped_column(default=False)
    disclaimer: Mapped[str | None] = mapped_column(Text)
    citations: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    figures: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    composer: Mapped[str] = mapped_column(String(32))
    model: Mapped[str | None] = mapped_column(String(200))
    # Added for the hash chain, streams and reviews (see _MIGRATION for databases created before them).
    kind: Mapped[str] = mapped_column(String(16), default="answer", server_default="answer")
    needs_review: Mapped[bool] = mapped_column(default=False, server_default="0", index=True)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    prev_hash: Mapped[str | None] = mapped_column(String(64), default=None)
    row_hash: Mapped[str | None] = mapped_column(String(64), default=None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "recorded_at": as_utc(self.recorded_at).isoformat(),
            "conversation_id": self.conversation_id,
            "message_id": self.message_id,
            "channel": self.channel,
            "endpoint": self.endpoint,
            "question": self.question,
            "answer": self.answer,
            "lang": self.lang,
            "refused": self.refused,
            "disclaimer": self.disclaimer,
            "citations": self.citations,
            "figures": self.figures,
            "composer": self.composer,
            "model": self.model,
            "kind": self.kind or "answer",
            "needs_review": bool(self.needs_review),
            "detail": self.detail,
            "prev_hash": self.prev_hash,
            "row_hash": self.row_hash,
        }


class AuditHead(ApiBase):
    """One row: the last written audit row and its hash. Writers lock it (UPDATE) so two never read the same
    head and fork the chain; verify compares it with the table's last row, so dropped newest rows show."""

    __tablename__ = "api_audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_id: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64), default=GENESIS)


_MIGRATION = {  # columns added after the first release: ALTER TABLE on databases that lack them
    "kind": "VARCHAR(16) NOT NULL DEFAULT 'answer'",
    "needs_review": "BOOLEAN NOT NULL DEFAULT FALSE",
    "detail": "JSON",
    "prev_hash": "VARCHAR(64)",
    "row_hash": "VARCHAR(64)",
}


def migrate(conn: Connection) -> None:
    """Bring an existing audit table up to date (in create_schema's locked transaction)."""
    have = {c["name"] for c in inspect(conn).get_columns("api_audit_log")}
    for name, ddl in _MIGRATION.items():
        if name not in have:
            conn.execute(text(f"ALTER TABLE api_audit_log ADD COLUMN {name} {ddl}"))
    if conn.execute(select(AuditHead.id).where(AuditHead.id == 1)).first() is None:
        conn.execute(insert(AuditHead).values(id=1, last_id=0, last_hash=GENESIS))


_SQLITE_GUARD = [
    """CREATE TRIGGER IF NOT EXISTS api_audit_log_no_update BEFORE UPDATE ON api_audit_log
       BEGIN SELECT RAISE(ABORT, 'api_audit_log is append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS api_audit_log_no_delete BEFORE DELETE ON api_audit_log
       BEGIN SELECT RAISE(ABORT, 'api_audit_log is append-only'); END""",
]
_POSTGRES_GUARD = [
    """CREATE OR REPLACE FUNCTION api_audit_log_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'api_audit_log is append-only'; END; $$ LANGUAGE plpgsql""",
    "DROP TRIGGER IF EXISTS api_audit_log_no_change ON api_audit_log",
    """CREATE TRIGGER api_audit_log_no_change BEFORE UPDATE OR DELETE ON api_audit_log
       FOR EACH ROW EXECUTE FUNCTION api_audit_log_append_only()""",
    # TRUNCATE fires no row triggers; a statement trigger refuses it too.
    "DROP TRIGGER IF EXISTS api_audit_log_no_truncate ON api_audit_log",
    """CREATE TRIGGER api_audit_log_no_truncate BEFORE TRUNCATE ON api_audit_log
       FOR EACH STATEMENT EXECUTE FUNCTION api_audit_log_append_only()""",
]


def install_append_only_guard(conn: Connection) -> None:
    """Install the triggers in `conn`'s transaction (create_schema holds the schema lock around it). On
    PostgreSQL, once they exist they are left alone: the API may run as a role that cannot create them."""
    if conn.dialect.name == "postgresql" and conn.execute(text(
        "SELECT count(*) FROM pg_trigger WHERE tgname IN ('api_audit_log_no_change', 'api_audit_log_no_truncate')"
    )).scalar() == 2:
        return
    for statement in {"sqlite": _SQLITE_GUARD, "postgresql": _POSTGRES_GUARD}.get(conn.dialect.name, []):
        conn.execute(text(statement))


@dataclass(frozen=True)
class ChainReport:
    """The outcome of verifying a chain: ok, or the first broken link."""

    rows: int
    head: str
    broken_at: int | None = None  # the id (or line number of an export) of the first row that fails
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def verify_rows(rows: Iterable[dict[str, Any]], start: str | None = GENESIS) -> ChainReport:
    """Walk rows in order: each must name the previous row's hash and hash to its own row_hash. Rows from before
    the chain (no row_hash) are hashed here, so the first chained row vouches for them. `start=None` accepts the
    first row's prev_hash as given (an export that begins mid-chain)."""
    expected, count, chained = start, 0, False
    for count, row in enumerate(rows, start=1):
        where = row.get("id") or count
        if row.get("row_hash") is None:
            if chained:
                return ChainReport(count, expected or "", where, "a row without a hash after the chain began")
            expected = row_hash({**row, "prev_hash": expected})
            continue
        chained = True
        if expected is not None and row.get("prev_hash") != expected:
            return ChainReport(count, expected, where, "prev_hash does not match the previous row (a row was "
                               "removed, inserted or changed before this one)")
        if row_hash(row) != row["row_hash"]:
            return ChainReport(count, expected or "", where, "the row's content does not match its hash (changed)")
        expected = row["row_hash"]
    return ChainReport(count, expected or GENESIS)


class ReviewError(CaiwenError, ValueError):
    """Not an answer awaiting review: `unknown` message id (or one that needs no review), or already `decided`."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.code, self.http_status = ("already_reviewed", 409) if reason == "decided" else ("not_awaiting_review", 404)


class AuditLog:
    """Append and read the audit record; there is deliberately no update or delete. Every row is chained to
    the one before it by hash; writers serialise on the head row, so the chain never forks."""

    def __init__(self, engine: Engine) -> None:
        self._sessions = session_factory(engine)
        self._naive_times = engine.dialect.name == "sqlite"  # SQLite keeps no zone: compare naive UTC

    # --- writing ---------------------------------------------------------------------------
    def _write(self, record: AuditRecord, check: Callable[[Session], None] | None = None) -> int:
        with self._sessions.begin() as session:
            # Lock the head first (SQLite: takes the write lock; PostgreSQL: a row lock), then read it.
            session.execute(update(AuditHead).where(AuditHead.id == 1).values(last_id=AuditHead.last_id))
            if check is not None:
                check(session)
            last = session.execute(select(AuditRecord.id, AuditRecord.row_hash)
                                   .order_by(AuditRecord.id.desc()).limit(1)).first()
            if last is None:
                previous = GENESIS
            elif last.row_hash is not None:
                previous = last.row_hash
            else:  # the first row written after the upgrade: chain over the rows from before it
                previous = verify_rows(r.to_dict() for r in session.scalars(
                    select(AuditRecord).order_by(AuditRecord.id))).head
            record.recorded_at = datetime.now(UTC)
            record.prev_hash = previous
            record.row_hash = row_hash(_hashed_view(record))
            session.add(record)
            session.flush()
            session.execute(update(AuditHead).where(AuditHead.id == 1).values(last_id=record.id,
                                                                             last_hash=record.row_hash))
            return record.id

    def append(
        self,
        *,
        question: str,
        response: AnswerResponse,
        channel: str,
        endpoint: str,
        model: str | None,
        detail: dict[str, Any] | None = None,
    ) -> int:
        return self._write(AuditRecord(
            conversation_id=response.conversation_id,
            message_id=response.message_id,
            channel=channel,
            endpoint=endpoint,
            question=question,
            answer=response.answer,
            lang=response.lang,
            refused=response.refused,
            disclaimer=response.disclaimer,
            citations=[c.model_dump(mode="json") for c in response.citations],
            figures=[f.model_dump(mode="json") for f in response.figures],
            composer=response.composer,
            model=model,
            kind="answer",
            needs_review=bool(response.review),
            detail={**(detail or {}), **({"review": response.review} if response.review else {}),
                    **({"warnings": response.warnings} if response.warnings else {})} or None,
        ))

    def append_event(self, *, kind: str, channel: str, endpoint: str, question: str = "", answer: str = "",
                     detail: dict[str, Any] | None = None, message_id: str | None = None) -> int:
        """A row that is not a finished answer: a stream started, abandoned or failed (answer = what was sent)."""
        if kind not in KINDS:
            raise ValueError(f"unknown audit kind {kind!r}")
        return self._write(AuditRecord(
            channel=channel, endpoint=endpoint, question=question, answer=answer, message_id=message_id,
            refused=False, citations=[], figures=[], composer="", kind=kind, detail=detail,
        ))

    def review(self, message_id: str, *, decision: str, reviewer: str, note: str | None = None,
               endpoint: str = "cli") -> int:
        """Record a reviewer's decision on an answer awaiting review (ReviewError when there is none)."""
        if decision not in ("approved", "rejected"):
            raise ValueError("decision must be approved or rejected")

        def pending(session: Session) -> None:  # checked under the head lock: two reviewers cannot both decide
            answer = session.scalar(select(AuditRecord.id).where(
                AuditRecord.message_id == message_id, AuditRecord.kind == "answer", AuditRecord.needs_review))
            if answer is None:
                raise ReviewError(f"no answer awaiting review has message id {message_id!r}", "unknown")
            if session.scalar(select(AuditRecord.id).where(
                    AuditRecord.message_id == message_id, AuditRecord.kind == "review")) is not None:
                raise ReviewError(f"the answer {message_id!r} has already been reviewed", "decided")

        return self._write(AuditRecord(
            message_id=message_id, channel=reviewer, endpoint=endpoint, question="", answer="", refused=False,
            citations=[], figures=[], composer="", kind="review",
            detail={"decision": decision, "reviewer": reviewer, **({"note": note} if note else {})},
        ), check=pending)

    # --- reading ---------------------------------------------------------------------------
    def answer_of(self, message_id: str) -> dict[str, Any] | None:
        """The answer row of a message id (None when no answer with it was given)."""
        with self._sessions() as session:
            record = session.scalar(select(AuditRecord).where(
                AuditRecord.message_id == message_id, AuditRecord.kind == "answer").limit(1))
            return record.to_dict() if record is not None else None

    def has_message(self, message_id: str) -> bool:
        return self.answer_of(message_id) is not None

    def pending_reviews(self, limit: int = 100) -> list[dict[str, Any]]:
        """Answers that need a person's review and have none yet, oldest first."""
        reviewed = select(AuditRecord.message_id).where(AuditRecord.kind == "review")
        query = (select(AuditRecord)
                 .where(AuditRecord.kind == "answer", AuditRecord.needs_review,
                        AuditRecord.message_id.not_in(reviewed))
                 .order_by(AuditRecord.id).limit(limit))
        with self._sessions() as session:
            return [r.to_dict() for r in session.scalars(query)]

    def records(self, since: datetime | None = None) -> Iterator[dict[str, Any]]:
        """Rows in the order they were written, from `since` (inclusive, UTC if naive)."""
        query = select(AuditRecord).order_by(AuditRecord.id)
        if since is not None:
            since = since.replace(tzinfo=UTC) if since.tzinfo is None else since.astimezone(UTC)
            if self._naive_times:
                since = since.replace(tzinfo=None)
            query = query.where(AuditRecord.recorded_at >= since)
        with self._sessions() as session:
            for record in session.scalars(query.execution_options(yield_per=500)):
                yield record.to_dict()

    def verify(self) -> ChainReport:
        """Check the whole chain, then that its end is the head the writers last recorded (newest rows dropped)."""
        report = verify_rows(self.records())
        if not report.ok:
            return report
        with self._sessions() as session:
            head = session.get(AuditHead, 1)
        if head is not None and head.last_id and head.last_hash != report.head:
            return ChainReport(report.rows, report.head, head.last_id,
                               "the newest rows are missing: the chain ends before the recorded head")
        return report

    def export_jsonl(self, out: TextIO, since: datetime | None = None) -> int:
        count = 0
        for row in self.records(since):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
        return count


def _hashed_view(record: AuditRecord) -> dict[str, Any]:
    """The row as it will read back: what the hash covers."""
    return AuditRecord.to_dict(record)


def verify_export(lines: Iterable[str]) -> ChainReport:
    """Verify an exported JSON Lines file offline (`caiwen audit verify --file`). A file exported with --since
    starts mid-chain: its first row's prev_hash is taken as given."""
    return verify_rows((json.loads(line) for line in lines if line.strip()), start=None)
