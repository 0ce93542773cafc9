"""Volatility, drawdowns, beta and correlation."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from market_data.analytics.series import checked_close
from market_data.errors import InsufficientDataError

TRADING_DAYS_PER_YEAR = 252


def log_returns(close: pd.Series) -> pd.Series:
    close = checked_close(close, 2, "returns")
    return np.log(close).diff().iloc[1:]


def daily_volatility(close: pd.Series) -> float:
    """Sample standard deviation (ddof=1) of daily log returns."""
    close = checked_close(close, 3, "a volatility")
    return float(log_returns(close).std(ddof=1))


def annualized_volatility(close: pd.Series, periods_per_year: int = TRADING_DAYS_PER_YEAR) -> float:
    """Daily log-return standard deviation scaled by sqrt(periods_per_year)."""
    return daily_volatility(close) * float(np.sqrt(periods_per_year))


@dataclass(frozen=True)
class Drawdown:
    depth: float  # fraction, <= 0 (-0.25 = a 25 % fall from the peak)
    peak_date: date
    peak_level: float
    trough_date: date
    trough_level: float
    recovery_date: date | None  # first close back at or above the peak, None if not yet


def max_drawdown(close: pd.Series) -> Drawdown:
    """The largest peak-to-trough fall; on a series that never falls, depth 0 at the last bar."""
    close = checked_close(close, 2, "a maximum drawdown")
    values = close.to_numpy()
    running_peak = np.maximum.accumulate(values)
    dd = values / running_peak - 1.0
    trough = int(np.argmin(dd))
    if dd[trough] == 0:
        trough = len(values) - 1
        peak = trough
    else:
        peak = int(np.argmax(values[: trough + 1]))
    after = np.flatnonzero(values[trough:] >= values[peak])
    recovered = trough + int(after[0]) if dd[trough] < 0 and len(after) else None
    index = close.index
    return Drawdown(
        float(dd[trough]), index[peak].date(), float(values[peak]), index[trough].date(), float(values[trough]),
        index[recovered].date() if recovered is not None else None,
    )


def aligned_returns(asset: pd.Series, benchmark: pd.Series, min_rows: int = 3) -> pd.DataFrame:
    """Simple daily returns of both series on the dates they share."""
    a = checked_close(asset, 2, "a comparison")
    b = checked_close(benchmark, 2, "a comparison")
    both = pd.concat({"asset": a, "benchmark": b}, axis=1, join="inner")
    if len(both) < min_rows:
        raise InsufficientDataError(
            f"{asset.name} and {benchmark.name} share only {len(both)} trading day(s); need {min_rows}",
            str(asset.name or ""), len(both),
        )
    return both.pct_change().iloc[1:]


def beta_and_correlation(asset: pd.Series, benchmark: pd.Series) -> tuple[float, float]:
    """Beta (cov / var of benchmark) and Pearson correlation of simple daily returns over the shared dates."""
    r = aligned_returns(asset, benchmark)
    cov = r.cov().to_numpy()
    return float(cov[0, 1] / cov[1, 1]), float(cov[0, 1] / np.sqrt(cov[0, 0] * cov[1, 1]))


def rolling_beta(asset: pd.Series, benchmark: pd.Series, window: int = 63) -> pd.Series:
    r = aligned_returns(asset, benchmark, window + 1)
    return (r["asset"].rolling(window).cov(r["benchmark"]) / r["benchmark"].rolling(window).var()).dropna()


def rolling_correlation(asset: pd.Series, benchmark: pd.Series, window: int = 63) -> pd.Series:
    r = aligned_returns(asset, benchmark, window + 1)
    return r["asset"].rolling(window).corr(r["benchmark"]).dropna()
