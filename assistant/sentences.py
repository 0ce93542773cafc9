"""Sentences of an answer or a passage: knowledge_base.sentences' rule, with the citation markers right
after a sentence's end punctuation kept in it ("…重組[1]。" and "…重組。[1]" both cite [1] for that sentence).
"""
from __future__ import annotations

import re

from assistant.citation_markers import MARKER
from knowledge_base.sentences import split_sentences as _split_sentences

_TRAILING_MARKER = re.compile(r"[ \t]*" + MARKER.pattern)
# A clause of a sentence: up to a comma, a semicolon or a full stop; a thousands comma (5,862.35) ends none.
CLAUSE = re.compile(r"(?:[^，,；;。]|(?<=\d),(?=\d{3}))+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of sentences, each owning the markers that follow its end punctuation."""
    return _split_sentences(text, _TRAILING_MARKER)
