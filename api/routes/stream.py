"""POST /v1/chat/stream — the answer as Server-Sent Events for the widget.

Events, in order: `token` `{"text": …}` while the answer is written, then `citations` (list of
Citation), `figures` (list of Figure), `done` (the full AnswerResponse). A failure after the stream has
started is sent as `error` `{"error": {"code", "message"}}`; failures before it are plain JSON envelopes.
"""
from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter, Request
from sse_starlette import EventSourceResponse, ServerSentEvent

from api import answers
from api.deps import ServiceDep, WidgetPrincipal
from api.errors import envelope
from api.schemas import ERROR_RESPONSES, AskRequest

router = APIRouter(prefix="/v1", tags=["answers"])
log = logging.getLogger("caiwen.api")


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


def to_sse(event: Any) -> ServerSentEvent:
    if event.kind == "token":
        return ServerSentEvent(event="token", data=_json({"text": event.data}))
    if event.kind in ("citations", "figures"):
        return ServerSentEvent(event=event.kind, data=_json([item.model_dump(mode="json") for item in event.data]))
    return ServerSentEvent(event="done", data=_json(event.data.model_dump(mode="json")))


async def sse_events(events: AsyncIterator[Any]) -> AsyncIterator[ServerSentEvent]:
    try:
        async for event in events:
            yield to_sse(event)
    except Exception as exc:  # noqa: BLE001 — the stream is open: report in-band, never as a trace
        status, code, message = answers.error_of(exc)
        log.warning("stream failed", extra={"error_type": type(exc).__name__, "code": code})
        yield ServerSentEvent(event="error", data=_json(envelope(code, message)))
    finally:
        await answers.close_stream(events)


_SSE_RESPONSE = {
    200: {
        "description": "`text/event-stream`: token… citations, figures, done (or error)",
        "content": {"text/event-stream": {"schema": {"type": "string"}, "example": (
            'event: token\ndata: {"text": "羅素2000"}\n\nevent: citations\ndata: [...]\n\n'
            'event: figures\ndata: []\n\nevent: done\ndata: {"answer": "...", "message_id": "..."}\n\n'
        )}},
    }
}


@router.post(
    "/chat/stream",
    response_class=EventSourceResponse,
    responses={**_SSE_RESPONSE, **ERROR_RESPONSES},
    summary="Ask a question; stream the answer (SSE)",
)
async def chat_stream(body: AskRequest, request: Request, principal: WidgetPrincipal, service: ServiceDep):
    events = await answers.stream(
        service, request, principal, body.question, "/v1/chat/stream",
        lang=body.lang, k=body.k, conversation_id=body.conversation_id, filters=body.search_filters(),
    )
    return EventSourceResponse(sse_events(events), headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})
