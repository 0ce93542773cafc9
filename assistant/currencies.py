"""The currency an amount is written in (HK$60,000, 10萬美元, NT$3,000, RMB 500), from assistant/data/currencies.tsv:
one list of currencies for every reader that needs to know which one a figure is in."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from knowledge_base.scripts import fold_width, normalize_for_index
from knowledge_base.vocabulary_files import read_rows

_SCALE = r"(?:\s?(?:万|亿|千|百万|million|billion|k))?"


@dataclass(frozen=True)
class Currency:
    code: str
    before: re.Pattern[str]  # a sign or code written just before a figure, or a Chinese word: 「港币42亿元」
    after: re.Pattern[str]  # a Chinese word or a code just after it (its scale aside): 「10万美元」, "3,750 GBP"
    chinese: tuple[str, ...]
    english: str


@lru_cache(maxsize=1)
def currencies() -> tuple[Currency, ...]:
    out = []
    for code, signs, words, english in read_rows("assistant.data", "currencies.tsv", 4):
        out.append(Currency(
            code,
            re.compile(rf"(?:(?<![A-Za-z])(?:{signs})|{words})\s?$", re.I),
            re.compile(rf"{_SCALE}\s?(?:{words}|{code}\b)", re.I),
            tuple(words.split("|")),
            english,
        ))
    return tuple(out)


@lru_cache(maxsize=1)
def currency_codes() -> frozenset[str]:
    """Every code a currency is written by, lower case ("hkd", "rmb", "ntd"): no topic of a question."""
    return frozenset(word.lower() for code, signs, _, _ in read_rows("assistant.data", "currencies.tsv", 4)
                     for word in (code, *signs.split("|")) if word.isalpha())


def currency_of(text: str, start: int, end: int) -> str | None:
    """The code of the currency the figure at text[start:end] is written in, by the sign, code or word just before
    or after it; None where none is written or two are."""
    before = normalize_for_index(fold_width(text[max(0, start - 6):start]))
    after = normalize_for_index(fold_width(text[end:end + 8]))
    codes = {c.code for c in currencies() if c.before.search(before) or c.after.match(after)}
    return codes.pop() if len(codes) == 1 else None
