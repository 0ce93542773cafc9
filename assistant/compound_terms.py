"""The asked measure as the question compounds it (融资利率: 融资 + 利率), and whether any source states the two
together. 「聯璟的融資利率」 of an FAQ that writes 融資融券 in one answer and a 利率 in another is a rate it never
gives: each word alone is found, the thing asked is not.

A unit here is a sentence, or a table row read with its header line (a column 「利率」 over a row 「融資」 states
them together).
"""
from __future__ import annotations

import re
from collections.abc import Iterable

_SENTENCE_END = re.compile(r"[。！？!?；;]")
_CJK_TERM = re.compile(r"^[\u4e00-\u9fff]{2,}$")


# the compound is what is asked: 「融资利率现在是多少」, 「市值中位数大概几多」; not 「证交税实际赚多少」 (实际 modifies 赚)
_ASKED_AFTER = re.compile(r"^\s*(?:现在|目前|而家|大概|大约|大約|一般|通常)?\s*(?:是|为|係|系|有)?\s*"
                          r"(?:多少|几多|幾多|几|幾|咩|乜|什么|甚么|啥|怎么算|怎样算|点计|點計|如何)")


def asked_compound(norm_question: str, terms: list[str], focus: str | None) -> tuple[str, str] | None:
    """(modifier, focus) where the question asks for a content word written right before the focus (融资 + 利率)."""
    if focus is None or focus not in terms or not _CJK_TERM.match(focus):
        return None
    at = terms.index(focus)
    if at == 0:
        return None
    modifier = terms[at - 1]  # a noun or a verb (融资 is one to the segmenter): what kind of 利率
    compound = f"{modifier}{focus}"
    if not _CJK_TERM.match(modifier) or not any(
            _ASKED_AFTER.match(norm_question[m.end():]) for m in re.finditer(compound, norm_question)):
        return None
    return modifier, focus


def units(text: str) -> Iterable[str]:
    """A text's sentences, and each table row with its table's header line."""
    header = None
    for line in text.splitlines():
        if line.lstrip().startswith("|"):
            if header is None:
                header = line
                yield line
            else:
                yield f"{header} {line}"
            continue
        header = None
        yield from _SENTENCE_END.split(line)


def stated_together(pair: tuple[str, str], texts: Iterable[str]) -> bool:
    """Some unit of the texts holds both words (融资年利率 holds 融资 and 利率)."""
    first, second = pair
    for text in texts:
        if first not in text or second not in text:
            continue
        if any(first in u and second in u for u in units(text)):
            return True
    return False


def unpaired_compound(norm_question: str, terms: list[str], focus: str | None, found: list[str],
                      documents: dict[str, str], owner: set[str]) -> str | None:
    """The compound asked (融资利率) where both its words are found but no unit of the documents about the
    question's subject (those writing every word of `owner`, whose figure it asks: 崇晖证券's FAQ, not another
    broker's rate table) states them together; None where the question compounds nothing, or such a document
    states it. `documents`: each retrieved document's text by id, normalized as the index writes it."""
    pair = asked_compound(norm_question, terms, focus)
    if pair is None or not all(w in found for w in pair):
        return None
    if not all(any(w in t for t in documents.values()) for w in pair):
        return None  # a word found in its English form (an English page): nothing to judge by in Chinese
    subject = owner - set(pair)
    about = [t for t in documents.values() if subject and all(w in t for w in subject)] or list(documents.values())
    return None if stated_together(pair, about) else "".join(pair)
