"""Hybrid retrieval: a lexical retriever (FTS5 BM25 over jieba tokens) and a dense one (Chroma), composed by
`HybridRetriever` through a fusion mode chosen by name (knowledge_base/fusion.py)."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from knowledge_base.fusion import FUSION_MODES, Ranked
from knowledge_base.glosses import GlossedTerms
from knowledge_base.glosses import glossed_terms as mine_glossed_terms
from knowledge_base.inflections import inflected_forms
from knowledge_base.lexical_tokens import expand_query, tokenize
from knowledge_base.records import ChunkRecord, SearchHit
from knowledge_base.scripts import normalize_for_index

MAX_K = 50  # most passages one search returns: the API's request schemas and the chain bound `k` by it

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


def plan_query(query: str, index: "LexicalIndex | None" = None, glossed: list[str] | None = None) -> QueryPlan:
    """Normalized query and its index words; an English question's words also bring the Chinese terms the
    documents gloss them with (knowledge_base.glosses): `glossed` when the caller has them, else looked up in
    `index` when there is one."""
    norm = normalize_for_index(query)
    tokens = tokenize(expand_query(norm))
    tokens += [t for t in chinese_numeral_forms(tokens) if t not in tokens]
    if glossed is None and index is not None:
        glossed = glossed_terms(norm, index)
    tokens += [t for t in glossed or [] if t not in tokens]
    if index is not None:
        tokens += inflected_forms(tokens, index.terms_starting)  # "manages" also finds "managed"
        tokens += containing_words(tokens, index.terms_containing)  # 负债 also finds 资产负债
    return QueryPlan(norm, tokens)


CONTAINING_WORDS = 3  # index words searched for one question word the index never holds as a word of its own


def containing_words(tokens: list[str], terms_containing: Callable[[str, int], list[str]]) -> list[str]:
    """For each Chinese question word of two characters or more that the index never holds as a word (负债, where
    the segmenter cut the documents' 资产负债比率 into 资产负债 + 比率), the most frequent index words holding it."""
    out: dict[str, None] = {}
    for token in tokens:
        if len(token) >= 2 and all("\u4e00" <= ch <= "\u9fff" for ch in token):
            for term in terms_containing(token, CONTAINING_WORDS):
                if term not in tokens:
                    out.setdefault(term, None)
    return list(out)


def chinese_numeral_forms(tokens: list[str]) -> list[str]:
    """Small whole numbers of the question as Chinese numerals too (0 -> 零, 12 -> 十二): a document may write
    「市盈率為零」 where the asker types 0."""
    import cn2an  # imported on the first question holding a small number

    # ASCII digits only: "³" and "²" are digits to str.isdigit() and no number to cn2an.
    return [cn2an.an2cn(t) for t in tokens
            if t.isascii() and t.isdigit() and len(t) <= 2 and (t == "0" or not t.startswith("0"))]


GLOSS_SOURCE_CHUNKS = 20  # chunks read per English word for its glosses: enough to meet a term's gloss


def glossed_terms(norm_query: str, index: "LexicalIndex") -> GlossedTerms:
    return mine_glossed_terms(norm_query, lambda word: index.texts_mentioning(word, GLOSS_SOURCE_CHUNKS))


class LexicalIndex(Protocol):
    """What retrieval reads from the catalog (SQLite or PostgreSQL): its lexical index and chunks by id."""

    def lexical_search(self, tokens: list[str], limit: int) -> list[tuple[str, float]]: ...

    def chunks_by_id(self, chunk_ids: Iterable[str]) -> dict[str, ChunkRecord]: ...

    def texts_mentioning(self, token: str, limit: int) -> list[str]: ...

    def terms_starting(self, prefix: str, limit: int) -> list[str]: ...

    def terms_containing(self, fragment: str, limit: int) -> list[str]: ...


class DenseSearch(Protocol):
    """Embed the normalized query and return (chunk id, similarity) best first. A callable rather than an
    embedder and a store, so that an answer the lexical side serves alone never loads either."""

    def __call__(self, norm_query: str, limit: int, where: dict | None) -> list[tuple[str, float]]: ...


def overlap_ratio(a: ChunkRecord, b: ChunkRecord) -> float:
    """The share of the shorter chunk that the other covers (0 for chunks of different documents)."""
    if a.doc_id != b.doc_id:
        return 0.0
    overlap = min(a.end, b.end) - max(a.start, b.start)
    return max(0, overlap) / max(1, min(a.end - a.start, b.end - b.start))


class LexicalRetriever:
    """BM25 over the catalog's lexical index. The index cannot filter, so a filtered search reads deeper."""

    def __init__(self, index: LexicalIndex) -> None:
        self.index = index

    def search(self, plan: QueryPlan, depth: int, filters: SearchFilters) -> Ranked:
        return self.index.lexical_search(plan.lexical_tokens, depth * (1 if filters.empty else 5))


class DenseRetriever:
    """Nearest neighbours of the query embedding; the store applies the filters itself."""

    def __init__(self, search: DenseSearch) -> None:
        self._search = search

    def search(self, plan: QueryPlan, depth: int, filters: SearchFilters) -> Ranked:
        return self._search(plan.norm_query, depth, filters.chroma_where())


class HybridRetriever:
    """Runs the two retrievers through a fusion mode, then keeps the first `k` fused chunks that pass the
    filters and do not mostly overlap a chunk already kept."""

    def __init__(self, lexical: LexicalRetriever, dense: DenseRetriever, chunks: LexicalIndex) -> None:
        self.lexical = lexical
        self.dense = dense
        self.chunks = chunks

    def search(self, query: str, k: int, filters: SearchFilters, mode: str = "hybrid",
               glossed: list[str] | None = None) -> list[SearchHit]:
        fuse = FUSION_MODES.get(mode)  # an unknown mode fails here, naming the known ones
        plan = plan_query(query, self.chunks, glossed)
        depth = max(k * 4, 20)
        fused = fuse(lambda: self.lexical.search(plan, depth, filters),
                     lambda: self.dense.search(plan, depth, filters), depth)
        scores = fused.scores
        dense_scores = dict(fused.dense)
        lexical_scores = dict(fused.lexical)
        chunks = self.chunks.chunks_by_id(scores)  # ids unknown to the catalog (half-written) drop out here

        hits: list[SearchHit] = []
        for chunk_id in sorted(scores, key=scores.__getitem__, reverse=True):
            chunk = chunks.get(chunk_id)
            if chunk is None or not filters.accepts(chunk):
                continue
            if any(overlap_ratio(chunk, kept.chunk) >= 0.5 for kept in hits):
                continue
            hits.append(
                SearchHit(
                    chunk=chunk, score=scores[chunk_id], dense_score=dense_scores.get(chunk_id),
                    lexical_score=lexical_scores.get(chunk_id), rank=len(hits) + 1,
                )
            )
            if len(hits) == k:
                break
        return hits
