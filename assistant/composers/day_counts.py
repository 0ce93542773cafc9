"""A count of days a worked example derives from its own two dates (「4月10日現金透支…4月30日全數清還，計息日數20日」),
counted the same way between the two days the asker states ("advance on 15 April, repay on 11 May": 26 days).

The example's way of counting is read from its own figures: the days from its first date to its second, or one
less (the second day not counted), or one more (both counted). Nothing is counted unless the example and the asker
each state exactly two days and exactly one of those ways gives the example's count.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from assistant.period_keys import question_periods
from knowledge_base.scripts import normalize_for_index

_NO_YEAR = 2001  # two days without a year are counted in a common year


def stated_days(text: str) -> list[date]:
    """The days a text states, in its order; a day without a year takes the year of the one before it (the next
    year where it falls earlier), or of the first day that has one."""
    periods = [p for p in question_periods(normalize_for_index(text).lower()) if p.month and p.day]
    first_year = next((p.year for p in periods if p.year), _NO_YEAR)
    days: list[date] = []
    for p in periods:
        year = p.year or (days[-1].year if days else first_year)
        if p.year is None and days and (p.month, p.day) < (days[-1].month, days[-1].day):
            year += 1
        try:
            day = date(year, p.month, p.day)
        except ValueError:
            continue  # 2月30日
        if day not in days:
            days.append(day)
    return days


def askers_day_count(example_days: Sequence[date], example_count: Decimal, askers_days: Sequence[date]) -> Decimal | None:
    """The asker's count of days, counted between the asker's two days as the example counts between its own."""
    if len(example_days) != 2 or len(askers_days) != 2:
        return None
    span = (example_days[1] - example_days[0]).days
    offsets = [offset for offset in (0, -1, 1) if span + offset == example_count]
    asked = (askers_days[1] - askers_days[0]).days
    if not offsets or asked <= 0:
        return None
    return Decimal(asked + offsets[0])
