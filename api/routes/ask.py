"""POST /v1/ask — one question, one answer with citations and figures."""
from __future__ import annotations

from fastapi import APIRouter, Request

from api import answers
from api.deps import AskPrincipal, ServiceDep
from api.schemas import ERROR_RESPONSES, AskRequest, AskResponse
from assistant.schemas import AnswerResponse

router = APIRouter(prefix="/v1", tags=["answers"])


@router.post("/ask", response_model=AskResponse, responses=ERROR_RESPONSES, summary="Ask a question")
async def ask(body: AskRequest, request: Request, principal: AskPrincipal, service: ServiceDep) -> AnswerResponse:
    return await answers.answer(
        service, request, principal, body.question, "/v1/ask",
        lang=body.lang, k=body.k, conversation_id=body.conversation_id, filters=body.search_filters(),
    )
