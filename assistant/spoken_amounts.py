"""Amounts written the way people say them: 「12万8千元」 is 128,000 元, 「3万5」 35,000, 「1万2千5百」 12,500.

Passages write figures in digits with one scale word (12.8万), so a question's spoken amount is rewritten in that
form before it is read: one decimal figure with its 万 or 亿, which the number reader already understands.
"""
from __future__ import annotations

import re
from decimal import Decimal

from assistant.chinese_numerals import chinese_numeral_value

# 12万8千(5百); the digit after 万 without its unit (「12万8」) is thousands, as spoken. Not 亿: 「3亿5千万」 names its
# own scale after the thousands, which the number reader cannot take as one figure either way.
_SPOKEN = re.compile(r"(?<![\d.])(\d+)\s*万\s*(\d)\s*(千|百|十)?(?:\s*(\d)\s*(百|十))?(?![\d.])(?!\s*[千百万亿])")
_PLACES = {"千": 1000, "百": 100, "十": 10}


def _rewritten(m: re.Match[str]) -> str:
    whole, first, first_unit, second, second_unit = m.groups()
    value = Decimal(whole) * 10_000 + int(first) * _PLACES[first_unit or "千"] + (int(second) * _PLACES[second_unit] if second else 0)
    return f"{format((value / 10_000).normalize(), 'f')}万"


# 「放空一万股」, 「两万元」: a count in Chinese numerals before 万 or 亿 and a unit, written as a figure (1万股); not in
# words (「一万个理由」)
_NUMERAL_SCALED = re.compile(r"(?<![\d零〇一二两三四五六七八九十百千])([一二两三四五六七八九十]{1,3})(万|亿)"
                             r"(?=\s*(?:股|元|块|蚊|美元|港元|港币|台币|新台币|人民币|张|份|单位))")


def _numeral_scaled(m: re.Match[str]) -> str:
    return f"{chinese_numeral_value(m.group(1))}{m.group(2)}"


def written_as_figures(norm_question: str) -> str:
    """The question with each spoken amount written as one figure and its scale word (12万8千 → 12.8万, 一万股 →
    1万股)."""
    return _NUMERAL_SCALED.sub(_numeral_scaled, _SPOKEN.sub(_rewritten, norm_question))
