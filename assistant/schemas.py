"""The answer contract shared by `caiwen ask --json`, the API and the evaluation suite."""
from __future__ import annotations


from pydantic import BaseModel, Field

from market_data.models import Figure


class Citation(BaseModel):
    n: int = Field(description="The [n] marker used in the answer text.")
    doc_id: str
    title: str
    published: str | None = None
    chunk_id: str
    quote: str = Field(description="Exact original-text span that supports the cited sentence.")
    quote_display: str = Field("", description="The quote converted to the asker's script and region.")
    start: int = Field(0, description="Character offset of the quote in the document's cleaned text.")
    end: int = 0
    page: int | None = Field(None, description="1-based page the quote starts on (PDF); null for unpaged documents.")


class RetrievedChunk(BaseModel):
    rank: int
    doc_id: str
    chunk_id: str
    score: float
    title: str = ""


class AnswerResponse(BaseModel):
    answer: str
    lang: str = Field(description="zh-Hant | zh-Hans | en")
    region: str | None = Field(None, description="HK | TW for zh-Hant")
    composer: str = Field(description="llm | extractive")
    citations: list[Citation] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    refused: bool = Field(False, description="True when the sources hold no evidence for the question.")
    disclaimer: str | None = Field(None, description="Not-investment-advice line when one was added.")
    conversation_id: str | None = None
    message_id: str | None = None
    standalone_question: str | None = Field(None, description="The question after follow-up rewriting.")
    retrieved: list[RetrievedChunk] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list, description="e.g. fallback to extractive, repaired figure")
    review: list[str] = Field(
        default_factory=list,
        description="Why a person reviews this answer (advice_request, screened); empty for most answers.",
    )
    latency_ms: float = 0.0
