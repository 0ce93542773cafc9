"""The NYSE trading calendar (exchange_calendars' XNYS), loaded once per process.

Used to count trading days, to name why a date is not a session (weekend, holiday), and to find gaps in
imported bars. Dates outside the calendar's range (before 1970, more than a year ahead) are not judged.
"""
from __future__ import annotations

import warnings
from datetime import date
from functools import lru_cache

import numpy as np
import pandas as pd

CALENDAR_START = "1970-01-01"


@lru_cache(maxsize=1)
def nyse():
    import exchange_calendars

    with warnings.catch_warnings():  # exchange_calendars 4.13 trips pandas 3.1 deprecation warnings on build
        warnings.simplefilter("ignore")
        return exchange_calendars.get_calendar("XNYS", start=CALENDAR_START)


def sessions() -> pd.DatetimeIndex:
    return nyse().sessions


def in_range(day: date | pd.Timestamp) -> bool:
    ts = pd.Timestamp(day)
    cal = nyse()
    return cal.first_session <= ts <= cal.last_session


def is_session(day: date | pd.Timestamp) -> bool:
    return in_range(day) and bool(nyse().is_session(pd.Timestamp(day)))


def why_closed(day: date | pd.Timestamp) -> str:
    """'a Saturday', 'an NYSE holiday (Christmas)', or '' when the day is a session or out of range."""
    ts = pd.Timestamp(day).normalize()
    if not in_range(ts) or is_session(ts):
        return ""
    if ts.day_of_week >= 5:
        return f"a {ts.day_name()}"
    names = nyse().regular_holidays.holidays(ts, ts, return_name=True)
    if len(names):
        return f"an NYSE holiday ({names.iloc[0]})"
    return "an NYSE holiday"


def previous_session(day: date | pd.Timestamp) -> date:
    """The session on or before `day`."""
    return nyse().date_to_session(pd.Timestamp(day).normalize(), direction="previous").date()


def trading_days_between(start: date | pd.Timestamp, end: date | pd.Timestamp) -> int:
    """Sessions after `start` up to and including `end` (the number of daily returns between two closes)."""
    s, e = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
    if e < s:
        return -trading_days_between(e, s)
    idx = sessions()
    return int(idx.searchsorted(e, side="right") - idx.searchsorted(s, side="right"))


def non_sessions(days: pd.DatetimeIndex) -> pd.DatetimeIndex:
    """The dates in `days` (within the calendar's range) that are not NYSE sessions."""
    cal = nyse()
    inside = days[(days >= cal.first_session) & (days <= cal.last_session)]
    return inside[~inside.isin(sessions())]


def missing_sessions(days: pd.DatetimeIndex) -> np.ndarray:
    """For each consecutive pair of sorted `days`, how many NYSE sessions lie strictly between them."""
    idx = sessions()
    pos = idx.searchsorted(days.normalize(), side="left")
    exact = np.asarray(idx[np.minimum(pos, len(idx) - 1)] == days.normalize())
    # A non-session day sits between sessions; count it as the session before it for gap purposes.
    pos = np.where(exact, pos, pos - 1)
    return np.diff(pos) - 1
