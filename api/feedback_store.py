"""Thumbs up/down on answers, stored durably for support review: once per answer, by the caller it was
given to (the unique index on (message_id, channel) holds even when two requests race)."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import logging

from sqlalchemy import Connection, DateTime, Engine, Index, Integer, String, Text, inspect, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from api.audit import AuditRecord
from api.orm import ApiBase, as_utc, session_factory
from caiwen.errors import CaiwenError


log = logging.getLogger("caiwen.api")
_ONCE = "api_feedback_once"


class FeedbackExistsError(CaiwenError, ValueError):
    code = "feedback_exists"
    http_status = 409

    @property
    def public_message(self) -> str:
        return "This answer has already been rated by this caller."


class FeedbackRecord(ApiBase):
    __tablename__ = "api_feedback"
    __table_args__ = (Index(_ONCE, "message_id", "channel", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    message_id: Mapped[str] = mapped_column(String(100), index=True)
    rating: Mapped[str] = mapped_column(String(8))
    comment: Mapped[str | None] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(String(100))


def migrate(conn: Connection) -> None:
    """Tables created before feedback was once per caller get the unique index, unless they already hold
    duplicates (then the index is left out and the add-time check alone applies; the log says so)."""
    if any(index["name"] == _ONCE for index in inspect(conn).get_indexes("api_feedback")):
        return  # present (a role without DDL rights, like the API's, must not try to create it)
    duplicate = conn.execute(text(
        "SELECT message_id FROM api_feedback GROUP BY message_id, channel HAVING count(*) > 1 LIMIT 1"
    )).first()
    if duplicate is not None:
        log.warning("api_feedback holds repeated ratings from before; its unique index is not created")
        return
    conn.execute(text(f"CREATE UNIQUE INDEX IF NOT EXISTS {_ONCE} ON api_feedback (message_id, channel)"))


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
