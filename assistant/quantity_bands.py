"""Quantities an asker states (「架車3,000cc」, "a 16-day trip") and table rows labelled with the band that holds
them (「C組：汽缸容量2,501cc或以上」, "15 to 21 days"): the row a lookup by size, length or distance needs.

Only a quantity with a unit after the number is read, and only a band in the same unit matches it; money is
left to the tiered-fee composers, which know a band's rate applies to the part of an amount inside it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

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


@dataclass(frozen=True)
class Quantity:
    value: Decimal
    unit: str


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
    for m in _QUANTITY.finditer(norm_question.lower()):
        value = _value(m.group("n"))
        if value is not None:
            out.add(Quantity(value, _unit(m.group("unit"))))
    return out


def in_quantity_band(label: str, asked: set[Quantity]) -> bool:
    """A row label naming a band (「1,601cc至2,500cc」, "15 to 21 days", 「2,501cc或以上」) that holds one of the
    asker's quantities in the same unit."""
    if not asked:
        return False
    text = normalize_for_index(label).lower()
    bands: list[tuple[Decimal | None, Decimal | None, str]] = []
    for m in _BETWEEN.finditer(text):
        bands.append((_value(m.group("a")), _value(m.group("b")), _unit(m.group("unit"))))
    for m in _AT_MOST.finditer(text):
        bands.append((None, _value(m.group("n")), _unit(m.group("unit"))))
    for m in _AT_LEAST.finditer(text):
        bands.append((_value(m.group("n")), None, _unit(m.group("unit"))))
    return any(q.unit == unit and (low is None or q.value >= low) and (high is None or q.value <= high)
               for low, high, unit in bands for q in asked)
