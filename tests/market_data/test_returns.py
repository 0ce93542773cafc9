"""Level and change over periods, CAGR, growth: hand-computed answers on the real NYSE calendar."""
from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from market_data.analytics import returns
from market_data.errors import BadDataError, DataRangeError, InsufficientDataError, InvalidRequestError
from tests.market_data.conftest import series

# 2025-01-02 .. 2025-01-13 sessions: Jan 2, 3, 6, 7, 8, 10, 13 (Jan 9: national day of mourning, closed)
WEEK = series([100, 102, 101, 105, 110, 108, 112])


def test_one_day_and_five_day_changes_count_sessions_not_calendar_days() -> None:
    one = returns.period_change(WEEK, "1d")
    assert (one.start_date, one.end_date) == (date(2025, 1, 10), date(2025, 1, 13))
    assert one.points == pytest.approx(4.0)
    assert one.ret == pytest.approx(4 / 108)
    five = returns.period_change(WEEK, "5d")
    assert five.start_date == date(2025, 1, 3)  # five sessions back skips the closed Jan 9
    assert five.points == pytest.approx(10.0) and five.ret == pytest.approx(10 / 102)


def test_ytd_measures_from_the_last_close_of_the_previous_year() -> None:
    s = series([2000, 2100, 2200, 2310], start="2024-12-30")
    c = returns.period_change(s, "ytd")
    assert (c.start_date, c.start_level, c.end_date) == (date(2024, 12, 31), 2100.0, date(2025, 1, 3))
    assert c.points == pytest.approx(210.0) and c.ret == pytest.approx(0.10)


def test_ytd_without_last_years_close_is_a_range_error_naming_the_needed_date() -> None:
    with pytest.raises(DataRangeError) as err:
        returns.period_change(WEEK, "ytd")
    assert err.value.requested == date(2024, 12, 31)
    assert "2024-12-31" in str(err.value) and "2025-01-02" in str(err.value)


def test_month_windows_use_the_close_on_or_before_the_same_calendar_day() -> None:
    s = series(100 + np.arange(60))  # value = 100 + session number from 2025-01-02
    # Jan 2025 has 20 sessions (Jan 9 and Jan 20 closed): Feb 3 is session 20; Feb has 19 (Feb 17 closed)
    c = returns.period_change(s, "1m", as_of=date(2025, 3, 3))
    assert (c.start_date, c.start_level, c.end_level) == (date(2025, 2, 3), 120.0, 139.0)
    # 2025-02-18 minus one month is Saturday 2025-01-18: base is Friday Jan 17 (session 10)
    c = returns.period_change(s, "1m", as_of=date(2025, 2, 18))
    assert (c.start_date, c.start_level, c.end_level) == (date(2025, 1, 17), 110.0, 130.0)


def test_custom_dates_on_holidays_measure_from_the_close_before() -> None:
    c = returns.change_between(WEEK, date(2025, 1, 9), date(2025, 1, 13))
    assert (c.start_date, c.start_level, c.end_level) == (date(2025, 1, 8), 110.0, 112.0)


def test_dates_outside_the_data_and_reversed_windows_are_refused() -> None:
    with pytest.raises(DataRangeError, match="start date 2024-12-01"):
        returns.change_between(WEEK, date(2024, 12, 1))
    with pytest.raises(DataRangeError, match="end date 2025-02-01"):
        returns.change_between(WEEK, date(2025, 1, 2), date(2025, 2, 1))
    with pytest.raises(InvalidRequestError, match="before start"):
        returns.change_between(WEEK, date(2025, 1, 10), date(2025, 1, 3))
    with pytest.raises(DataRangeError):
        returns.period_change(WEEK, "1y")
    with pytest.raises(InvalidRequestError, match="unknown period"):
        returns.period_change(WEEK, "forever")


def test_empty_one_row_and_nan_series_give_clear_errors() -> None:
    with pytest.raises(InsufficientDataError, match="no rows"):
        returns.period_change(series([]), "1d")
    with pytest.raises(InsufficientDataError, match="only 1 row"):
        returns.period_change(series([100.0]), "1d")
    with pytest.raises(BadDataError, match="NaN.*2025-01-03"):
        returns.period_change(series([100, np.nan, 101]), "1d")
    with pytest.raises(BadDataError, match="not above zero"):
        returns.period_change(series([100, 0, 101]), "1d")


def test_named_periods_parse() -> None:
    assert returns.parse_period("YTD") == ("ytd", 0)
    assert returns.parse_period("3m") == ("m", 3)
    assert returns.parse_period("10y") == ("y", 10)
    assert returns.parse_period("1w") == ("d", 5)


def test_cagr_annualize_growth_and_percent_of() -> None:
    assert returns.cagr(100, 200, 5) == pytest.approx(0.148698, abs=1e-6)  # 2 ** (1/5) - 1
    assert returns.annualize(0.62, 3) == pytest.approx(0.174460, abs=1e-5)  # 1.62 ** (1/3) - 1
    assert returns.annualize(1.87, 5) == pytest.approx(0.234742, abs=1e-5)  # e ** (ln 2.87 / 5) - 1
    assert returns.growth(100_000, 0.08, 20) == pytest.approx(466_095.71, abs=0.01)
    assert returns.percent_of(7.88, 2692.23) == pytest.approx(212.1477, abs=1e-4)
    with pytest.raises(InvalidRequestError):
        returns.cagr(100, 200, 0)
    with pytest.raises(InvalidRequestError):
        returns.annualize(-1.0, 3)
