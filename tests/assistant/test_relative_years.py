"""A month dated by the current year is written with its year, so the period check reads the documents' own forms."""
from __future__ import annotations

from datetime import date

import pytest

from assistant.period_keys import question_periods
from assistant.relative_years import with_absolute_years

TODAY = date(2026, 12, 5)


@pytest.mark.parametrize(("question", "written"), [
    ("今年9月每股分了多少?", "2026年9月每股分了多少?"),
    ("去年十二月的派息", "2025年12月的派息"),
    ("明年1月付息吗", "2027年1月付息吗"),
    ("what did it pay in september last year?", "what did it pay in september 2025?"),
    ("ngst今年9月每股分了多少?", "ngst 2026年9月每股分了多少?"),  # a ticker is not glued to the year
])
def test_a_month_of_this_or_last_year_is_written_with_its_year(question, written):
    assert with_absolute_years(question, TODAY) == written


@pytest.mark.parametrize("question", [
    "今年3月以来涨了多少",  # a span up to now, not a month's figure
    "今年第三季营收多少",  # a quarter: documents state it by its months as often as by name
    "我今年58岁",
    "今年派息几次",
])
def test_other_uses_of_this_year_are_left_as_written(question):
    assert with_absolute_years(question, TODAY) == question


def test_the_written_month_is_a_period_key():
    (period,) = question_periods(with_absolute_years("今年9月每股分了多少?", TODAY))
    assert (period.year, period.month) == (2026, 9)
