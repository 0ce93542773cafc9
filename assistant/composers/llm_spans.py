"""One trace span per LLM call, from LangChain's callbacks (so tool rounds and the follow-up rewrite each
get theirs). The span is parented to whatever span is current when the call starts (compose, usually)."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.outputs import LLMResult
from opentelemetry.trace import Span, SpanKind, Status, StatusCode

from caiwen.tracing import tracer


class LLMSpans(BaseCallbackHandler):
    def __init__(self, model: str, base_url: str | None) -> None:
        self.model = model
        self.base_url = base_url
        self._spans: dict[UUID, Span] = {}

    def on_chat_model_start(self, serialized: dict[str, Any], messages: list, *, run_id: UUID, **kwargs: Any) -> None:
        self._spans[run_id] = tracer.start_span("llm", kind=SpanKind.CLIENT, attributes={
            "gen_ai.request.model": self.model, "server.address": self.base_url or "",
            "gen_ai.input.messages": sum(len(batch) for batch in messages),
        })

    def on_llm_end(self, response: LLMResult, *, run_id: UUID, **kwargs: Any) -> None:
        span = self._spans.pop(run_id, None)
        if span is not None:
            usage = (response.llm_output or {}).get("token_usage") or {}
            for key in ("prompt_tokens", "completion_tokens"):
                if isinstance(usage.get(key), int):
                    span.set_attribute(f"gen_ai.usage.{key}", usage[key])
            span.end()

    def on_llm_error(self, error: BaseException, *, run_id: UUID, **kwargs: Any) -> None:
        span = self._spans.pop(run_id, None)
        if span is not None:
            span.set_status(Status(StatusCode.ERROR, type(error).__name__))
            span.end()
