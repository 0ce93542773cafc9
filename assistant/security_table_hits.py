"""Retrieval for a question naming one security of a table that lists several side by side (「項目 | 00993 … |
00971B …」): the chunks holding that table.

A worked example on one ETF is worked again for another only with that one's own terms (its creation unit, its
deposit ratio, its fee rate), and those are rows of the table listing each ETF's terms. The question's words are
about the amount asked, so some of those rows are rarely retrieved with them; without them the other ETF would be
worked with the example's figures. The retrieved documents are read for the chunks of that table, and they join the
hits.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.tables import header_cells
from knowledge_base.records import ChunkRecord, SearchHit
from knowledge_base.scripts import normalize_for_index

_CODE = re.compile(r"(?<![\d.])(\d{4,6})(?:[a-z](?![a-z]))?(?![\d.])", re.I)
MAX_TABLE_CHUNKS = 2  # a table of terms is short: more chunks than this are another table's


def codes_in(text: str) -> set[str]:
    """Codes of four to six digits (「00971B」 is 00971), not years."""
    return {m.group(1) for m in _CODE.finditer(text) if not (len(m.group(1)) == 4 and 1900 <= int(m.group(1)) <= 2100)}


def lists_securities(header: str) -> set[str]:
    """The codes a table's header names, where it names two or more: a column per security."""
    named = [codes_in(normalize_for_index(cell)) for cell in header_cells(header)]
    codes = set().union(*named) if named else set()
    return codes if sum(bool(n) for n in named) >= 2 else set()


def with_security_table(norm_question: str, hits: list[SearchHit],
                        documents: Callable[[], Sequence[ChunkRecord]]) -> list[SearchHit]:
    """`hits`, and the chunks of their documents holding a table whose columns are securities, one of them a code the
    question names."""
    asked = codes_in(norm_question)
    if not asked:
        return hits
    held = {h.chunk.chunk_id for h in hits}
    tables = [c for c in documents() if c.chunk_id not in held and any(
        u.kind == "table_row" and u.header and asked & lists_securities(u.header) for u in c.units)]
    if not tables or len(tables) > MAX_TABLE_CHUNKS:
        return hits
    return [*hits, *(SearchHit(chunk=c, score=0.0, rank=len(hits) + i) for i, c in enumerate(tables, 1))]
