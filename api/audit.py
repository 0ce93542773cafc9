"""The compliance record: every answered question appended, never updated or deleted by the API.

A brokerage must keep its communications with customers. Each answer the API gives (widget or support
tool) becomes one row of `api_audit_log` (api/models.py); `caiwen audit export --since DATE` writes the rows
as JSON Lines. Database triggers (created by the migrations) refuse UPDATE and DELETE on the table, and every
row is chained to the one before it by hash (api/audit_chain.py), so `caiwen audit verify` finds a rewrite.

Besides answers, the record holds streams (a `stream_start` row before the first token, then the answer,
or `stream_abandoned` / `stream_failed` with what was sent) and reviewers' decisions (`review`).
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any, TextIO

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from api.audit_chain import GENESIS, ChainReport, row_hash, verify_rows
from api.models import AuditHead, AuditRecord
from assistant.schemas import AnswerResponse
from caiwen.errors import CaiwenError
from caiwen.persistence import session_factory

KINDS = ("answer", "stream_start", "stream_abandoned", "stream_failed", "review")


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
