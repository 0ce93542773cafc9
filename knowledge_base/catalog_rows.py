"""What the SQLite and PostgreSQL catalogs share: a chunk from its row, one page of a paged document's
text, and the words a chunk is indexed under."""
from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable, Mapping

from knowledge_base.lexical_tokens import tokenize, with_canonical_terms
from knowledge_base.records import ChunkRecord
from knowledge_base.scripts import normalize_for_index


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



def title_words(title: str) -> set[str]:
    """The words a document's title writes, lower case: Latin words as written, Chinese as the index cuts them."""
    return {*re.findall(r"[a-z0-9]+", title.lower()), *tokenize(with_canonical_terms(normalize_for_index(title)))}


class TitleIndex:
    """Title word -> the documents whose title writes it: the publisher a page names only in its masthead and footer
    is kept in its title (ingest/publisher.py), in no passage's text or index words. Read from the catalog again after
    its own writes, and at most `ttl_s` after another process's."""

    def __init__(self, ttl_s: float = 30.0):
        self.ttl_s = ttl_s
        self._words: dict[str, list[str]] | None = None
        self._read_at = 0.0

    def invalidate(self) -> None:
        self._words = None

    def documents(self, term: str, titles: Callable[[], Iterable[tuple[str, str]]]) -> list[str]:
        words = self._words
        if words is None or time.monotonic() - self._read_at > self.ttl_s:
            words = {}
            for doc_id, title in titles():
                for word in title_words(title or ""):
                    words.setdefault(word, []).append(doc_id)
            self._words, self._read_at = words, time.monotonic()
        return words.get(term.lower(), [])
