"""A month the asker dates by the current year (「今年9月」, "September last year") written with its year (2026年9月),
so that the period check reads the month the documents write. The evidence check alone reads it: the composer keeps
the question as written (a dated 「今年11月」 beside 「6月」 would filter out the 6月 row).

Only months: 「今年第三季」 is left as written, since documents state a quarter as its months as often as by name.
"""
from __future__ import annotations

import re
from datetime import date

from assistant.chinese_numerals import chinese_numeral_value

_OFFSETS = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1, "this": 0, "last": -1, "next": 1}
_CHINESE = re.compile(r"(今年|本年|去年|上年|前年|明年)\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月(?!份?(?:以来|至今))")
_MONTHS = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
_ENGLISH = re.compile(rf"\b({_MONTHS})\s+(?:of\s+)?(this|last|next)\s+year\b", re.I)


def with_absolute_years(norm_question: str, today: date) -> str:
    """`norm_question` with each month dated by 今年 / 去年 / this year / last year written with its year."""
    def chinese(m: re.Match[str]) -> str:
        month = m.group(2) if m.group(2).isdigit() else str(chinese_numeral_value(m.group(2)))
        return f"{today.year + _OFFSETS[m.group(1)]}年{month}月"

    dated = _CHINESE.sub(chinese, norm_question)
    dated = re.sub(r"(?<=[A-Za-z0-9])(?=(?:19|20)\d\d年\d{1,2}月)", " ", dated) if dated != norm_question else dated
    return _ENGLISH.sub(lambda m: f"{m.group(1)} {today.year + _OFFSETS[m.group(2).lower()]}", dated)
