"""Run the chain for one request and append the answer to the audit record — shared by /v1/ask,
/v1/chat/stream and /v1/chat/completions so every channel is recorded the same way.

The chain is synchronous and CPU-bound, so it runs in the threadpool; the audit write is fail-closed:
an answer that cannot be recorded is not delivered as a success (a brokerage must keep it).
"""
from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator
from typing import Any

import anyio
from fastapi import Request
from starlette.concurrency import iterate_in_threadpool, run_in_threadpool

from api.deps import ServiceState
from api.errors import STORAGE_UNAVAILABLE, ApiError, is_storage_error
from api.options import ServiceConfig
from api.security import Principal
from assistant.schemas import AnswerResponse
from caiwen.errors import CaiwenError
from caiwen.metrics import ANSWERS
from caiwen.tracing import tracer

log = logging.getLogger("caiwen.api")


def check_question(question: str, config: ServiceConfig) -> None:
    if not question.strip():
        raise ApiError(422, "invalid_question", "The question is empty.")
    if "\x00" in question:  # PostgreSQL text cannot hold NUL, so the answer could not be recorded
        raise ApiError(422, "invalid_question", "The question contains a NUL character.")
    if len(question) > config.max_question_chars:
        raise ApiError(
            422,
            "question_too_long",
            f"The question has {len(question)} characters; the limit is {config.max_question_chars}.",
        )


def model_of(response: AnswerResponse, config: ServiceConfig) -> str | None:
    """The LLM that wrote the answer (extractive answers are written by no model)."""
    return config.llm_model if response.composer == "llm" else None


def _audit_failed(exc: BaseException) -> ApiError:
    log.error("audit append failed", extra={"error_type": type(exc).__name__, "error": str(exc)[:1000]})
    return ApiError(503, "audit_unavailable", "The answer could not be recorded, so it is withheld; please try again.")


async def record(
    service: ServiceState, request: Request, principal: Principal, question: str, response: AnswerResponse,
    endpoint: str, detail: dict[str, Any] | None = None,
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
                model=model_of(response, service.config),
                detail=detail,
            )
    except Exception as exc:  # noqa: BLE001
        raise _audit_failed(exc) from exc
    ANSWERS.labels(endpoint, response.composer, str(response.refused).lower()).inc()


async def remember(service: ServiceState, principal: Principal, question: str, response: AnswerResponse) -> None:
    """The conversation turn, written only once the answer is in the audit record."""
    assistant = await service.get_assistant()
    await run_in_threadpool(assistant.remember, question, response, principal.channel)


def for_caller(response: AnswerResponse, principal: Principal) -> AnswerResponse:
    """What the caller may see: a refusal does not list the documents it searched (that would reveal what
    the knowledge base holds on a topic it will not answer), and the anonymous widget never gets them."""
    if response.retrieved and (response.refused or principal.is_widget):
        return response.model_copy(update={"retrieved": []})
    return response


async def answer(
    service: ServiceState, request: Request, principal: Principal, question: str, endpoint: str, **kwargs: Any
) -> AnswerResponse:
    check_question(question, service.config)
    request.state.question = question
    assistant = await service.get_assistant()
    response = await run_in_threadpool(
        lambda: assistant.ask(question, caller=principal.channel, remember=False, **kwargs)
    )
    await record(service, request, principal, question, response, endpoint)
    await remember(service, principal, question, response)
    return for_caller(response, principal)


def error_of(exc: BaseException) -> tuple[int, str, str]:
    """Status, code and message for an exception raised while answering."""
    if isinstance(exc, CaiwenError):
        return exc.http_status, exc.code, exc.public_message
    if is_storage_error(exc):
        return 503, "storage_unavailable", STORAGE_UNAVAILABLE
    log.error("answer failed", extra={"error_type": type(exc).__name__, "error": str(exc)[:1000]})
    return 500, "internal_error", "The answer could not be completed; please try again."


async def stream(
    service: ServiceState, request: Request, principal: Principal, question: str, endpoint: str, **kwargs: Any
) -> AsyncIterator[Any]:
    """Start the chain's event stream and pull its first event before any response is sent, so a bad
    question or a store that is down still gets a proper 4xx/503 envelope rather than a broken stream.

    The audit record comes first: a `stream_start` row is written before the chain runs (no row, no stream:
    503), the answer row before the `done` event; a stream that fails, or that the client leaves, gets a
    `stream_failed` / `stream_abandoned` row holding the text it was sent. Close the returned iterator
    (`aclose`) when the client goes away. Returns an async iterator of `StreamEvent`s.
    """
    check_question(question, service.config)
    request.state.question = question
    assistant = await service.get_assistant()
    stream_id = uuid.uuid4().hex
    try:
        await run_in_threadpool(lambda: service.audit.append_event(
            kind="stream_start", channel=principal.channel, endpoint=endpoint, question=question,
            detail={"stream": stream_id},
        ))
    except Exception as exc:  # noqa: BLE001
        raise _audit_failed(exc) from exc
    sent: list[str] = []

    async def close(kind: str, code: str) -> None:
        with anyio.CancelScope(shield=True):  # the client is gone and the task cancelled: still write it
            try:
                await run_in_threadpool(lambda: service.audit.append_event(
                    kind=kind, channel=principal.channel, endpoint=endpoint, question=question,
                    answer="".join(sent), detail={"stream": stream_id, "code": code},
                ))
            except Exception as exc:  # noqa: BLE001 — nothing more to do than say so
                log.error("audit append failed", extra={"error_type": type(exc).__name__})

    try:
        generator = await run_in_threadpool(
            lambda: iter(assistant.stream(question, caller=principal.channel, remember=False, **kwargs))
        )
        events = iterate_in_threadpool(generator)
        first = await events.__anext__()
    except StopAsyncIteration:
        await close("stream_failed", "internal_error")
        raise ApiError(500, "internal_error", "The answering chain produced no answer.") from None
    except Exception as exc:
        await close("stream_failed", error_of(exc)[1])
        raise

    async def _events() -> AsyncIterator[Any]:
        event, finished = first, False
        try:
            while True:
                if event.kind == "done":
                    await record(service, request, principal, question, event.data, endpoint,
                                 detail={"stream": stream_id})
                    finished = True
                    await remember(service, principal, question, event.data)
                    event.data = for_caller(event.data, principal)
                elif event.kind == "token":
                    sent.append(event.data)
                yield event
                try:
                    event = await events.__anext__()
                except StopAsyncIteration:
                    return
        except GeneratorExit:
            if not finished:
                await close("stream_abandoned", "client_closed")
            raise
        except BaseException as exc:
            if not finished:
                cancelled = isinstance(exc, anyio.get_cancelled_exc_class())
                await close("stream_abandoned" if cancelled else "stream_failed",
                            "client_closed" if cancelled else error_of(exc)[1])
            raise

    return _events()


async def close_stream(events: AsyncIterator[Any]) -> None:
    """Close a stream from `stream()` whatever ended it (done, error, or the client leaving: then the task is
    being cancelled, so the close, which writes the `stream_abandoned` row, runs shielded)."""
    with anyio.CancelScope(shield=True):
        await events.aclose()  # type: ignore[attr-defined]
