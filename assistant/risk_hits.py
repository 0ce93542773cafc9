"""Retrieval for a buy/sell/timing question: the subject's own passages on what can go wrong.

「值不值得申购?」 shares its words with nothing a prospectus says about risk, so the retrieved passages are the
product's terms, and the answer that declines the call has nothing to show instead of it. The document the
question reached first is searched again, lexically, for the words of a risk statement
(assistant/data/risk_words.txt), and its best passages join the hits.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from assistant.advice import risk_words
from knowledge_base.records import SearchHit

if TYPE_CHECKING:
    from knowledge_base.base import KnowledgeBase

RISK_HITS = 2  # passages added


@lru_cache(maxsize=1)
def _risk_query() -> str:
    return " ".join(sorted(risk_words()))


def with_risk_hits(hits: list[SearchHit], kb: "KnowledgeBase") -> list[SearchHit]:
    """`hits` and the best passages on risk of the best hit's document (only that one: the second hit's is as often
    another product's, a bond fund's losses for a question on an index)."""
    if not hits:
        return hits
    found = kb.search(_risk_query(), k=RISK_HITS, filters={"doc_ids": [hits[0].chunk.doc_id]}, mode="lexical")
    seen = {h.chunk.chunk_id for h in hits}
    return [*hits, *(SearchHit(chunk=h.chunk, score=0.0, rank=len(hits) + i)
                     for i, h in enumerate((h for h in found if h.chunk.chunk_id not in seen), start=1))]
