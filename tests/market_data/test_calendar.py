"""Trading days on the NYSE calendar (exchange_calendars), including the 2025-01-09 closure."""
from __future__ import annotations

from datetime import date

import pandas as pd

from market_data import calendar


def test_trading_days_between_skip_weekends_and_holidays() -> None:
    # Jan 2, 3, 6, 7, 8, 10 (Jan 1 holiday, Jan 9 national day of mourning)
    assert calendar.trading_days_between(date(2024, 12, 31), date(2025, 1, 10)) == 6
    assert calendar.trading_days_between(date(2025, 1, 10), date(2024, 12, 31)) == -6
    assert calendar.trading_days_between(date(2025, 1, 4), date(2025, 1, 5)) == 0


def test_why_a_day_is_closed() -> None:
    assert calendar.why_closed(date(2025, 12, 25)) == "an NYSE holiday (Christmas)"
    assert calendar.why_closed(date(2025, 1, 11)) == "a Saturday"
    assert "holiday" in calendar.why_closed(date(2025, 1, 9))
    assert calendar.why_closed(date(2025, 1, 10)) == ""
    assert calendar.previous_session(date(2025, 1, 1)) == date(2024, 12, 31)


def test_missing_sessions_between_bars() -> None:
    days = pd.DatetimeIndex(["2025-01-02", "2025-01-03", "2025-01-13"])
    assert calendar.missing_sessions(days).tolist() == [0, 4]  # Jan 6, 7, 8, 10
