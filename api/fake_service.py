"""A fake `AnswerService` (api/deps.py) with canned answers, for tests of routing, auth, envelopes and
streaming that do not need the real chain: one document, one chunk, one cited answer. Switches make it fail
the way the real chain can: `store_up = False` (503), the question "BAD" (422), `fail_mid_stream`.

Tests that must show real behaviour (answers, streaming from the real chain, store down) use the real chain
instead (tests/api/test_real_service.py).
"""
from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

from assistant.chain import StreamEvent
from assistant.errors import InvalidQuestionError
from assistant.schemas import AnswerResponse, Citation, Figure
from knowledge_base.errors import StoreUnavailableError
from knowledge_base.records import ChunkRecord, DocumentRecord

DOC = DocumentRecord(
    doc_id="articles/rut.txt", title="羅素2000指數", published="2025-06-27", script="zh-Hant",
    content_hash="abc", source_path="/tmp/rut.txt", chunk_count=1,
)
CHUNK = ChunkRecord(
    chunk_id="articles/rut.txt#0", doc_id=DOC.doc_id, ordinal=0, start=0, end=14, text="羅素2000指數每年6月重組",
    norm_text="罗素2000指数每年6月重组", title=DOC.title,
)


class FakeKnowledgeBase:
    def sources(self) -> list[DocumentRecord]:
        return [DOC]

    def document(self, doc_id: str) -> DocumentRecord | None:
        return DOC if doc_id == DOC.doc_id else None

    def chunks(self, doc_id: str) -> list[ChunkRecord]:
        return [CHUNK] if doc_id == DOC.doc_id else []


class FakeAnswerService:
    def __init__(self) -> None:
        self.kb = FakeKnowledgeBase()
        self.store_up = True
        self.warmed = False  # set by warm(), which the API calls at start-up
        self.calls: list[dict[str, Any]] = []
        self.fail_mid_stream = False
        self.remembered: list[tuple[str, str | None, str | None]] = []

    def _response(self, question: str, conversation_id: str | None) -> AnswerResponse:
        return AnswerResponse(
            answer="羅素2000指數每年6月重組[1]。",
            lang="zh-Hant",
            region="HK",
            composer="extractive",
            citations=[Citation(n=1, doc_id=DOC.doc_id, title=DOC.title, published=DOC.published,
                                chunk_id=CHUNK.chunk_id, quote=CHUNK.text, quote_display=CHUNK.text, start=0, end=14)],
            figures=[Figure(name="return", value=7.88, unit="%", symbol="^RUT", period="ytd", source="files:^RUT.csv")],
            conversation_id=conversation_id or uuid.uuid4().hex,
            message_id=uuid.uuid4().hex,
            latency_ms=1.0,
        )

    def _check(self, question: str) -> None:
        if not self.store_up:
            raise StoreUnavailableError("chroma at http://127.0.0.1:1 refused the connection")
        if question.strip() == "BAD":
            raise InvalidQuestionError("unknown lang")

    def remember(self, question: str, response: AnswerResponse, caller: str | None = None) -> None:
        self.remembered.append((question, response.message_id, caller))

    def ask(self, question: str, **kwargs: Any) -> AnswerResponse:
        self.calls.append({"question": question, **kwargs})
        self._check(question)
        return self._response(question, kwargs.get("conversation_id"))

    def stream(self, question: str, **kwargs: Any) -> Iterator[StreamEvent]:
        self.calls.append({"question": question, **kwargs})
        self._check(question)
        response = self._response(question, kwargs.get("conversation_id"))
        for piece in ("羅素2000", "指數每年6月", "重組[1]。"):
            yield StreamEvent("token", piece)
        if self.fail_mid_stream:
            raise StoreUnavailableError("lost the store mid-answer")
        yield StreamEvent("citations", response.citations)
        yield StreamEvent("figures", response.figures)
        yield StreamEvent("done", response)

    def health(self) -> dict[str, Any]:
        return {"store": self.store_up, "embedder": True, "llm": "extractive"}

    def warm(self) -> None:
        self.warmed = True
