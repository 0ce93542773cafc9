"""Request and response models of the HTTP API, named by role (…Request, …Public, …List).

The answer itself is the shared contract `assistant.schemas.AnswerResponse`; the models here add the
OpenAPI examples and the API-only shapes (feedback, sources, ingest, readiness), with the field types, the
request base and the error envelope every endpoint shares. OpenAI compatibility: `api/openai_schemas.py`;
human review: `api/review_schemas.py`.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, model_validator

from assistant.schemas import AnswerResponse, Figure
from ingest.summary import IngestSummary
from knowledge_base.records import DocumentRecord
from knowledge_base.retriever import MAX_K

Lang = Literal["zh-Hant", "zh-Hans", "en"]
Identifier = Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9_.:\-]+$")]
def _calendar_date(value: Any) -> date:
    if not isinstance(value, str) or len(value) != 10 or value[4] != "-" or value[7] != "-":
        raise ValueError("use a date written YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value} is not a calendar date") from None


IsoDate = Annotated[date, BeforeValidator(_calendar_date)]
DocId = Annotated[str, StringConstraints(min_length=1, max_length=500, pattern=r"^[^\x00-\x1f]+$")]

_CITATION_EXAMPLE = {
    "n": 1,
    "doc_id": "003_50d57fdeb84ad35c.txt",
    "title": "羅素2000指數年度重組",
    "published": "2025-06-27",
    "chunk_id": "003_50d57fdeb84ad35c.txt#2",
    "quote": "罗素2000指数每年6月进行重组",
    "quote_display": "羅素2000指數每年6月進行重組",
    "start": 120,
    "end": 135,
}
_FIGURE_EXAMPLE = {
    "name": "return",
    "value": 7.88,
    "unit": "%",
    "symbol": "^RUT",
    "period": "ytd",
    "as_of": "2025-12-31",
    "source": "files:^RUT.csv",
}


class ErrorDetail(BaseModel):
    code: str = Field(examples=["invalid_request"])
    message: str = Field(examples=["question: String should have at least 1 character"])


class ErrorEnvelope(BaseModel):
    """Every 4xx/5xx response has this shape."""

    error: ErrorDetail


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorEnvelope, "description": text}
    for status, text in {
        401: "Missing or invalid API key, and no allowed browser origin",
        403: "The API key lacks the needed scope",
        413: "Request body too large",
        422: "Invalid request (empty, over-long or malformed)",
        429: "Rate limit for browser calls exceeded",
        503: "The knowledge base or answering service is unavailable",
    }.items()
}


_UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")


def _unstorable_field(value: Any, path: str) -> str | None:
    """The first field (dotted path) holding a NUL or a lone surrogate, which no store can keep."""
    if isinstance(value, str):
        return path if _UNSTORABLE.search(value) else None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        if isinstance(key, str) and _UNSTORABLE.search(key):
            return f"{path}.{key.encode('utf-8', 'backslashreplace').decode()}".lstrip(".")
        found = _unstorable_field(item, f"{path}.{key}".lstrip("."))
        if found:
            return found
    return None


class RequestModel(BaseModel):
    """Base of every request body: text that the audit record could not store (a NUL, a lone UTF-16
    surrogate such as \\ud800) is refused with a 422 naming the field, before anything is answered."""

    @model_validator(mode="before")
    @classmethod
    def _storable(cls, data: Any) -> Any:
        field = _unstorable_field(data, "")
        if field:
            raise ValueError(f"{field} contains a NUL character or a lone surrogate, which cannot be stored")
        return data




class SearchFiltersRequest(BaseModel):
    """Which documents an answer may draw on. Unknown keys, wrong types and impossible dates are 422s."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"doc_ids": ["003_50d57fdeb84ad35c.txt"]}, {"date_from": "2025-01-01"}]},
    )

    doc_ids: list[DocId] | None = Field(None, min_length=1, max_length=50, description="Only these documents.")
    doc_id: DocId | None = Field(None, description="Only this document (shorthand for one doc_ids entry).")
    date_from: IsoDate | None = Field(None, description="Published on or after (YYYY-MM-DD).")
    date_to: IsoDate | None = Field(None, description="Published on or before (YYYY-MM-DD).")

    @model_validator(mode="after")
    def _ordered(self) -> "SearchFiltersRequest":
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError("date_from is after date_to")
        return self

    def as_search(self) -> dict[str, Any]:
        """The chain's filter dict (knowledge_base.retriever.SearchFilters.from_dict)."""
        doc_ids = [*(self.doc_ids or ()), *([self.doc_id] if self.doc_id else [])]
        raw = {"doc_ids": doc_ids, "date_from": self.date_from, "date_to": self.date_to}
        return {key: value.isoformat() if isinstance(value, date) else value for key, value in raw.items() if value}


