"""Levels and changes over periods, annualized returns, growth at a rate."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from market_data.analytics.series import checked_close
from market_data.errors import DataRangeError, InsufficientDataError, InvalidRequestError

_PERIOD_RE = re.compile(r"^(\d{1,3})([dwmy])$")
DAYS_PER_YEAR = 365.25


@dataclass(frozen=True)
class Change:
    start_date: date  # the base close
    end_date: date
    start_level: float
    end_level: float

    @property
    def points(self) -> float:
        return self.end_level - self.start_level

    @property
    def ret(self) -> float:
        return self.end_level / self.start_level - 1.0

    @property
    def years(self) -> float:
        return years_between(self.start_date, self.end_date)


def parse_period(period: str) -> tuple[str, int]:
    """'ytd' / 'mtd' / 'wtd' -> (name, 0); 'max' -> ('max', 0); '5d' -> ('d', 5); '1w' -> ('d', 5); '3m' -> ('m', 3); '10y' -> ('y', 10)."""
    p = period.strip().lower()
    if p in ("ytd", "mtd", "wtd", "max"):
        return p, 0
    m = _PERIOD_RE.match(p)
    if not m or int(m.group(1)) == 0:
        raise InvalidRequestError(f"unknown period {period!r}: use 1d, 5d, 1m, 3m, 6m, ytd, 1y, 3y, 5y, 10y, "
                                  "wtd, mtd, max "
                                  "or --start/--end dates")
    n, unit = int(m.group(1)), m.group(2)
    return ("d", 5 * n) if unit == "w" else (unit, n)


def years_between(start: date, end: date) -> float:
    return (pd.Timestamp(end) - pd.Timestamp(start)).days / DAYS_PER_YEAR


def _position_on_or_before(index: pd.DatetimeIndex, day: pd.Timestamp) -> int:
    return int(index.searchsorted(day, side="right")) - 1


def period_base_position(index: pd.DatetimeIndex, period: str, end_pos: int) -> int:
    """Position of the base close for `period` ending at bar `end_pos`; -1 when the data starts too late."""
    unit, n = parse_period(period)
    end = index[end_pos]
    if unit == "max":
        return 0
    if unit == "d":
        return end_pos - n
    if unit in ("ytd", "mtd", "wtd"):
        return _position_on_or_before(index, _to_date_base(unit, end))
    offset = pd.DateOffset(months=n) if unit == "m" else pd.DateOffset(years=n)
    return _position_on_or_before(index, end - offset)


def _to_date_base(unit: str, end: pd.Timestamp) -> pd.Timestamp:
    """The last calendar day before the year / month / week (Monday-based) that `end` falls in."""
    if unit == "ytd":
        return pd.Timestamp(end.year - 1, 12, 31)
    if unit == "mtd":
        return pd.Timestamp(end.year, end.month, 1) - pd.Timedelta(days=1)
    return end.normalize() - pd.Timedelta(days=end.day_of_week + 1)


def _requested_base(index: pd.DatetimeIndex, period: str, end_pos: int) -> date:
    unit, n = parse_period(period)
    end = index[end_pos]
    if unit in ("ytd", "mtd", "wtd"):
        return _to_date_base(unit, end).date()
    if unit == "d":
        return (end - pd.tseries.offsets.BDay(n)).date()
    return (end - (pd.DateOffset(months=n) if unit == "m" else pd.DateOffset(years=n))).date()


def period_change(close: pd.Series, period: str, as_of: date | None = None) -> Change:
    """Change from the period's base close to the close on `as_of` (default: the last bar).

    Bases: Nd = N bars back; ytd / mtd / wtd = last close before the calendar year / month / week began; Nm / Ny = last close on or before
    the same calendar day N months / years earlier; max = first bar."""
    close = checked_close(close, 2, f"a {period} change")
    index = close.index
    end_pos = len(close) - 1 if as_of is None else _position_on_or_before(index, pd.Timestamp(as_of))
    if end_pos < 0:
        raise DataRangeError(str(close.name or ""), as_of, index[0].date(), index[-1].date(), "end date")
    base = period_base_position(index, period, end_pos)
    if base < 0:
        raise DataRangeError(str(close.name or ""), _requested_base(index, period, end_pos), index[0].date(),
                             index[-1].date(), f"{period} base close")
    if base == end_pos:
        raise InsufficientDataError(f"{close.name}: no earlier close to measure a {period} change from",
                                    str(close.name or ""), len(close))
    values = close.to_numpy()
    return Change(index[base].date(), index[end_pos].date(), float(values[base]), float(values[end_pos]))


def period_changes(close: pd.Series, periods: list[str]) -> dict[str, Change | Exception]:
    """Several periods at once, each either a Change or the error that explains why it cannot be given."""
    out: dict[str, Change | Exception] = {}
    for period in periods:
        try:
            out[period] = period_change(close, period)
        except (DataRangeError, InsufficientDataError) as exc:
            out[period] = exc
    return out


def change_between(close: pd.Series, start: date, end: date | None = None) -> Change:
    """Change from the last close on or before `start` to the last close on or before `end` (default: last bar).

    A start on a weekend or holiday therefore measures from the close before it, which is the level that
    stood on that day."""
    close = checked_close(close, 2, "a change between dates")
    index = close.index
    if end is not None and pd.Timestamp(end) < pd.Timestamp(start):
        raise InvalidRequestError(f"end date {end} is before start date {start}")
    first, last = index[0].date(), index[-1].date()
    name = str(close.name or "")
    s = _position_on_or_before(index, pd.Timestamp(start))
    if s < 0:
        raise DataRangeError(name, start, first, last, "start date")
    if end is not None and pd.Timestamp(end) > index[-1]:
        raise DataRangeError(name, end, first, last, "end date")
    e = len(close) - 1 if end is None else _position_on_or_before(index, pd.Timestamp(end))
    if e <= s:
        raise InsufficientDataError(f"{name}: no trading day between {start} and {end or last}", name, len(close))
    values = close.to_numpy()
    return Change(index[s].date(), index[e].date(), float(values[s]), float(values[e]))


def cagr(start_level: float, end_level: float, years: float) -> float:
    """Compound annual growth rate: (end / start) ** (1 / years) - 1."""
    if years <= 0:
        raise InvalidRequestError("an annualized return needs a period longer than zero years")
    if start_level <= 0 or end_level <= 0:
        raise InvalidRequestError("an annualized return needs levels above zero")
    return (end_level / start_level) ** (1.0 / years) - 1.0


def annualize(cumulative_return: float, years: float) -> float:
    """A cumulative return (0.62 = +62 %) over `years`, as a yearly rate: (1 + r) ** (1 / years) - 1."""
    if cumulative_return <= -1:
        raise InvalidRequestError("a cumulative loss of 100 % or more cannot be annualized")
    return cagr(1.0, 1.0 + cumulative_return, years)


def growth(amount: float, annual_rate: float, years: float) -> float:
    """What `amount` grows to at `annual_rate` compounded yearly for `years`."""
    return float(amount * np.power(1.0 + annual_rate, years))


def percent_of(pct: float, base: float) -> float:
    """`pct` per cent of `base` (7.88 % of 2,692.23 = 212.15)."""
    return base * pct / 100.0
