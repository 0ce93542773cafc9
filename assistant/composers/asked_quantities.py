"""The quantities an asker states, and the board lot a source states: the units or shares held (「20,000個單位」,
"400 shares"), the board lots (一手, 2張, two lots), a price per share of a trade (「賣在102元」, "at NT$100 a
share"), and the units per lot (「每手買賣單位為500個單位」, 「每張1,000股」). Words in
`assistant/data/holding_words.tsv`, matched on t2s-normalized, lower-cased text.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache

from assistant.arithmetic import Operand
from assistant.chinese_numerals import chinese_numeral_value
from assistant.composers.extractive_candidates import Candidate
from assistant.figures.question_numbers import names_a_code
from assistant.number_tokens import NumberToken, numbers_in
from knowledge_base.lexical_tokens import cantonese_to_mandarin, tokenize
from knowledge_base.scripts import normalize_for_index
from knowledge_base.vocabulary_files import read_patterns

KINDS = ("per_unit", "units", "lot", "lot_size", "per_lot", "hundredth", "price_before", "price_after", "payout",
         "receive")
_ENGLISH_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_LOT_UNIT = re.compile(r"\s*(股|个单位|单位|份|shares|units)", re.I)
# A sum of money the asker writes: the currency after the figure (10万元, 5万美元, 4.85蚊) or its sign before it
# ($50,000, HK$20,000, NT$100)
MONEY_AFTER = re.compile(r"\s*(?:万|萬|亿|億)?\s*(?:元|块|蚊|美元|港元|港币|港幣|新台币|新台幣|人民币|人民幣|dollars|usd|hkd)", re.I)
MONEY_BEFORE = re.compile(r"(?:\$|us\$|hk\$|nt\$|usd|hkd|rmb)\s*$", re.I)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, tuple[re.Pattern[str], ...]]:
    rows = read_patterns("assistant.data", "holding_words.tsv", KINDS)
    return {kind: tuple(p for k, p in rows if k == kind) for kind in KINDS}


def patterns_of(kind: str) -> tuple[re.Pattern[str], ...]:
    return _patterns()[kind]


def any_pattern(kind: str, text: str) -> re.Match[str] | None:
    return next((m for p in _patterns()[kind] if (m := p.search(text)) is not None), None)


_SCALE_WORD = re.compile(r"\s?(?:百万|千万|万|萬|亿|億|千|million|billion|mn|bn|m|k)\b|[百千]?[万萬亿億千]", re.I)


def shown_with_scale(question: str, t: NumberToken) -> str:
    """A number the asker states, with its scale word as they write it (20万, not 20, for 20万份)."""
    scale = _SCALE_WORD.match(question, t.end) if t.scale != 1 else None
    return t.raw + (scale.group(0) if scale else "")


_DATE_AFTER = re.compile(r"\s*[年月日号號]")


def stated_units(question: str) -> Operand | None:
    """The one number of units or shares the asker states (「20,000個港灃基金單位」)."""
    # the units pattern is anchored: the word follows the number (「20,000個…單位」, "400 shares"); a number of
    # board lots (「1张股票」) is no number of shares
    lots = any_pattern("lot", question)
    found = [t for t in numbers_in(question) if not t.percent and any_pattern("units", question[t.end:t.end + 20])
             and not (lots and lots.start() <= t.start < lots.end()) and not names_a_code(question, t)
             and not _DATE_AFTER.match(question, t.end)]  # 「9月份」 is a month, not nine units
    if len(found) != 1:
        return None
    t = found[0]
    return Operand(t.value * t.scale, shown_with_scale(question, t), False, 0)


def stated_lots(question: str) -> int | None:
    """The number of board lots the asker states (一手, 2手, two lots)."""
    m = any_pattern("lot", question)
    if m is None:
        return None
    word = next(g for g in m.groups() if g)
    if word.isdigit():
        return int(word)
    return _ENGLISH_COUNTS[word] if word.isascii() else chinese_numeral_value(word)


def _lot_sizes(lowered: str) -> Iterator[tuple[NumberToken, int]]:
    """Each board-lot size a normalized, lower-cased text states: (the size, where its number ends in the text)."""
    for p in _patterns()["lot_size"]:
        for m in p.finditer(lowered):
            numbers = [t for t in numbers_in(lowered[m.end():m.end() + 12]) if not t.percent]
            if numbers and numbers[0].start == 0:
                yield numbers[0], m.end() + numbers[0].end


def states_lot_size(text: str) -> bool:
    """The text states how many units a board lot holds (「1張＝1,000個受益權單位」, 「每手500股」)."""
    return next(_lot_sizes(normalize_for_index(text).lower()), None) is not None


def lot_size(candidates: list[Candidate], question: str = "") -> tuple[Operand, Candidate] | None:
    """Units per board lot, where the sources state one (「每手買賣單位為500個單位」), with the unit stating it: the
    introduction a unit answers, when that is where it is stated (「…5張（每張1,000股）：」 before worked lines).
    Where they state several (one per stock), the one whose unit names most of the question's words (its stock's
    name or code)."""
    sizes: dict[Decimal, tuple[Operand, Candidate]] = {}
    naming: dict[Decimal, int] = {}
    words = {w for w in tokenize(question) if len(w) >= 2} if question else set()
    for c in candidates:
        for stating in ((replace(c, text=c.lead, lead=""), c) if c.lead else (c,)):
            text = normalize_for_index(stating.text).lower()
            named = len(words & set(tokenize(text))) if words else 0
            for size, end in _lot_sizes(text):
                unit = _LOT_UNIT.match(text, end)
                shown = f"{size.raw}{unit.group(1) if unit else ''}"
                sizes.setdefault(size.value, (Operand(size.value, shown, False, c.n), stating))
                naming[size.value] = max(naming.get(size.value, 0), named)
    if len(sizes) > 1 and naming:
        most = max(naming.values())
        sizes = {v: found for v, found in sizes.items() if naming[v] == most} if most else sizes
    return next(iter(sizes.values())) if len(sizes) == 1 else None


def price_per_share(question: str) -> NumberToken | None:
    """The one figure the question marks as a price per share."""
    found = []
    for t in numbers_in(question):
        if t.percent:
            continue
        before = MONEY_BEFORE.sub("", question[max(0, t.start - 12):t.start])
        if any_pattern("price_before", before) or any_pattern("price_after", question[t.end:t.end + 12]):
            found.append(t)
    return found[0] if len(found) == 1 else None


def prices_a_trade(norm_question: str) -> bool:
    """The question states shares or board lots and a price per share: its money figure is no amount held."""
    question = cantonese_to_mandarin(norm_question.lower())
    if price_per_share(question) is None:
        return False
    return stated_units(question) is not None or stated_lots(question) is not None