class AskRequest(RequestModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"question": "羅素2000點樣重組？"},
                {"question": "罗素2000和标普500估值差多少", "k": 5},
                {"question": "How does the Russell 2000 reconstitution work?", "lang": "en"},
                {"question": "咁同標普500比呢？", "conversation_id": "c0ffee00c0ffee00"},
            ]
        },
    )

    question: str = Field(
        min_length=1, description="The customer's question (at most `max_question_chars`, 500 by default)."
    )
    conversation_id: Identifier | None = Field(None, description="Continue this conversation (follow-ups).")
    lang: Lang | None = Field(None, description="Answer language; detected from the question when omitted.")
    k: int | None = Field(None, ge=1, le=MAX_K, description="Number of passages to retrieve.")
    filters: SearchFiltersRequest | None = Field(None, description="Restrict the documents searched.")

    def search_filters(self) -> dict[str, Any] | None:
        return self.filters.as_search() if self.filters else None


class AskResponse(AnswerResponse):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "answer": "羅素2000指數每年6月重組一次[1]。",
                    "lang": "zh-Hant",
                    "region": "HK",
                    "composer": "extractive",
                    "citations": [_CITATION_EXAMPLE],
                    "figures": [],
                    "refused": False,
                    "disclaimer": None,
                    "conversation_id": "c0ffee00c0ffee00",
                    "message_id": "m0ffee00m0ffee01",
                    "latency_ms": 38.2,
                }
            ]
        }
    )


class FeedbackCreate(RequestModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"message_id": "m0ffee00m0ffee01", "rating": "up", "comment": "清楚"}]},
    )

    message_id: Identifier = Field(description="The `message_id` of the answer being rated.")
    rating: Literal["up", "down"]
    comment: str | None = Field(None, max_length=2000, pattern=r"^[^\x00]*$")  # no NUL: PostgreSQL text


class FeedbackCreated(BaseModel):
    ok: bool = Field(True, examples=[True])


class FeedbackPublic(BaseModel):
    id: int
    created_at: str
    message_id: str
    rating: Literal["up", "down"]
    comment: str | None = None
    channel: str = Field(description="'widget' or the name of the API key that sent it.")
    question: str | None = Field(None, description="The rated question, from the audit record.")
    answer: str | None = None


class FeedbackList(BaseModel):
    items: list[FeedbackPublic]


class ChunkPublic(BaseModel):
    chunk_id: str
    ordinal: int
    start: int
    end: int
    heading: str = ""
    text: str


class SourceList(BaseModel):
    count: int
    documents: list[DocumentRecord]


class SourceDetail(BaseModel):
    document: DocumentRecord
    chunks: list[ChunkPublic]


class FiguresResponse(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"symbol": "^RUT", "period": "ytd", "vs": None, "figures": [_FIGURE_EXAMPLE]}]}
    )

    symbol: str
    period: str | None = None
    vs: str | None = None
    figures: list[Figure]
    notes: list[str] = Field(default_factory=list, description="e.g. stale data, dates moved to trading sessions")


class IngestPathRequest(RequestModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"path": "/srv/articles", "prune": False}]})

    path: str = Field(min_length=1, max_length=4096, pattern=r"^[^\x00]*$",
                      description="A folder or file under one of `ingest_dirs`.")
    prune: bool = Field(False, description="Remove documents no longer present under the path.")


class IngestResult(BaseModel):
    ok: bool = Field(description="True when no file failed.")
    summary: IngestSummary


class HealthPublic(BaseModel):
    status: Literal["ok"] = "ok"
    uptime_s: float


class ReadinessPublic(BaseModel):
    ready: bool
    checks: dict[str, Any] = Field(
        description="store, embedder, llm (reachable|unreachable|extractive) and anything else the chain reports.",
        examples=[{"store": True, "embedder": True, "llm": "extractive"}],
    )
