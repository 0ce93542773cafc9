"""POST /v1/chat/completions — Caiwen as an OpenAI-compatible model named `caiwen`.

Chat front ends and support tools that already speak the OpenAI API get the answer (with its [n]
markers) in `choices[0].message.content` and the structured citations and figures in an extra top-level
`caiwen` field. The last user message is the question; earlier user/assistant turns are the history.
"""
from __future__ import annotations

import json
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter, Request
from sse_starlette import EventSourceResponse, ServerSentEvent

from api import answers
from api.deps import AskPrincipal, ServiceDep
from api.errors import ApiError
from api.openai_schemas import (
    CaiwenExtra,
    ChatChoice,
    ChatCompletionRequest,
    ChatCompletionResponse,
    ChatMessageOut,
    ModelList,
    ModelPublic,
)
from api.schemas import ERROR_RESPONSES
from assistant.schemas import AnswerResponse

router = APIRouter(prefix="/v1", tags=["openai-compatible"])

MODEL = "caiwen"
HISTORY_TURNS = 5  # the chain reads at most this many earlier turns of a conversation


def _split(body: ChatCompletionRequest) -> tuple[str, list[tuple[str, str]]]:
    """(question, [(question, answer), …]) from OpenAI messages; system prompts are ignored on purpose —
    the assistant's own instructions and guardrails are not the caller's to replace."""
    if body.model != MODEL:
        raise ApiError(404, "model_not_found", "Unknown model; this server serves 'caiwen'.")  # never echo input
    turns = [m for m in body.messages if m.role in ("user", "assistant")]
    if not turns or turns[-1].role != "user":
        raise ApiError(422, "invalid_request", "The last message must be a user message holding the question.")
    history: list[tuple[str, str]] = []
    pending: str | None = None
    for message in turns[:-1]:
        if message.role == "user":
            pending = message.text()
        elif pending is not None:
            history.append((pending, message.text()))
            pending = None
    return turns[-1].text(), history


def _history_kwargs(history: list[tuple[str, str]], conversation_id: str | None) -> dict[str, Any]:
    """A stored conversation_id wins; else the caller's earlier turns go to the chain as `history`."""
    if conversation_id or not history:
        return {"conversation_id": conversation_id}
    return {"conversation_id": None, "history": history[-HISTORY_TURNS:]}


def _content(response: AnswerResponse) -> str:
    if response.disclaimer and response.disclaimer not in response.answer:
        return f"{response.answer}\n\n{response.disclaimer}"
    return response.answer


def _extra(response: AnswerResponse) -> CaiwenExtra:
    return CaiwenExtra(
        citations=response.citations, figures=response.figures, conversation_id=response.conversation_id,
        message_id=response.message_id, composer=response.composer, lang=response.lang,
        refused=response.refused, disclaimer=response.disclaimer,
        standalone_question=response.standalone_question, warnings=response.warnings, review=response.review,
    )


def _chunk(cid: str, created: int, delta: dict, finish: str | None = None, **extra: Any) -> str:
    return json.dumps(
        {
            "id": cid, "object": "chat.completion.chunk", "created": created, "model": MODEL,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **extra,
        },
        ensure_ascii=False,
    )


async def _openai_events(events: AsyncIterator[Any], cid: str, created: int) -> AsyncIterator[ServerSentEvent]:
    yield ServerSentEvent(data=_chunk(cid, created, {"role": "assistant", "content": ""}))
    try:
        async for event in events:
            if event.kind == "token" and event.data:
                yield ServerSentEvent(data=_chunk(cid, created, {"content": event.data}))
            elif event.kind == "done":
                response: AnswerResponse = event.data
                if response.disclaimer and response.disclaimer not in response.answer:
                    yield ServerSentEvent(data=_chunk(cid, created, {"content": f"\n\n{response.disclaimer}"}))
                extra = _extra(response).model_dump(mode="json")
                yield ServerSentEvent(data=_chunk(cid, created, {}, "stop", caiwen=extra))
    except Exception as exc:  # noqa: BLE001 — in-band error, as OpenAI streams do
        _, code, message = answers.error_of(exc)
        yield ServerSentEvent(data=json.dumps({"error": {"code": code, "message": message, "type": code}}))
    finally:
        await answers.close_stream(events)
    yield ServerSentEvent(data="[DONE]")


@router.post(
    "/chat/completions",
    response_model=ChatCompletionResponse,
    responses={
        200: {"content": {"text/event-stream": {"schema": {"type": "string"}}},
              "description": "JSON, or chat.completion.chunk events when `stream` is true"},
        404: {"description": "Unknown model"},
        **ERROR_RESPONSES,
    },
    summary="OpenAI-compatible chat completion (model `caiwen`)",
)
async def chat_completions(body: ChatCompletionRequest, request: Request, principal: AskPrincipal,
                           service: ServiceDep):
    question, history = _split(body)
    answers.check_question(question, service.config)
    kwargs: dict[str, Any] = {"lang": body.lang, "k": body.k, "filters": None,
                              **_history_kwargs(history, body.conversation_id)}
    created = int(time.time())
    if body.stream:
        events = await answers.stream(
            service, request, principal, question, "/v1/chat/completions", **kwargs
        )
        cid = f"chatcmpl-{uuid.uuid4().hex}"
        return EventSourceResponse(_openai_events(events, cid, created), headers={"Cache-Control": "no-store"})
    response = await answers.answer(
        service, request, principal, question, "/v1/chat/completions", **kwargs
    )
    return ChatCompletionResponse(
        id=f"chatcmpl-{response.message_id or uuid.uuid4().hex}",
        created=created,
        choices=[ChatChoice(message=ChatMessageOut(content=_content(response)))],
        caiwen=_extra(response),
    )


@router.get("/models", response_model=ModelList, responses=ERROR_RESPONSES, summary="OpenAI-compatible model list")
async def list_models(principal: AskPrincipal) -> ModelList:
    return ModelList(data=[ModelPublic()])
