"""Retrieval for a holding stated in board lots (「抱著8張00979」, 「我有2手」): the passage stating a lot's size.

The question's words are about the payout or the fee asked, so the row 「交易單位 | 1張＝1,000個受益權單位」 is rarely
retrieved with them; without it the lots cannot become units. The retrieved documents are read for the first passage
stating a lot's size, and it joins the hits.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from assistant.composers.asked_quantities import stated_lots, states_lot_size
from knowledge_base.lexical_tokens import cantonese_to_mandarin
from knowledge_base.records import ChunkRecord, SearchHit


def with_lot_size(norm_question: str, hits: list[SearchHit],
                  documents: Callable[[], Sequence[ChunkRecord]]) -> list[SearchHit]:
    """`hits`, and the passage of their documents stating a board lot's size where the question states lots held
    and no hit states one."""
    if stated_lots(cantonese_to_mandarin(norm_question.lower())) is None or any(
            states_lot_size(h.chunk.norm_text) for h in hits):
        return hits
    stating = next((c for c in documents() if states_lot_size(c.norm_text)), None)
    if stating is None:
        return hits
    return [*hits, SearchHit(chunk=stating, score=0.0, rank=len(hits) + 1)]
