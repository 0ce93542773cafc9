"""Thumbs up/down on answers, stored durably for support review."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Engine, Integer, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from api.audit import AuditRecord
from api.db import ApiBase, as_utc, session_factory


class FeedbackRecord(ApiBase):
    __tablename__ = "api_feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    message_id: Mapped[str] = mapped_column(String(100), index=True)
    rating: Mapped[str] = mapped_column(String(8))
    comment: Mapped[str | None] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(String(100))


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
        with self._sessions.begin() as session:
            session.add(record)
            session.flush()
            return record.id

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
