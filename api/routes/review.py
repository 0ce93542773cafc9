"""Human review of high-risk answers (SFC circular 24EC55): answers to advice questions and answers the
screen changed wait in a queue; a reviewer's decision is a `review` row in the (hash-chained) audit record.

GET /v1/review lists what waits; POST /v1/review/{message_id}/approve|reject decides. Admin scope only.
"""
from __future__ import annotations

from fastapi import APIRouter, Query
from starlette.concurrency import run_in_threadpool

from api.deps import AdminPrincipal, ServiceDep
from api.review_schemas import ReviewDecision, ReviewDecisionRequest, ReviewItem, ReviewList
from api.schemas import ERROR_RESPONSES

router = APIRouter(prefix="/v1", tags=["review"])


@router.get("/review", response_model=ReviewList, responses=ERROR_RESPONSES, summary="Answers awaiting review")
async def list_reviews(principal: AdminPrincipal, service: ServiceDep,
                       limit: int = Query(100, ge=1, le=1000)) -> ReviewList:
    rows = await run_in_threadpool(service.audit.pending_reviews, limit)
    return ReviewList(items=[ReviewItem.from_row(row) for row in rows])


async def _decide(message_id: str, decision: str, body: ReviewDecisionRequest | None, principal, service,
                  ) -> ReviewDecision:
    note = body.note if body is not None else None
    # A ReviewError (unknown id: 404, already decided: 409) reaches the one CaiwenError handler.
    audit_id = await run_in_threadpool(
        lambda: service.audit.review(message_id, decision=decision, reviewer=principal.channel, note=note,
                                     endpoint=f"/v1/review/{decision}")
    )
    return ReviewDecision(message_id=message_id, decision=decision, reviewer=principal.channel, audit_id=audit_id)


_RESPONSES = {404: {"description": "No answer awaiting review has this id"},
              409: {"description": "Already reviewed"}, **ERROR_RESPONSES}


@router.post("/review/{message_id}/approve", response_model=ReviewDecision, responses=_RESPONSES)
async def approve(message_id: str, principal: AdminPrincipal, service: ServiceDep,
                  body: ReviewDecisionRequest | None = None) -> ReviewDecision:
    return await _decide(message_id, "approved", body, principal, service)


@router.post("/review/{message_id}/reject", response_model=ReviewDecision, responses=_RESPONSES)
async def reject(message_id: str, principal: AdminPrincipal, service: ServiceDep,
                 body: ReviewDecisionRequest | None = None) -> ReviewDecision:
    return await _decide(message_id, "rejected", body, principal, service)
