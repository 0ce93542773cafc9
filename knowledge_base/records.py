"""What the knowledge base stores and returns: documents, chunks and search hits."""
from __future__ import annotations

import json

from pydantic import BaseModel, Field, field_validator


class DocumentRecord(BaseModel):
    doc_id: str = Field(description="Path relative to the ingest root, '/'-separated.")
    title: str
    published: str | None = Field(None, description="ISO date (YYYY-MM-DD) when the text states one.")
    script: str = Field(description="zh-Hant | zh-Hans | en")
    content_hash: str
    source_path: str
    chunk_count: int = 0
    ingested_at: str | None = None
    flags: list[str] = Field(
        default_factory=list,
        description="What the text does besides informing (knowledge_base.screening.KINDS): instruction, "
        "trade_call, guarantee, promotion. Flagged sentences are never quoted; a document with an instruction "
        "to the assistant is left out of answers.",
    )


# Unit kinds the offline composer may quote; the rest (headings, FAQ questions, table headers, advertising,
# navigation) answer nothing on their own.
QUOTABLE_UNITS = frozenset({"answer", "table_row"})


class AnswerUnit(BaseModel):
    """One classified piece of a chunk (see ingest/answer_units.py); offsets are into the chunk's text."""

    start: int
    end: int
    kind: str = Field(description="answer | table_row | heading | question | table_header | promo | navigation")
    header: str = Field("", description="Table rows: the table's header line (and caption).")


def units_to_json(units: "list[AnswerUnit]") -> str:
    return json.dumps([[u.start, u.end, u.kind, u.header] if u.header else [u.start, u.end, u.kind] for u in units],
                      ensure_ascii=False, separators=(",", ":"))


def units_from_json(raw: str | None) -> "list[AnswerUnit]":
    if not raw:
        return []
    return [AnswerUnit(start=r[0], end=r[1], kind=r[2], header=r[3] if len(r) > 3 else "") for r in json.loads(raw)]


class ChunkRecord(BaseModel):
    chunk_id: str
    doc_id: str
    ordinal: int
    start: int = Field(description="Character offset of the chunk in the document's cleaned original text.")
    end: int
    text: str = Field(description="Original text of the span, for display and citation.")
    norm_text: str = Field(description="t2s-normalized text: what is embedded and lexically indexed.")
    heading: str = ""
    title: str = ""
    published: str | None = None
    script: str = "zh-Hans"
    page: int | None = Field(None, description="1-based page the chunk starts on (paged formats such as PDF).")
    page_end: int | None = Field(None, description="Page the chunk ends on.")
    page_breaks: list[int] = Field(
        default_factory=list, description="Document offsets inside the chunk where pages page+1, page+2... begin."
    )

    def page_at(self, offset: int) -> int | None:
        """The page holding document offset `offset` (inside this chunk), or None for unpaged documents."""
        if self.page is None:
            return None
        return self.page + sum(1 for start in self.page_breaks if start <= offset)
    units: list[AnswerUnit] = Field(default_factory=list, description="Answer units, classified at ingest.")

    @field_validator("units", mode="before")
    @classmethod
    def _units_json(cls, value):
        return units_from_json(value) if isinstance(value, str) or value is None else value

    @property
    def embed_text(self) -> str:
        """What the embedder sees. Title/heading context is left out: on the golden set, prefixing it made
        chunks of one document look alike and cut dense hit@5 from 0.82 to 0.69 (the lexical index gets it)."""
        return self.norm_text


class SearchHit(BaseModel):
    chunk: ChunkRecord
    score: float = Field(description="Fused score; higher is better.")
    dense_score: float | None = Field(None, description="Cosine similarity from the vector store.")
    lexical_score: float | None = Field(None, description="BM25 score from the lexical index.")
    rank: int = 0
