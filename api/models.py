"""The API's tables: keys, feedback and the audit record with its writers' head row. They sit on the
product's one declarative base; caiwen/persistence/migrations creates them (tests compare the two)."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from api.audit_chain import GENESIS
from caiwen.persistence import Base, as_utc

FEEDBACK_ONCE = "api_feedback_once"  # the unique index: one rating per answer and caller


class ApiKeyRecord(Base):
    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hint: Mapped[str] = mapped_column(String(16))  # first characters, to recognise a key in a list
    scope: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)


class FeedbackRecord(Base):
    __tablename__ = "api_feedback"
    __table_args__ = (Index(FEEDBACK_ONCE, "message_id", "channel", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    message_id: Mapped[str] = mapped_column(String(100), index=True)
    rating: Mapped[str] = mapped_column(String(8))
    comment: Mapped[str | None] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(String(100))


class AuditRecord(Base):
    """One row of the compliance record (append-only: triggers refuse UPDATE and DELETE)."""

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
    # Added for the hash chain, streams and reviews (older databases get them when adopted).
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


class AuditHead(Base):
    """One row: the last written audit row and its hash. Writers lock it (UPDATE) so two never read the same
    head and fork the chain; verify compares it with the table's last row, so dropped newest rows show."""

    __tablename__ = "api_audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_id: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64), default=GENESIS)
