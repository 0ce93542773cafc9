"""Retrieval quality against `expected_sources`: hit@k, reciprocal rank and source recall.

Ranks are positions in the retrieved chunk list (1-based, ordered by `rank`), so a document that supplies
the 3rd chunk counts at rank 3 even if it also supplied none before.
"""
from __future__ import annotations

from collections.abc import Sequence


def hit_at_k(retrieved_doc_ids: Sequence[str], expected: set[str], k: int) -> float:
    return 1.0 if any(doc in expected for doc in retrieved_doc_ids[:k]) else 0.0


def reciprocal_rank(retrieved_doc_ids: Sequence[str], expected: set[str]) -> float:
    for position, doc in enumerate(retrieved_doc_ids, start=1):
        if doc in expected:
            return 1.0 / position
    return 0.0


def source_recall_at_k(retrieved_doc_ids: Sequence[str], expected: set[str], k: int) -> float:
    """Share of the expected documents that appear in the top k (what multi-document questions need)."""
    if not expected:
        return 0.0
    return len(expected & set(retrieved_doc_ids[:k])) / len(expected)
