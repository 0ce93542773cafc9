"""Retrieval for a gain or loss between two prices of a product (「在发行价买了15万份61258，按10月30号的收市价算亏了多少」):
the rows stating each price. The question's words find the table of the latest close; the terms table stating the
issue price is often another passage of the same page. The retrieved documents' passages holding a row that names
the product under a price the question names join the hits.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from assistant.composers.position_change import LOT_COLUMN, asked_lots, asked_position, states_price_of
from knowledge_base.records import ChunkRecord, SearchHit

MAX_ROW_CHUNKS = 2  # one passage per price asked


def with_priced_rows(norm_question: str, hits: list[SearchHit],
                     documents: Callable[[], Sequence[ChunkRecord]]) -> list[SearchHit]:
    """`hits`, and their documents' passages stating a price the question names for the product it names (and its
    lot size, for the cost of lots)."""
    position, lots = asked_position(norm_question), asked_lots(norm_question)
    if position is None and lots is None:
        return hits
    code, words = (position[1], position[2]) if position is not None else (lots[1], [lots[2], LOT_COLUMN])
    held = {h.chunk.chunk_id for h in hits}
    missing = [w for w in words if not any(states_price_of(h.chunk.text, code, [w]) for h in hits)]
    if not missing:
        return hits
    rows = [c for c in documents() if c.chunk_id not in held and states_price_of(c.text, code, missing)]
    return [*hits, *(SearchHit(chunk=c, score=0.0, rank=len(hits) + i) for i, c in enumerate(rows[:MAX_ROW_CHUNKS], 1))]
