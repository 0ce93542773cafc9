"""Retrieval for a worked example the asker's figures can work again: the chunks that carry it on.

A page's example runs over several lines, and chunking often cuts it: the retrieved chunk holds the premise and the
first step ("Gross dividend: 400 × US$0.64 = US$256.00") while the tax, the fee and the net amount are in the next.
Where the question states figures and asks one, the chunk right after a retrieved chunk whose last lines work an
example (and the one right before, where the example starts at a chunk's top with no heading above it) joins the
hits, so the composer can work every step (composers/worked_example.py). Where no hit of the best hit's document
works an example at all (an English question shares no words with a Chinese page's example), the document's first
chunk that does joins, one trading the way the asker does (a buy's example for a buy) first. So does the chunk of the
same document holding a table of tiers by amount that states a rate the example works with (「M < 100万元 | 1.20% |
0.24%」): the asker's sum may fall in another tier. They join for that example alone: the composer quotes nothing
else from them.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.composers.amount_tiers import tier_bounds
from assistant.composers.example_reading import PREMISE_LINES, premise_cut, step_lines
from assistant.composers.worked_example import asks_with_figures, trade_actions
from assistant.tables import row_cells
from knowledge_base.records import ChunkRecord, SearchHit

_RATE = re.compile(r"(\d+(?:\.\d+)?)\s*%")

EDGE_LINES = 3  # an example's step this near a chunk's end may go on in the next chunk
MAX_ADDED = 2


def with_example_continuations(norm_question: str, lang: str, hits: list[SearchHit],
                               documents: Callable[[], Sequence[ChunkRecord]]) -> list[SearchHit]:
    if not asks_with_figures(norm_question, lang):
        return hits
    hits = _with_document_example(norm_question, hits, documents)
    held = {h.chunk.chunk_id for h in hits}
    by_place: dict[tuple[str, int], ChunkRecord] | None = None
    wanted: list[ChunkRecord] = []
    for hit in hits:
        lines = hit.chunk.text.split("\n")
        steps = step_lines(lines)
        if not steps:
            continue
        if by_place is None:
            by_place = {(c.doc_id, c.ordinal): c for c in documents()}
        sides = ([1] if steps[-1] >= len(lines) - EDGE_LINES else []) + ([-1] if premise_cut(lines, steps[0]) else [])
        for side in sides:
            beside = by_place.get((hit.chunk.doc_id, hit.chunk.ordinal + side))
            if beside is not None and beside.chunk_id not in held and beside not in wanted:
                wanted.append(beside)
        example = "\n".join(lines[max(0, steps[0] - PREMISE_LINES):steps[-1] + 1])
        rates = {float(m.group(1)) for m in _RATE.finditer(example)}
        wanted += [c for (doc, _), c in sorted(by_place.items(), key=lambda kv: kv[0][1]) if doc == hit.chunk.doc_id
                   and c.chunk_id not in held and c not in wanted and _tiers_stating(c, rates)]
    for chunk in wanted[:MAX_ADDED]:
        hits = [*hits, SearchHit(chunk=chunk, score=0.0, rank=len(hits) + 1)]
    return hits


def _with_document_example(norm_question: str, hits: list[SearchHit],
                           documents: Callable[[], Sequence[ChunkRecord]]) -> list[SearchHit]:
    """The best hit's document works an example that no hit holds (a question in English, the example's lines in
    Chinese, shares no words with it): its chunk that works one joins, the first whose premise trades the way the
    asker does (a buy's example for a buy), else the first."""
    if not hits or any(step_lines(h.chunk.text.split("\n")) for h in hits if h.chunk.doc_id == hits[0].chunk.doc_id):
        return hits
    held = {h.chunk.chunk_id for h in hits}
    working = [c for c in sorted((c for c in documents() if c.doc_id == hits[0].chunk.doc_id), key=lambda c: c.ordinal)
               if c.chunk_id not in held and step_lines(c.text.split("\n"))]
    if not working:
        return hits
    actions = trade_actions(norm_question)
    chunk = next((c for c in working if actions & trade_actions(c.norm_text)), working[0])
    return [*hits, SearchHit(chunk=chunk, score=0.0, rank=len(hits) + 1)]


def _tiers_stating(chunk: ChunkRecord, rates: set[float]) -> bool:
    """The chunk holds a table whose rows are ranges of money and one of whose cells is one of `rates` (percent)."""
    for unit in chunk.units:
        if unit.kind == "table_row" and unit.header:
            cells = row_cells(chunk.text[unit.start:unit.end])
            if cells and tier_bounds(cells[0]) is not None and any(
                    (m := _RATE.fullmatch(cell.strip())) and float(m.group(1)) in rates for cell in cells[1:]):
                return True
    return False
