"""Vectors of quotable answer units, for selection by meaning (issue 9).

A unit's vector is computed at ingest and kept in the catalog's embedding cache, keyed like a chunk's by
(embedder id, `text_hash` of the embedded text): a re-ingest of unchanged text embeds nothing, and no new
table is needed. What is embedded is the unit's t2s-normalized text; a table row carries its header's last
line (the column names) so "a value and its date" reads as such. The composer computes the same text from
its candidate (`unit_embed_text`), so the hash it looks up is the hash ingest stored.
"""
from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING

from cachetools import LRUCache

from knowledge_base.contact_details import without_contact_details
from knowledge_base.records import QUOTABLE_UNITS, ChunkRecord
from knowledge_base.scripts import normalize_for_index

if TYPE_CHECKING:
    import numpy as np


def unit_embed_text(text: str, kind: str, header: str = "") -> str:
    """What the embedder sees for one unit: `text` is the unit's stripped original span, without its contact
    details (an e-mail address that spells the fund's name made a contact line the nearest unit to every
    question about the fund)."""
    blanked = without_contact_details(text)
    text = " ".join(blanked.split()) if blanked != text else text.strip()
    if kind == "table_row" and header:
        text = f"{header.split(chr(10))[-1]}\n{text}"
    return normalize_for_index(text)


def quotable_unit_texts(chunks: Iterable[ChunkRecord]) -> list[str]:
    """The embed texts of every quotable unit of `chunks`, each once, in order."""
    seen: dict[str, None] = {}
    for chunk in chunks:
        for unit in chunk.units:
            if unit.kind not in QUOTABLE_UNITS:
                continue
            span = chunk.text[unit.start:unit.end].strip()
            if span:
                seen.setdefault(unit_embed_text(span, unit.kind, unit.header), None)
    return list(seen)


class VectorMemo:
    """A bounded in-process memo of vectors by key (least recently used out), so a warm answer does not read
    the catalog for each unit again. Absent vectors are not remembered: a later ingest may add them. The API
    answers on several threads, and cachetools' caches are not thread-safe by themselves."""

    def __init__(self, size: int):
        self._items: LRUCache = LRUCache(maxsize=size)
        self._lock = threading.Lock()

    def get(self, key: str) -> "np.ndarray | None":
        with self._lock:
            return self._items.get(key)

    def put(self, key: str, vector: "np.ndarray") -> None:
        with self._lock:
            self._items[key] = vector
