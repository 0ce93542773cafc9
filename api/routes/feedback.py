"""POST /v1/feedback (thumbs up/down on an answer) and GET /v1/feedback (admin: support review)."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query
from starlette.concurrency import run_in_threadpool

from api.deps import AdminPrincipal, ServiceDep, WidgetPrincipal
from api.errors import ApiError
from api.schemas import ERROR_RESPONSES, FeedbackCreate, FeedbackCreated, FeedbackList

router = APIRouter(prefix="/v1", tags=["feedback"])


@router.post("/feedback", status_code=201, response_model=FeedbackCreated, responses=ERROR_RESPONSES)
async def create_feedback(body: FeedbackCreate, principal: WidgetPrincipal, service: ServiceDep) -> FeedbackCreated:
    """Rate an answer given to this caller (an API key's answers, or the widget's), once per answer."""
    answer = await run_in_threadpool(service.audit.answer_of, body.message_id)
    if answer is None or answer["channel"] != principal.channel:  # another caller's answer: as if unknown
        raise ApiError(404, "unknown_message", "No answer with this message_id was given to this caller.")
    await run_in_threadpool(  # a second rating: FeedbackExistsError, 409 through the one handler
        service.feedback.add,
        message_id=body.message_id, rating=body.rating, comment=body.comment, channel=principal.channel,
    )
    return FeedbackCreated(ok=True)


@router.get("/feedback", response_model=FeedbackList, responses=ERROR_RESPONSES)
async def list_feedback(
    principal: AdminPrincipal,
    service: ServiceDep,
    rating: Literal["up", "down"] | None = None,
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=10_000_000),
) -> FeedbackList:
    items = await run_in_threadpool(service.feedback.list, rating=rating, limit=limit, offset=offset)
    return FeedbackList(items=items)
