"""Excess return and runs of daily outperformance."""
from __future__ import annotations

from datetime import date

import pytest

from market_data.analytics.relative import excess_return, outperformance_streaks
from tests.market_data.conftest import series


def test_excess_and_relative_return() -> None:
    a = series([100, 104, 110], name="A")
    b = series([100, 102, 105], name="B")
    r = excess_return(a, b, date(2025, 1, 2))
    assert r.asset.ret == pytest.approx(0.10) and r.benchmark.ret == pytest.approx(0.05)
    assert r.excess == pytest.approx(0.05)
    assert r.relative == pytest.approx(1.10 / 1.05 - 1)


def test_current_and_longest_streaks() -> None:
    # daily returns of A vs a flat B: + + + - + +  -> longest 3 (Jan 3..Jan 7), current 2 (Jan 10..Jan 13)
    a = series([100, 101, 102, 103, 102, 103, 104], name="A")
    b = series([100] * 7, name="B")
    current, longest = outperformance_streaks(a, b)
    assert (longest.days, longest.start, longest.end) == (3, date(2025, 1, 3), date(2025, 1, 7))
    assert (current.days, current.start, current.end) == (2, date(2025, 1, 10), date(2025, 1, 13))


def test_eleven_straight_days_ahead() -> None:
    a = series([100 * 1.01 ** i for i in range(12)], name="A")
    b = series([100 * 1.002 ** i for i in range(12)], name="B")
    current, longest = outperformance_streaks(a, b)
    assert current.days == longest.days == 11


def test_lagging_on_the_last_day_means_no_current_run() -> None:
    a = series([100, 102, 101], name="A")
    b = series([100, 100, 100], name="B")
    current, longest = outperformance_streaks(a, b)
    assert current.days == 0 and longest.days == 1
    never = outperformance_streaks(series([100, 99, 98], name="A"), series([100, 100, 100], name="B"))
    assert never[0].days == never[1].days == 0
