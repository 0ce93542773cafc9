"""LLM → extractive: a composer wrapper that never lets an LLM failure reach the customer.

    composer = FallbackComposer(LLMComposer(llm_options, tools), ExtractiveComposer(...))

When the primary raises (connection refused, timeout, HTTP 5xx, empty or cut-off output) the fallback
answers and the Composition carries a warning such as
"llm unavailable (timeout after 30s): answered extractively". While streaming: a failure before the first
token switches silently to the fallback's stream; a failure mid-stream ends the partial text with a short
notice and the fallback's answer, and the final Composition is the fallback's. Failures of the fallback
itself are not LLM failures and propagate.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator

import httpx
import openai

from assistant.composers.base import Composer, Composition, CompositionInput
from caiwen.metrics import LLM_FALLBACKS

log = logging.getLogger(__name__)

# Written into the stream when the LLM stops mid-answer, before the fallback's answer follows.
MID_STREAM_NOTICE: dict[str, str] = {
    "zh-Hant": "\n\n(回答中斷,以下改為直接摘錄資料來源的回答。)\n\n",
    "zh-Hans": "\n\n(回答中断,以下改为直接摘录资料来源的回答。)\n\n",
    "en": "\n\n(The answer was interrupted; here is one drawn directly from the sources.)\n\n",
}


def describe_failure(exc: BaseException, timeout_s: float | None = None) -> str:
    """A short, log-safe reason: 'timeout after 30s', 'HTTP 500', 'connection failed', …"""
    if isinstance(exc, (openai.APITimeoutError, httpx.TimeoutException, TimeoutError)):
        return f"timeout after {timeout_s:g}s" if timeout_s else "timeout"
    if isinstance(exc, openai.APIStatusError):
        return f"HTTP {exc.status_code}"
    if isinstance(exc, (openai.APIConnectionError, httpx.TransportError, ConnectionError)):
        return "connection failed"
    if isinstance(exc, openai.APIError):
        return f"endpoint error: {str(exc)[:120]}"
    return f"{type(exc).__name__}: {str(exc)[:120]}"


class FallbackComposer:
    def __init__(self, primary: Composer, fallback: Composer) -> None:
        self.primary = primary
        self.fallback = fallback
        self.name = primary.name

    def _warning(self, exc: BaseException, when: str = "unavailable") -> str:
        reason = describe_failure(exc, getattr(self.primary, "timeout_s", None))
        how = "answered extractively" if self.fallback.name == "extractive" else f"answered with {self.fallback.name}"
        return f"{self.primary.name} {when} ({reason}): {how}"

    def _fallen_back(self, composition: Composition, warning: str) -> Composition:
        composition.warnings = [warning, *composition.warnings]
        return composition

    def compose(self, inp: CompositionInput) -> Composition:
        try:
            return self.primary.compose(inp)
        except Exception as exc:  # every primary failure is answered, never raised
            warning = self._warning(exc)
            log.warning("%s", warning, exc_info=not isinstance(exc, openai.APIError))
            LLM_FALLBACKS.labels("before_answer").inc()
        return self._fallen_back(self.fallback.compose(inp), warning)

    def stream(self, inp: CompositionInput) -> Iterator[str | Composition]:
        started = False
        try:
            for piece in self.primary.stream(inp):
                if isinstance(piece, Composition):
                    yield piece
                    return
                started = True
                yield piece
            raise RuntimeError("the primary stream ended without a final answer")
        except Exception as exc:
            warning = self._warning(exc, "failed mid-answer" if started else "unavailable")
            log.warning("%s", warning, exc_info=not isinstance(exc, openai.APIError))
            LLM_FALLBACKS.labels("mid_answer" if started else "before_answer").inc()
        if started:
            yield MID_STREAM_NOTICE.get(inp.language.lang, MID_STREAM_NOTICE["en"])
        for piece in self.fallback.stream(inp):
            if isinstance(piece, Composition):
                yield self._fallen_back(piece, warning)
                return
            yield piece
