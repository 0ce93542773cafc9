"""The answering chain: question → language → retrieval → (figures) → composer → verified answer.

Public interface used by `caiwen ask`, the API and the evaluation suite:

    assistant = Assistant.from_settings(settings)      # builds store, embedder, composer once
    response = assistant.ask("羅素2000點樣重組?")        # -> AnswerResponse
    for event in assistant.stream("..."):               # -> StreamEvent
        ...

Raises `assistant.errors.InvalidQuestionError` for empty/over-long questions or unknown `lang`, and
`knowledge_base.errors.StoreUnavailableError` when the store cannot be reached.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from assistant.schemas import AnswerResponse, Citation, Figure


@dataclass
class StreamEvent:
    """`token` (data: str), `citations` (list[Citation]), `figures` (list[Figure]), `done` (AnswerResponse)."""

    kind: Literal["token", "citations", "figures", "done"]
    data: Any


class Assistant:  # implementation lands with the answering issue
    @classmethod
    def from_settings(cls, settings) -> "Assistant":
        raise NotImplementedError

    def ask(
        self,
        question: str,
        *,
        lang: str | None = None,
        k: int | None = None,
        conversation_id: str | None = None,
        filters: dict | None = None,
        channel: str = "cli",
    ) -> AnswerResponse:
        raise NotImplementedError

    def stream(self, question: str, **kwargs) -> Iterator[StreamEvent]:
        raise NotImplementedError

    def health(self) -> dict[str, Any]:
        """{"store": bool, "embedder": bool, "llm": "reachable"|"unreachable"|"extractive", ...}"""
        raise NotImplementedError
