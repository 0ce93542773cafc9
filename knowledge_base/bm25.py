"""BM25 over jieba tokens with a bounded candidate set, shared by every lexical index backend.

A one-stage OR query scores every chunk that shares any word with the question, so its cost grows with
the posting lists of common words (指数, 市场 match most chunks of a finance corpus). Here a query costs
at most `budget` postings, whatever the corpus size:

1. Words are ordered by document frequency (kept by the index). The rarest ones, while their postings add
   up to at most `budget`, are the selective words (all words when the question fits: small corpora are
   ranked exactly). The index ranks the chunks containing them by BM25 over those words only and returns
   the best `depth`; when even the rarest word has more than `budget` postings, only its newest `budget`
   chunks are ranked.
2. Those candidates are re-scored with BM25 over *all* question words, from their indexed token strings.

A chunk left out scores at most (the depth-th stage-1 score, or 0 when stage 1 returned fewer) plus the
other words' upper bounds (idf × (k1 + 1)): when the k-th hit scores above that, the top k are exactly
those of a full BM25 ranking (the MaxScore argument), and `LexicalResult.exact` says so.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

SINGLE_CHARACTER_WEIGHT = 0.5
K1 = 1.2
B = 0.75
# Postings ranked by the index per query (about 1-2 µs each in SQLite's FTS5) and candidates re-scored in
# Python (about 10 µs each): together a few milliseconds on an idle core.
CANDIDATE_BUDGET = 4000
MIN_DEPTH = 100


@dataclass(frozen=True)
class CorpusStats:
    chunks: int
    tokens: int

    @property
    def avgdl(self) -> float:
        return self.tokens / self.chunks if self.chunks else 1.0


@dataclass(frozen=True)
class CandidateQuery:
    """What the index is asked for: the best `depth` chunks by BM25 over `selective`, among all chunks
    containing one of them (`complete`) or among the newest `budget` of them."""

    selective: tuple[str, ...]
    rest: tuple[str, ...]
    budget: int
    depth: int
    complete: bool


@dataclass(frozen=True)
class Candidates:
    """What the index returned: (chunk_id, stored token string) best first by stage-1 score, and the
    stage-1 score of the last one when the index cut the list at `depth` (None when it did not)."""

    rows: list[tuple[str, str]]
    cut_score: float | None


@dataclass(frozen=True)
class LexicalResult:
    hits: list[tuple[str, float]]  # (chunk_id, BM25 score), best first
    exact: bool  # provably the same top hits as scoring every chunk


def idf(df: int, n: int) -> float:
    """FTS5's BM25 idf, floored so a word in most chunks still counts a little."""
    return max(math.log((n - df + 0.5) / (df + 0.5)), 1e-6)


def query_weight(term: str) -> float:
    """A one-character Chinese word of the question counts half: it is mostly a morpheme the segmenter left on its
    own (點差 → 點 / 差), so its rarity says little about what a passage is about (a question's 差多少 met an
    advertisement's 低點差). Measured: evals/heldout2/README.md, session 20."""
    return SINGLE_CHARACTER_WEIGHT if len(term) == 1 and "\u4e00" <= term <= "\u9fff" else 1.0


def index_text(tokens: Iterable[str]) -> str:
    """The stored form of a chunk's tokens (what `score` reads back)."""
    return " ".join(tokens)


def term_counts(texts: Iterable[str]) -> tuple[Counter, int, int]:
    """Document frequencies, chunk count and token count of stored token strings (for the statistics)."""
    df: Counter = Counter()
    chunks = tokens = 0
    for text in texts:
        words = text.split()
        df.update(set(words))
        chunks += 1
        tokens += len(words)
    return df, chunks, tokens


def plan_candidates(
    tokens: list[str], df: Mapping[str, int], limit: int, budget: int = CANDIDATE_BUDGET, depth: int | None = None
) -> CandidateQuery | None:
    """The rarest words whose postings fit the budget (at least one word); None when no word is indexed."""
    known = sorted((t for t in dict.fromkeys(tokens) if df.get(t, 0) > 0), key=lambda t: (df[t], t))
    if not known:
        return None
    selective, total = [known[0]], df[known[0]]
    for term in known[1:]:
        if total + df[term] > budget:
            break
        selective.append(term)
        total += df[term]
    return CandidateQuery(tuple(selective), tuple(known[len(selective):]), budget, depth or max(4 * limit, MIN_DEPTH),
                          complete=total <= budget)


def score(
    candidates: Candidates, query: CandidateQuery, df: Mapping[str, int], stats: CorpusStats, limit: int
) -> LexicalResult:
    """Rank the candidates by BM25 over every query word."""
    terms = [*query.selective, *query.rest]
    weights = [(f" {t} ", idf(df[t], stats.chunks) * query_weight(t)) for t in terms]
    avgdl = stats.avgdl
    scored: list[tuple[str, float]] = []
    for chunk_id, text in candidates.rows:
        # Doubled separators so that adjacent repeats of a word are all counted by str.count.
        padded = " " + text.replace(" ", "  ") + " "
        norm = K1 * (1 - B + B * (text.count(" ") + 1) / avgdl)
        total = 0.0
        for needle, weight in weights:
            tf = padded.count(needle)
            if tf:
                total += weight * tf * (K1 + 1) / (tf + norm)
        if total > 0:
            scored.append((chunk_id, total))
    scored.sort(key=lambda hit: (-hit[1], hit[0]))
    hits = scored[:limit]
    if not query.complete:
        return LexicalResult(hits, False)
    outside_bound = (candidates.cut_score or 0.0) + sum(idf(df[t], stats.chunks) * (K1 + 1) for t in query.rest)
    if candidates.cut_score is None and not query.rest:
        return LexicalResult(hits, True)
    return LexicalResult(hits, len(hits) == limit and hits[-1][1] > outside_bound)
