"""Run the chain for one request and append the answer to the audit record — shared by /v1/ask,
/v1/chat/stream and /v1/chat/completions so every channel is recorded the same way.

The chain is synchronous and CPU-bound, so it runs in the threadpool; the audit write is fail-closed:
an answer that cannot be recorded is not delivered as a success (a brokerage must keep it).
"""
from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

from fastapi import Request
from starlette.concurrency import iterate_in_threadpool, run_in_threadpool

from api.deps import ServiceState
from api.errors import ApiError, kb_error_code
from api.security import Principal
from assistant.errors import InvalidQuestionError
from assistant.schemas import AnswerResponse
from caiwen.metrics import ANSWERS
from caiwen.settings import Settings
from caiwen.tracing import tracer
from knowledge_base.errors import KnowledgeBaseError

log = logging.getLogger("caiwen.api")


def check_question(question: str, settings: Settings) -> None:
    if not question.strip():
        raise ApiError(422, "invalid_question", "The question is empty.")
    if "\x00" in question:  # PostgreSQL text cannot hold NUL, so the answer could not be recorded
        raise ApiError(422, "invalid_question", "The question contains a NUL character.")
    if len(question) > settings.max_question_chars:
        raise ApiError(
            422,
            "question_too_long",
            f"The question has {len(question)} characters; the limit is {settings.max_question_chars}.",
        )


def model_of(response: AnswerResponse, settings: Settings) -> str | None:
    """The LLM that wrote the answer (extractive answers are written by no model)."""
    return settings.llm_model if response.composer == "llm" else None


async def record(
    service: ServiceState, request: Request, principal: Principal, question: str, response: AnswerResponse,
    endpoint: str,
) -> None:
    request.state.composer = response.composer
    try:
        with tracer.start_as_current_span("audit_write"):
            await run_in_threadpool(
                service.audit.append,
                question=question,
                response=response,
                channel=principal.channel,
                endpoint=endpoint,
                model=model_of(response, service.settings),
            )
    except Exception as exc:  # noqa: BLE001
        log.error("audit append failed", extra={"error_type": type(exc).__name__})
        raise ApiError(
            503, "audit_unavailable", "The answer could not be recorded, so it is withheld; please try again."
        ) from exc
    ANSWERS.labels(endpoint, response.composer, str(response.refused).lower()).inc()


async def answer(
    service: ServiceState, request: Request, principal: Principal, question: str, endpoint: str, **kwargs: Any
) -> AnswerResponse:
    check_question(question, service.settings)
    request.state.question = question
    assistant = await service.get_assistant()
    response = await run_in_threadpool(
        lambda: assistant.ask(question, **kwargs)
    )
    await record(service, request, principal, question, response, endpoint)
    return response


def error_of(exc: BaseException) -> tuple[int, str, str]:
    """Status, code and message for an exception raised while answering."""
    if isinstance(exc, ApiError):
        return exc.status, exc.code, exc.message
    if isinstance(exc, InvalidQuestionError):
        return 422, InvalidQuestionError.code, str(exc) or "invalid question"
    if isinstance(exc, KnowledgeBaseError):
        return kb_error_code(exc)
    return 500, "internal_error", "The answer could not be completed; please try again."


async def stream(
    service: ServiceState, request: Request, principal: Principal, question: str, endpoint: str, **kwargs: Any
) -> AsyncIterator[Any]:
    """Start the chain's event stream and pull its first event before any response is sent, so a bad
    question or a store that is down still gets a proper 4xx/503 envelope rather than a broken stream.
    Returns an async iterator of `StreamEvent`s; the `done` event's answer is audited before it is yielded.
    """
    check_question(question, service.settings)
    request.state.question = question
    assistant = await service.get_assistant()
    generator = await run_in_threadpool(
        lambda: iter(assistant.stream(question, **kwargs))
    )
    events = iterate_in_threadpool(generator)
    try:
        first = await events.__anext__()
    except StopAsyncIteration:
        raise ApiError(500, "internal_error", "The answering chain produced no answer.") from None

    async def _events() -> AsyncIterator[Any]:
        event = first
        while True:
            if event.kind == "done":
                await record(service, request, principal, question, event.data, endpoint)
            yield event
            try:
                event = await events.__anext__()
            except StopAsyncIteration:
                return

    return _events()
