"""Quantities an asker states (「架車3,000cc」, "a 16-day trip", 「认购70万元」) and table rows labelled with the band
that holds them (「C組：汽缸容量2,501cc或以上」, "15 to 21 days", 「50万元（含）至100万元」): the row a lookup by
size, length, time or amount needs.

Only a quantity with a unit (or a currency) is read, and only a band in the same unit matches it. A band's row is
the one that applies to the asker's quantity; a tiered charge's other bands are the tiered-fee composers' to add.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from assistant.currencies import currency_of
from knowledge_base.scripts import normalize_for_index

# a unit written after a number: of size, distance or time (cc, km, days, 天, 个月), not a month's name ("22 May")
_UNIT = (r"(?P<unit>cc|km|kg|kwh|ml|mm|cm|sqm|m|l|litres?|liters?|metres?|meters?|days?|nights?|weeks?|months?|"
         r"天|日|晚|个月|周|公里|千米|米|平方米|公斤|升)")
_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# (not a date's day: 「5月7日」)
_QUANTITY = re.compile(rf"(?<![\d.,$月/-])(?P<n>{_NUMBER})\s*-?\s*{_UNIT}(?![a-z])")
_BETWEEN = re.compile(rf"(?P<a>{_NUMBER})\s*(?:{_UNIT.replace('unit', 'unit_a')})?\s*(?:至|到|-|–|—|~|～|to)\s*"
                      rf"(?P<b>{_NUMBER})\s*{_UNIT}(?![a-z])")
_AT_MOST = re.compile(rf"(?P<n>{_NUMBER})\s*{_UNIT}\s*(?:或以下|以下|或以内|以内|or (?:less|below|under|fewer)|and (?:below|under))")
_AT_LEAST = re.compile(rf"(?P<n>{_NUMBER})\s*{_UNIT}\s*(?:或以上|以上|or (?:more|above|over|longer)|and (?:above|over)|\+)")
# the same unit in either language or number
_SAME = {"day": "day", "days": "day", "天": "day", "日": "day", "night": "night", "nights": "night", "晚": "night",
         "week": "week", "weeks": "week", "周": "week", "month": "month", "months": "month", "个月": "month",
         "km": "km", "公里": "km", "千米": "km", "kg": "kg", "公斤": "kg", "sqm": "sqm", "平方米": "sqm",
         "litre": "l", "litres": "l", "liter": "l", "liters": "l", "升": "l",
         "metre": "m", "metres": "m", "meter": "m", "meters": "m", "米": "m"}


# a sum of money: a currency before it or a unit of money after it (「20万元（含）」, "HK$500,000", 「70万」)
def _money_pattern(k: str) -> str:
    return (rf"(?:(?P<cur{k}>hk\$|us\$|nt\$|rmb|s\$|\$|¥)\s*)?(?P<n{k}>{_NUMBER})\s*(?P<scale{k}>万|亿)?\s*"
            rf"(?P<yuan{k}>元|港元|美元|港币|人民币|新台币|块)?")


_INCLUSIVE = r"\s*(?:[(（]\s*含\s*[)）])?\s*"
_MONEY_BETWEEN = re.compile(_money_pattern("a") + _INCLUSIVE + r"(?:至|到|-|–|—|~|～|to)\s*" + _money_pattern("b"))
_MONEY_AT_LEAST = re.compile(_money_pattern("a") + _INCLUSIVE + r"(?:或以上|以上|or (?:more|above|over)|and (?:above|over)|\+)")
_MONEY_AT_MOST = re.compile(_money_pattern("a") + _INCLUSIVE + r"(?:或以下|以下|以内|or (?:less|below|under)|and (?:below|under))")
_MONEY_ASKED = re.compile(_money_pattern("a") + r"(?!\s*(?:股|份|手|张|%|units?\b|shares?\b))")
_SCALE = {"万": 10_000, "亿": 100_000_000}


def _money(m: re.Match[str], k: str) -> Decimal | None:
    """The sum a match of _money_pattern writes, where it writes one (a currency, 万 or a unit of money with the number)."""
    if not (m.group(f"cur{k}") or m.group(f"scale{k}") or m.group(f"yuan{k}")):
        return None
    value = _value(m.group(f"n{k}"))
    return None if value is None else value * _SCALE.get(m.group(f"scale{k}") or "", 1)


def _currency(text: str, m: re.Match[str], k: str) -> str | None:
    """The currency of the sum (assistant/data/currencies.tsv); "yuan" for 「元」 alone, which is RMB on a mainland
    page and the NT dollar on a Taiwan one, never an HK$ band's in a question written in 元."""
    code = currency_of(text, m.start(f"n{k}"), m.end(f"n{k}"))
    return code or ("yuan" if m.group(f"yuan{k}") in ("元", "块") else None)


