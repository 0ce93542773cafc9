"""Thumbs up/down on answers, stored durably for support review: once per answer, by the caller it was
given to (the unique index on (message_id, channel) holds even when two requests race)."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError

from api.models import AuditRecord, FeedbackRecord
from caiwen.errors import CaiwenError
from caiwen.persistence import as_utc, session_factory


class FeedbackExistsError(CaiwenError, ValueError):
    code = "feedback_exists"
    http_status = 409

    @property
    def public_message(self) -> str:
        return "This answer has already been rated by this caller."


class FeedbackStore:
    def __init__(self, engine: Engine) -> None:
        self._sessions = session_factory(engine)

    def add(self, *, message_id: str, rating: str, comment: str | None, channel: str) -> int:
        record = FeedbackRecord(
            created_at=datetime.now(UTC),
            message_id=message_id,
            rating=rating,
            comment=comment,
            channel=channel,
        )
        try:
            with self._sessions.begin() as session:
                if session.scalar(select(FeedbackRecord.id).where(
                        FeedbackRecord.message_id == message_id, FeedbackRecord.channel == channel)) is not None:
                    raise FeedbackExistsError(message_id)
                session.add(record)
                session.flush()
                return record.id
        except IntegrityError as exc:
            raise FeedbackExistsError(message_id) from exc

    def list(self, *, rating: str | None = None, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Newest first, each with the question and answer it rates (from the audit record)."""
        query = (
            select(FeedbackRecord, AuditRecord.question, AuditRecord.answer)
            .outerjoin(AuditRecord, AuditRecord.message_id == FeedbackRecord.message_id)
            .order_by(FeedbackRecord.id.desc())
            .limit(limit)
            .offset(offset)
        )
        if rating:
            query = query.where(FeedbackRecord.rating == rating)
        with self._sessions() as session:
            rows = session.execute(query).all()
        items = []
        for record, question, answer in rows:
            items.append(
                {
                    "id": record.id,
                    "created_at": as_utc(record.created_at).isoformat(),
                    "message_id": record.message_id,
                    "rating": record.rating,
                    "comment": record.comment,
                    "channel": record.channel,
                    "question": question,
                    "answer": answer,
                }
            )
        return items
