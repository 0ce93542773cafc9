"""Where a sentence ends: the one rule behind chunk units (ingest), screening (knowledge_base) and answer
and quote sentences (assistant), as (start, end) spans into the original text.

A sentence ends after 。！？!? or a line break, and after a '.' only before whitespace, a trailing marker
or the end of the text (2,692.23 and BRK.B do not end one) unless the '.' closes an abbreviation ("U.S.",
"(e.g.") or a list number. Repeated end punctuation and closing quotes stay with the sentence, and so does
whatever `trailing` matches right after it (the assistant's citation markers: "…重組[1]。" and "…重組。[1]"
both end at "]"). End punctuation inside a closing quote ends nothing when the text runs on right after the
quote (「今天股市怎麼樣?」時,…): a quote cut there would start with a fragment.

`clauses=True` also ends a piece after ；… and after a ';' that no letter or digit follows (not a URL's
a;b): chunk units and screening work on clauses, answers and quotes on whole sentences (an answer's
"A；B[2]。" is one cited sentence). Every sentence end is also a clause end: no unit runs across two sentences.
Measured on the golden dev and dev2 evaluations against the three rules this replaced: every item answered
exactly as before; with semicolons as sentence ends for quotes as well the figures were the same, but an
LLM's "A；B[2]。" became an uncited sentence; with no clause ends at all dev citation precision fell from
0.850 to 0.844.
"""
from __future__ import annotations

import re

TERMINATORS = "。！？!?\n"  # newline last
CLAUSE_ENDS = "；…;"  # with clauses=True; an ASCII ";" only where no letter or digit follows (a URL's a;b)
CLOSERS = "」』”’\"')）》"
_ABBREVIATION = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]|e\.g|i\.e|vs|approx|etc|No|Inc|Co|Corp|Ltd|St|Mr|Ms|Dr")


def split_sentences(text: str, trailing: re.Pattern[str] | None = None, *,
                    clauses: bool = False) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences of `text` (of its clauses too with `clauses`), trimmed of
    surrounding whitespace."""
    enders = TERMINATORS[:-1] + CLAUSE_ENDS if clauses else TERMINATORS[:-1]
    spans: list[tuple[int, int]] = []
    start, i, n = 0, 0, len(text)
    while i < n:
        ch = text[i]
        follows = text[i + 1] if i + 1 < n else " "
        if ch == ".":
            ends_here = (follows.isspace() or _matches(trailing, text, i + 1)) and not _is_abbrev(text, i)
        elif ch == ";":
            ends_here = clauses and not (follows.isascii() and follows.isalnum())
        else:
            ends_here = ch in enders or ch == "\n"
        if not ends_here:
            i += 1
            continue
        j = i + 1
        while j < n and ch != "\n":  # absorb repeated end punctuation, closing quotes and trailing markers
            if text[j] in enders or text[j] in CLOSERS or text[j] == ".":
                j += 1
                continue
            m = trailing.match(text, j) if trailing is not None else None
            if m is None:
                break
            j = m.end()
        if text[j - 1] in CLOSERS and j < n and not text[j].isspace():
            i = j  # 「今天股市怎麼樣?」時…: the punctuation ended the quoted words, the sentence goes on
            continue
        if text[start:j].strip():
            spans.append(trim_span(text, start, j))
        start = i = j
    if text[start:].strip():
        spans.append(trim_span(text, start, n))
    return spans


def _matches(pattern: re.Pattern[str] | None, text: str, pos: int) -> bool:
    return pattern is not None and pattern.match(text, pos) is not None


def _is_abbrev(text: str, i: int) -> bool:
    """'e.g.', 'U.S.', 'approx.', 'No.' do not end a sentence, nor does '1.' opening a list item."""
    word = re.search(r"[(\[“‘\"']*(\S+)$", text[:i])  # "(U.S." is "U.S."
    if word and word.group(1).isdigit():
        before = text[: word.start()].rstrip(" \t")
        return not before or before.endswith("\n")
    return bool(word and _ABBREVIATION.fullmatch(word.group(1)))


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
