"""How much of one text's wording another holds: character bigrams, script-independent (both sides are
t2s-normalized, markers, spaces and punctuation dropped)."""
from __future__ import annotations

import re

from assistant.citation_markers import strip_markers
from knowledge_base.scripts import normalize_for_index

_BIGRAM_DROP = re.compile(r"[\s\W_]+", re.UNICODE)


def squash(text: str) -> str:
    return _BIGRAM_DROP.sub("", normalize_for_index(strip_markers(text)).lower())


def grams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def bigrams(text: str) -> set[str]:
    return grams(squash(text))


def coverage(needle: set[str], hay: set[str]) -> float:
    return len(needle & hay) / len(needle) if needle else 0.0
