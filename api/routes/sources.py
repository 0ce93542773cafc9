"""GET /v1/sources (what the knowledge base holds) and GET /v1/sources/{doc_id} (metadata and chunks)."""
from __future__ import annotations

from pathlib import PurePath

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from api.deps import AskPrincipal, KnowledgeBaseDep
from api.errors import ApiError
from api.schemas import ERROR_RESPONSES, ChunkPublic, SourceDetail, SourceList
from knowledge_base.records import DocumentRecord

router = APIRouter(prefix="/v1", tags=["sources"])


def _public(document: DocumentRecord) -> DocumentRecord:
    """The file's name only: the server's folders are nobody's business outside it."""
    return document.model_copy(update={"source_path": PurePath(document.source_path).name})


@router.get("/sources", response_model=SourceList, responses=ERROR_RESPONSES)
async def list_sources(principal: AskPrincipal, kb: KnowledgeBaseDep) -> SourceList:
    documents = await run_in_threadpool(kb.sources)
    return SourceList(count=len(documents), documents=[_public(d) for d in documents])


@router.get(
    "/sources/{doc_id:path}",
    response_model=SourceDetail,
    responses={404: {"description": "Unknown doc_id"}, **ERROR_RESPONSES},
)
async def get_source(doc_id: str, principal: AskPrincipal, kb: KnowledgeBaseDep) -> SourceDetail:
    document = await run_in_threadpool(kb.document, doc_id)
    if document is None:
        raise ApiError(404, "unknown_document", "No document with this doc_id is in the knowledge base.")
    chunks = await run_in_threadpool(kb.chunks, doc_id)
    return SourceDetail(
        document=_public(document),
        chunks=[
            ChunkPublic(chunk_id=c.chunk_id, ordinal=c.ordinal, start=c.start, end=c.end, heading=c.heading,
                        text=c.text)
            for c in chunks
        ],
    )
