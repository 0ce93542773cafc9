"""The compliance record: every answered question appended, never updated or deleted by the API.

A brokerage must keep its communications with customers. Each answer the API gives (widget or support
tool) becomes one row; `caiwen audit export --since DATE` writes the rows as JSON Lines. Database
triggers refuse UPDATE and DELETE on the table, so not even a bug in this code can rewrite history.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, TextIO

from sqlalchemy import JSON, Connection, DateTime, Engine, Integer, String, Text, select, text
from sqlalchemy.orm import Mapped, mapped_column

from api.db import ApiBase, as_utc, session_factory
from assistant.schemas import AnswerResponse


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
        }


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
    """Install the triggers in `conn`'s transaction (create_schema holds the schema lock around it)."""
    for statement in {"sqlite": _SQLITE_GUARD, "postgresql": _POSTGRES_GUARD}.get(conn.dialect.name, []):
        conn.execute(text(statement))


class AuditLog:
    """Append and read the audit record; there is deliberately no update or delete."""

    def __init__(self, engine: Engine) -> None:
        self._sessions = session_factory(engine)
        self._naive_times = engine.dialect.name == "sqlite"  # SQLite keeps no zone: compare naive UTC

    def append(
        self,
        *,
        question: str,
        response: AnswerResponse,
        channel: str,
        endpoint: str,
        model: str | None,
    ) -> int:
        record = AuditRecord(
            recorded_at=datetime.now(UTC),
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
        )
        with self._sessions.begin() as session:
            session.add(record)
            session.flush()
            return record.id

    def has_message(self, message_id: str) -> bool:
        with self._sessions() as session:
            found = session.scalar(
                select(AuditRecord.id).where(AuditRecord.message_id == message_id).limit(1)
            )
            return found is not None

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

    def export_jsonl(self, out: TextIO, since: datetime | None = None) -> int:
        count = 0
        for row in self.records(since):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
        return count
