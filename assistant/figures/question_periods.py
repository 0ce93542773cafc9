"""The window a figure question names: "past 3 years", 「今年以來」, "since March 2024", "2019 to 2023", a
date range; None with ok=False when it names a date this parser cannot map (left to retrieval)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from assistant.figures.question_numbers import COUNT, count_value, mask

@dataclass(frozen=True)
class Period:
    period: str | None = None
    start: date | None = None
    end: date | None = None


_UNIT_CODES = {"年": "y", "月": "m", "周": "w", "星期": "w", "礼拜": "w", "日": "d", "天": "d", "交易日": "d",
               "year": "y", "month": "m", "week": "w", "day": "d", "session": "d", "trading day": "d"}

_PERIOD_PATTERNS: list[tuple[re.Pattern[str], object]] = [
    (re.compile(r"(\d{4})\s*年?\s*(?:至|到|-|–|~|to|until|till)\s*(\d{4})\s*年?"), "year_range"),
    (re.compile(r"(\d{4}-\d{2}-\d{2})\s*(?:至|到|~|to|until|till|-|–)\s*(\d{4}-\d{2}-\d{2})"), "date_range"),
    (re.compile(r"(?:since|自从|自|从|由)\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:\s*(?:以来|起|开始|至今))?"), "since_date"),
    (re.compile(r"(?:since|自从|自|从|由)?\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]\s*(?:以来|起|开始|至今)"),
     "since_date"),
    (re.compile(r"(?:since|自从|自|从|由)?\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(?:以来|起|开始|至今)"), "since_month"),
    (re.compile(r"(?:自从|自|从|由)\s*(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(?:以来|起|开始|至今))?"), "since_month"),
    (re.compile(r"since\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{4})"), "since_month_en"),
    (re.compile(r"(?:since|自从|自|从|由)\s*(\d{4})\s*年?(?:\s*(?:以来|起|开始|至今))?|(\d{4})\s*年\s*(?:以来|起|至今)"),
     "since_year"),
    (re.compile(r"今年以来|今年至今|年初至今|年初到现在|年初到而家|今年(?!\s*\d{1,3}\s*岁)|本年|\bytd\b|year[\s-]to[\s-]date|this year"),
     "ytd"),
    (re.compile(r"本月至今|月初至今|\bmtd\b|month[\s-]to[\s-]date|this month|本月|今个月|这个月|呢个月"), "mtd"),
    (re.compile(r"本周|今周|这周|这个星期|呢个星期|呢个礼拜|\bwtd\b|week[\s-]to[\s-]date|this week"), "wtd"),
    (re.compile(r"(?:过去|近|最近|前|这)\s*" + COUNT + r"\s*(?:个)?\s*(年|月|周|星期|礼拜|交易日|日|天)"), "last_n"),
    (re.compile(COUNT + r"\s*(?:个)?\s*(年|月)\s*(?:来|以来|内)"), "last_n"),
    (re.compile(r"(?:过去|近|最近)\s*(?:一|1)?\s*(年|年来)"), "last_1"),
    (re.compile(r"去年|上年|last year"), "last_year"),
    (re.compile(r"(?:past|last|trailing|over the past|over the last)\s+" + COUNT + r"?\s*"
                r"(year|month|week|trading day|session|day)s?"), "last_n_en"),
    (re.compile(r"(?<![a-z0-9])(\d{1,2})\s*(y|m|d)(?![a-z0-9])"), "short"),
    (re.compile(r"(?<![\d.])((?:19|20)\d{2})\s*年(?:全年|度)?|\bin\s+((?:19|20)\d{2})\b"), "calendar_year"),
    (re.compile(r"今日|今天|today|\blatest\b|最新|现在|而家|目前|\bnow\b|\bcurrent(?:ly)?\b"), "today"),
]
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                      "dec"), start=1)}

# Dates this parser cannot map (a day-of-month, a named month without a year, an event): leave to retrieval.
_UNPARSED_DATE = re.compile(
    r"\d{1,2}\s*月|\d{1,2}\s*[日号]|(?<![a-z])(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*\d|"
    r"上周|上个月|上月|前年|[之以]前|[之以]后|后的|金融海啸|海啸|疫情|危机|泡沫|\d{4}|yesterday|昨日|昨天|"
    r"last (week|month|quarter)|quarter|季度|q[1-4]\b|before|after|during"
)


# Market data starts after 1900; a year outside this range in a question is a typo, not a window.
_FIRST_YEAR, _LAST_YEAR = 1901, 2100


def _safe_date(y: int, m: int, d: int) -> date | None:
    """The date a question names, or None when it names none (2024-13-45, 2025-02-30, jan 0000)."""
    if not _FIRST_YEAR <= y <= _LAST_YEAR:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _iso_date(text: str) -> date | None:
    y, m, d = (int(part) for part in text.split("-"))
    return _safe_date(y, m, d)


def _period_from(kind: str, m: re.Match[str], today: date) -> Period | None:
    g = m.groups()
    if kind == "year_range":
        y1, y2 = int(g[0]), int(g[1])
        return Period(start=date(y1, 1, 1), end=min(date(y2, 12, 31), today)) if 1900 < y1 <= y2 else None
    if kind == "date_range":
        s, e = _iso_date(g[0]), _iso_date(g[1])
        return Period(start=s, end=e) if s and e and s <= e else None
    if kind == "since_date":
        d = _safe_date(int(g[0]), int(g[1]), int(g[2]))
        return Period(start=d) if d else None
    if kind == "since_month":
        d = _safe_date(int(g[0]), int(g[1]), 1)
        return Period(start=d) if d else None
    if kind == "since_month_en":
        d = _safe_date(int(g[1]), _MONTHS[g[0][:3]], 1)
        return Period(start=d) if d else None
    if kind == "since_year":
        year = int(g[0] or g[1])
        return Period(start=date(year, 1, 1)) if 1900 < year <= today.year else None
    if kind in ("ytd", "mtd", "wtd"):
        return Period(period=kind)
    if kind in ("last_n", "last_n_en"):
        n = count_value(g[0]) if g[0] else 1
        unit = _UNIT_CODES[g[1]]
        if n == 12 and unit == "m":
            n, unit = 1, "y"
        return Period(period=f"{n}{unit}") if 0 < n <= 50 else None
    if kind == "last_1":
        return Period(period="1y")
    if kind == "short":
        return Period(period=f"{int(g[0])}{g[1]}") if int(g[0]) > 0 else None
    if kind == "last_year":
        return Period(start=date(today.year - 1, 1, 1), end=date(today.year - 1, 12, 31))
    if kind == "calendar_year":
        year = int(g[0] or g[1])
        if not 1900 < year <= today.year:
            return None
        return Period(start=date(year, 1, 1), end=min(date(year, 12, 31), today)) if year < today.year else \
            Period(period="ytd")
    if kind == "today":
        return Period(period="1d")
    return None


def parse_period(text: str, today: date) -> tuple[Period | None, str, bool]:
    """(period, text with the period words removed, ok). ok is False when a date is left that we cannot map."""
    found: Period | None = None
    rest = text
    for pattern, kind in _PERIOD_PATTERNS:
        m = pattern.search(rest)
        if not m:
            continue
        try:
            period = _period_from(str(kind), m, today)
        except (ValueError, OverflowError):  # any date a question spells that the calendar lacks
            period = None
        if period is None:
            return None, rest, False
        rest = mask(rest, [(m.start(), m.end())])
        if found is None:
            found = period
        elif kind != "today":
            return None, rest, False  # two different windows in one question
    return found, rest, not _UNPARSED_DATE.search(rest)
