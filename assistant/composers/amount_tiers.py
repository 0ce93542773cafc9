"""Tiers by amount: the row of a rate table whose label is a range of money (「HK$500,001至HK$2,000,000」,
「申购金额M＜100万元」, "over $2 million") that holds the asker's sum. A fee or interest table charges by the tier the
whole sum falls in, so of its rates only that row's applies to the asker.
"""
from __future__ import annotations

import re
from decimal import Decimal

from assistant.number_tokens import numbers_in
from knowledge_base.scripts import normalize_for_index

_UPPER = re.compile(r"以下|以内|以內|或以下|及以下|之内|[<＜≤≦]|\b(?:up to|or less|below|under|less than|not more than)\b", re.I)
_LOWER = re.compile(r"以上|或以上|及以上|[>＞≥≧]|\b(?:over|above|or more|more than|at least|exceeding)\b", re.I)


_MONEY = re.compile(r"[$¥￥]|元|块|港币|美元|万|亿|\b(?:hkd|usd|rmb|cny|twd|dollars?|million|billion)\b", re.I)


def tier_bounds(label: str) -> tuple[Decimal | None, Decimal | None] | None:
    """(lowest, highest) sum a row label covers, either end open; None for a label that is no range of money (a
    holding period 「7天以下」 is not one)."""
    text = normalize_for_index(label).lower()
    if not _MONEY.search(text):
        return None
    amounts = [t.value * t.scale for t in numbers_in(text) if not t.percent]
    if len(amounts) == 2:
        low, high = sorted(amounts)
        return low, high
    if len(amounts) != 1:
        return None
    upper, lower = _UPPER.search(text), _LOWER.search(text)
    if upper and not lower:
        return None, amounts[0]
    if lower and not upper:
        return amounts[0], None
    return None


def holds(label: str, amount: Decimal) -> bool | None:
    """Whether the tier a label names holds `amount`; None where the label names no tier."""
    bounds = tier_bounds(label)
    if bounds is None:
        return None
    low, high = bounds
    return (low is None or amount >= low) and (high is None or amount <= high)
