"""Conversation history, stored durably through SQLAlchemy (SQLite in the data directory by default,
PostgreSQL when several API instances share it)."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker

from assistant.sql_store import make_engine, schema_transaction


class ConversationBase(DeclarativeBase):
    pass


class Conversation(ConversationBase):
    __tablename__ = "conversations"
    id: Mapped[str] = mapped_column(String(100), primary_key=True)  # the API accepts ids up to 100 characters
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Turn(ConversationBase):
    __tablename__ = "conversation_turns"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id"), index=True)
    message_id: Mapped[str] = mapped_column(String(100), unique=True)
    question: Mapped[str] = mapped_column(Text)
    standalone_question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    subject: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))




def new_id() -> str:
    return uuid.uuid4().hex


class ConversationStore:
    def __init__(self, url: str):
        self.engine = make_engine(url)
        with schema_transaction(self.engine) as conn:
            ConversationBase.metadata.create_all(conn)
        self._session = sessionmaker(self.engine, expire_on_commit=False)

    def history(self, conversation_id: str, turns: int = 5) -> list[Turn]:
        with self._session() as s:
            rows = s.scalars(
                select(Turn).where(Turn.conversation_id == conversation_id).order_by(Turn.id.desc()).limit(turns)
            ).all()
        return list(reversed(rows))

    def append(self, conversation_id: str, message_id: str, question: str, standalone: str, answer: str, subject: str) -> None:
        now = datetime.now(timezone.utc)
        with self._session.begin() as s:
            if s.get(Conversation, conversation_id) is None:
                s.add(Conversation(id=conversation_id, created_at=now))
            s.add(Turn(conversation_id=conversation_id, message_id=message_id, question=question,
                       standalone_question=standalone, answer=answer, subject=subject, created_at=now))
