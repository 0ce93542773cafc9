"""Amounts written the way people say them: 「12万8千元」 is 128,000 元, 「3万5」 35,000, 「1万2千5百」 12,500.

Passages write figures in digits with one scale word (12.8万), so a question's spoken amount is rewritten in that
form before it is read: one decimal figure with its 万 or 亿, which the number reader already understands.
"""
from __future__ import annotations

import re
from decimal import Decimal

# 12万8千(5百); the digit after 万 without its unit (「12万8」) is thousands, as spoken. Not 亿: 「3亿5千万」 names its
# own scale after the thousands, which the number reader cannot take as one figure either way.
_SPOKEN = re.compile(r"(?<![\d.])(\d+)\s*万\s*(\d)\s*(千|百|十)?(?:\s*(\d)\s*(百|十))?(?![\d.])(?!\s*[千百万亿])")
_PLACES = {"千": 1000, "百": 100, "十": 10}


def _rewritten(m: re.Match[str]) -> str:
    whole, first, first_unit, second, second_unit = m.groups()
    value = Decimal(whole) * 10_000 + int(first) * _PLACES[first_unit or "千"] + (int(second) * _PLACES[second_unit] if second else 0)
    return f"{format((value / 10_000).normalize(), 'f')}万"


def written_as_figures(norm_question: str) -> str:
    """The question with each spoken amount written as one figure and its scale word (12万8千 → 12.8万)."""
    return _SPOKEN.sub(_rewritten, norm_question)
