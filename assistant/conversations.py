"""Conversation history, stored durably through SQLAlchemy (SQLite in the data directory by default,
PostgreSQL when several API instances share it): its tables and its store. The migrations in
caiwen/persistence create the tables."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from assistant.errors import ConversationNotFoundError
from caiwen.persistence import Base, open_database, session_factory


class Conversation(Base):
    __tablename__ = "conversations"
    id: Mapped[str] = mapped_column(String(100), primary_key=True)  # the API accepts ids up to 100 characters
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # Who may continue it: an API key name or "widget"; NULL for the CLI (and for rows from before owners).
    owner: Mapped[str | None] = mapped_column(String(100), default=None)


class Turn(Base):
    __tablename__ = "conversation_turns"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id"), index=True)
    message_id: Mapped[str] = mapped_column(String(100), unique=True)
    question: Mapped[str] = mapped_column(Text)
    standalone_question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    subject: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ConversationStore:
    def __init__(self, url: str):
        """On the process's engine for `url` (shared with the API's stores), migrated on first use."""
        self.engine = open_database(url)
        self._session = session_factory(self.engine)

    def history(self, conversation_id: str, turns: int = 5, caller: str | None = None) -> list[Turn]:
        """The last `turns` turns, oldest first; ConversationNotFoundError when another caller owns it."""
        with self._session() as s:
            conversation = s.get(Conversation, conversation_id)
            if conversation is not None and conversation.owner != caller:
                raise ConversationNotFoundError("No conversation with this id belongs to this caller.")
            rows = s.scalars(
                select(Turn).where(Turn.conversation_id == conversation_id).order_by(Turn.id.desc()).limit(turns)
            ).all()
        return list(reversed(rows))

    def append(self, conversation_id: str, message_id: str, question: str, standalone: str, answer: str, subject: str,
               owner: str | None = None) -> None:
        now = datetime.now(timezone.utc)
        with self._session.begin() as s:
            conversation = s.get(Conversation, conversation_id)
            if conversation is None:
                s.add(Conversation(id=conversation_id, created_at=now, owner=owner))
            elif conversation.owner != owner:
                raise ConversationNotFoundError("No conversation with this id belongs to this caller.")
            s.add(Turn(conversation_id=conversation_id, message_id=message_id, question=question,
                       standalone_question=standalone, answer=answer, subject=subject, created_at=now))