@dataclass(frozen=True)
class Quantity:
    value: Decimal
    unit: str
    currency: str | None = None  # of a sum of money, where the asker writes one


def _same_currency(a: str | None, b: str | None) -> bool:
    """Two sums' currencies agree, or one is not written: 「70万元」 is no HK$ band's (「元」 is a yuan)."""
    return a is None or b is None or a == b or {a, b} <= {"yuan", "CNY", "TWD"}


def _unit(word: str) -> str:
    return _SAME.get(word.lower(), word.lower())


def _value(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def asked_quantities(norm_question: str) -> set[Quantity]:
    """「架车3,000cc」 → 3000 cc; "a 16-day trip" → 16 day. Ages are read by tables.asked_ages."""
    out = set()
    text = norm_question.lower()
    for m in _QUANTITY.finditer(text):
        value = _value(m.group("n"))
        if value is not None:
            out.add(Quantity(value, _unit(m.group("unit"))))
    # and a sum of money (「认购70万元」, "a deposit of HK$800,000"), which a table may band (deposit rate tiers)
    for m in _MONEY_ASKED.finditer(text):
        if (value := _money(m, "a")) is not None:
            out.add(Quantity(value, "money", _currency(text, m, "a")))
    return out


_Band = tuple[Decimal | None, Decimal | None, str, str | None]  # low, high (None: open), unit, currency


@lru_cache(maxsize=4096)
def _bands(label: str) -> tuple[_Band, ...]:
    """The bands a row label names, parsed once per label: the same rows are read for every question and by several
    row readers of one answer."""
    text = normalize_for_index(label).lower()
    bands: list[_Band] = []
    for m in _BETWEEN.finditer(text):
        bands.append((_value(m.group("a")), _value(m.group("b")), _unit(m.group("unit")), None))
    for m in _AT_MOST.finditer(text):
        bands.append((None, _value(m.group("n")), _unit(m.group("unit")), None))
    for m in _AT_LEAST.finditer(text):
        bands.append((_value(m.group("n")), None, _unit(m.group("unit")), None))
    for m in _MONEY_BETWEEN.finditer(text):
        low, high = _money(m, "a"), _money(m, "b")
        if high is not None and low is None and m.group("scalea") is None and m.group("scaleb") \
                and (bare := _value(m.group("na"))) is not None:
            low = bare * _SCALE[m.group("scaleb")]  # 「20至50万元」: both ends in ten thousands
        if low is not None and high is not None:
            bands.append((low, high, "money", _currency(text, m, "a") or _currency(text, m, "b")))
    for m in _MONEY_AT_LEAST.finditer(text):
        if (low := _money(m, "a")) is not None:
            bands.append((low, None, "money", _currency(text, m, "a")))
    for m in _MONEY_AT_MOST.finditer(text):
        if (high := _money(m, "a")) is not None:
            bands.append((None, high, "money", _currency(text, m, "a")))
    return tuple(bands)


def in_quantity_band(label: str, asked: set[Quantity]) -> bool:
    """A row label naming a band (「1,601cc至2,500cc」, "15 to 21 days", 「2,501cc或以上」) that holds one of the
    asker's quantities in the same unit."""
    if not asked:
        return False
    return any(q.unit == unit and _same_currency(q.currency, currency) and (low is None or q.value >= low)
               and (high is None or q.value <= high) for low, high, unit, currency in _bands(label) for q in asked)
