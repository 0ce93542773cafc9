"""Retrieval for a yield asked at the asker's price (「按5.75港元算，最近兩次分派合計的收益率」): the payout table.

The question's words are about the yield and the price, so the table of past payouts per unit (「過往分派紀錄 |
每基金單位分派（港仙）」) is rarely retrieved with them; without it there is nothing to divide by the price. The
retrieved documents are read for the passages holding a payout-per-unit table, and they join the hits.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from assistant.composers.payout_yield import asks_payout_yield, holds_payout_table
from knowledge_base.records import ChunkRecord, SearchHit

MAX_TABLE_CHUNKS = 2  # payout tables joined: one per document the question may be about


def with_payout_tables(norm_question: str, hits: list[SearchHit],
                       documents: Callable[[], Sequence[ChunkRecord]]) -> list[SearchHit]:
    """`hits`, and their documents' passages holding a payout-per-unit table, where the question asks a payout's
    yield at a price it states and no hit holds such a table."""
    if not asks_payout_yield(norm_question) or any(holds_payout_table(h.chunk.text) for h in hits):
        return hits
    held = {h.chunk.chunk_id for h in hits}
    tables = [c for c in documents() if c.chunk_id not in held and holds_payout_table(c.text)][:MAX_TABLE_CHUNKS]
    return [*hits, *(SearchHit(chunk=c, score=0.0, rank=len(hits) + i) for i, c in enumerate(tables, 1))]
