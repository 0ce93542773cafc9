"""A fund's share class the question asks about (C类, "Class I") and whether the sources offer it.

A question on a class the documents never write, where they write the fund's other classes (A类 and B类 of a money
market fund, asked its C类), asks for a figure they do not state: the other classes' rows are not its answer.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

_ASKED = re.compile(r"(?<![A-Za-z])([A-Z])\s*(?:类|類)|\b[Cc]lass\s+([A-Z])\b|(?<![A-Za-z])([A-Z])[- ][Cc]lass\b")


def asked_classes(question: str) -> list[str]:
    """The class letters a question names (「澄汇货币C类」, "Class A units", "the I-class")."""
    return list(dict.fromkeys(next(g for g in m.groups() if g) for m in _ASKED.finditer(question)))


def _named(letter: str) -> re.Pattern[str]:
    """The ways a document may write class `letter`: 「A类」「A類別」, "Class A", "A-class", "A units", and a fund's
    name followed by the letter (「澄汇货币A 每万份收益」)."""
    x = re.escape(letter)
    return re.compile(rf"(?<![A-Za-z]){x}\s*(?:类|類|级|級|份额|份額)|\b[Cc]lass\s+{x}\b|(?<![A-Za-z]){x}[- ][Cc]lass\b"
                      rf"|\b{x}\s+(?:units?|shares?)\b|[\u4e00-\u9fff]{x}(?![A-Za-z0-9])")


def names_class(text: str, letter: str) -> bool:
    """The text (a column's label, lower-cased or not) writes class `letter`."""
    return _named(letter.lower()).search(text.lower()) is not None


def unoffered_classes(question: str, texts: Iterable[str]) -> list[str]:
    """The classes the question asks about that the texts never write, where they write another class: a fund the
    sources describe class by class does not have the one they leave out."""
    asked = asked_classes(question)
    if not asked:
        return []
    text = "\n".join(texts)
    written = {next(g for g in m.groups() if g) for m in _ASKED.finditer(text)}
    if not written - set(asked):
        return []  # the sources name no other class: they may describe the fund without classes
    return [c for c in asked if not _named(c).search(text)]
