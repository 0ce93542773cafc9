"""Where a sentence of an answer or a passage ends (spans into the original text).

A sentence owns the markers inside it and those right after its end punctuation ("…重組[1]。" and
"…重組。[1]" both cite [1] for that sentence).
"""
from __future__ import annotations

import re

from assistant.citation_markers import MARKER

_TERMINATORS = "。！？!?\n"  # newline last
_CLOSERS = "」』”’\"')）》"
_TRAILING_MARKER = re.compile(r"[ \t]*" + MARKER.pattern)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of sentences; markers and closing quotes right after the end punctuation stay
    with the sentence. A '.' ends a sentence only before whitespace, a marker or the end (2692.23 does not)."""
    spans: list[tuple[int, int]] = []
    start, i, n = 0, 0, len(text)
    while i < n:
        ch = text[i]
        if ch == ".":
            follows = text[i + 1] if i + 1 < n else " "
            end_here = (follows.isspace() or MARKER.match(text, i + 1) is not None) and not _is_abbrev(text, i)
        else:
            end_here = ch in _TERMINATORS
        if not end_here:
            i += 1
            continue
        j = i + 1
        while j < n and ch != "\n":  # absorb repeated end punctuation, closing quotes and trailing markers
            if text[j] in _TERMINATORS[:-1] or text[j] in _CLOSERS or text[j] == ".":
                j += 1
                continue
            m = _TRAILING_MARKER.match(text, j)
            if m is None:
                break
            j = m.end()
        if text[start:j].strip():
            spans.append(trim_span(text, start, j))
        start = i = j
    if text[start:].strip():
        spans.append(trim_span(text, start, n))
    return spans


def _is_abbrev(text: str, i: int) -> bool:
    """'e.g.', 'U.S.', 'approx.', 'No.' do not end a sentence."""
    word = re.search(r"(\S+)$", text[:i])
    if word and word.group(1).isdigit():
        before = text[: word.start()].rstrip(" \t")
        return not before or before.endswith("\n")  # "1. " opening a list item
    return bool(word and re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]|e\.g|i\.e|vs|approx|etc|No|Inc|Co|Corp|Ltd|St|Mr|Ms|Dr", word.group(1)))


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
