"""BM25 over jieba tokens with a bounded candidate set, shared by every lexical index backend.

A one-stage OR query scores every chunk that shares any word with the question, so its cost grows with
the posting lists of common words (指数, 市场 match most chunks of a finance corpus). Here the index only
answers "which chunks contain these rare words" and "how many chunks contain each word"; scoring is done
in two stages:

1. Words are ordered by document frequency. The rarest ones, while their postings add up to at most
   `budget`, select the candidates (all of them when the whole question fits: small corpora are ranked
   exactly). The index returns at most `budget` candidates, newest first.
2. Every candidate is scored with BM25 over *all* question words, from the indexed token string.

A chunk outside the candidates contains none of the selective words, so its score is below the sum of the
remaining words' upper bounds (idf × (k1 + 1)): when the k-th candidate scores above that, the top k are
exactly those of a full BM25 ranking (the MaxScore argument), and `LexicalResult.exact` says so.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

K1 = 1.2
B = 0.75
# Postings scored per query: about 5 µs each in Python, so 4,000 candidates stay near 20 ms.
CANDIDATE_BUDGET = 4000


@dataclass(frozen=True)
class CorpusStats:
    chunks: int
    tokens: int

    @property
    def avgdl(self) -> float:
        return self.tokens / self.chunks if self.chunks else 1.0


@dataclass(frozen=True)
class CandidateQuery:
    """What the index is asked for: chunks containing any of `selective` (at most `limit`, newest first)."""

    selective: tuple[str, ...]
    rest: tuple[str, ...]
    limit: int
    complete: bool  # the selective words' postings fit the limit: the index returns all of them


@dataclass(frozen=True)
class LexicalResult:
    hits: list[tuple[str, float]]  # (chunk_id, BM25 score), best first
    exact: bool  # provably the same top hits as scoring every chunk


def idf(df: int, n: int) -> float:
    """FTS5's BM25 idf, floored so a word in most chunks still counts a little."""
    return max(math.log((n - df + 0.5) / (df + 0.5)), 1e-6)


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


def plan_candidates(tokens: list[str], df: Mapping[str, int], budget: int = CANDIDATE_BUDGET) -> CandidateQuery | None:
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
    return CandidateQuery(tuple(selective), tuple(known[len(selective):]), budget, complete=total <= budget)


def score(
    candidates: Iterable[tuple[str, str]], query: CandidateQuery, df: Mapping[str, int], stats: CorpusStats, limit: int
) -> LexicalResult:
    """Rank (chunk_id, stored token string) candidates by BM25 over every query word."""
    terms = [*query.selective, *query.rest]
    weights = [(f" {t} ", idf(df[t], stats.chunks)) for t in terms]
    avgdl = stats.avgdl
    scored: list[tuple[str, float]] = []
    for chunk_id, text in candidates:
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
    if not query.rest:
        return LexicalResult(hits, True)
    outside_bound = sum(idf(df[t], stats.chunks) * (K1 + 1) for t in query.rest)
    return LexicalResult(hits, len(hits) == limit and hits[-1][1] > outside_bound)
