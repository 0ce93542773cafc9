"""What the SQLite and PostgreSQL catalogs share: a chunk from its row, one page of a paged document's
text, and the words a chunk is indexed under."""
from __future__ import annotations

import json
from collections.abc import Mapping

from knowledge_base.lexical_tokens import tokenize, with_canonical_terms
from knowledge_base.records import ChunkRecord


def chunk_from_row(row: Mapping) -> ChunkRecord:
    """A chunk from a catalog row (SQLite or PostgreSQL): page breaks are stored as JSON text."""
    fields = dict(row)
    fields.pop("rowid", None)
    fields["page_breaks"] = json.loads(fields["page_breaks"]) if fields.get("page_breaks") else []
    return ChunkRecord(**fields)


def page_slice(cleaned: str | None, starts: list[int] | None, page: int) -> str | None:
    """The stored text of one page (1-based) of a paged document, or None."""
    if not starts or cleaned is None or not 1 <= page <= len(starts):
        return None
    end = starts[page] if page < len(starts) else len(cleaned)
    return cleaned[starts[page - 1]: end].rstrip("\n")


def index_tokens(chunk: ChunkRecord) -> list[str]:
    """The lexical index words of a chunk: its heading counts as part of its text, its document's title does not
    (a title's words on every passage made each one a match: a fact sheet titled "… ETF" answered every ETF question
    with all its passages; measured on the eval sets, indexing titles cost more items than it found)."""
    return tokenize(with_canonical_terms(f"{chunk.heading} {chunk.norm_text}"))
