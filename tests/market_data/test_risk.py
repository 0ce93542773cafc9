"""Volatility, drawdown, beta and correlation against hand-computed values."""
from __future__ import annotations

import math
from datetime import date

import numpy as np
import pytest

from market_data.analytics import risk
from market_data.errors import InsufficientDataError
from tests.market_data.conftest import series


def test_volatility_from_daily_log_returns() -> None:
    # log returns ln 1.1, ln 0.9, ln 1.1 = 0.0953102, -0.1053605, 0.0953102; mean 0.0284200;
    # squared deviations 0.0044743 + 0.0178972 + 0.0044743 = 0.0268458; / (3 - 1) -> sd 0.115857
    closes = series([100, 110, 99, 108.9])
    assert risk.daily_volatility(closes) == pytest.approx(0.115857, abs=1e-6)
    assert risk.annualized_volatility(closes) == pytest.approx(0.115857 * math.sqrt(252), abs=1e-5)


def test_volatility_needs_three_closes() -> None:
    with pytest.raises(InsufficientDataError, match="at least 3"):
        risk.annualized_volatility(series([100, 101]))


def test_max_drawdown_with_peak_trough_and_recovery_dates() -> None:
    # sessions: Jan 2, 3, 6, 7, 8, 10 (2025)
    dd = risk.max_drawdown(series([100, 120, 90, 95, 130, 117]))
    assert dd.depth == pytest.approx(-0.25)
    assert (dd.peak_date, dd.peak_level) == (date(2025, 1, 3), 120.0)
    assert (dd.trough_date, dd.trough_level) == (date(2025, 1, 6), 90.0)
    assert dd.recovery_date == date(2025, 1, 8)


def test_drawdown_not_recovered_and_rising_series() -> None:
    dd = risk.max_drawdown(series([100, 80, 90]))
    assert dd.depth == pytest.approx(-0.2) and dd.recovery_date is None
    assert risk.max_drawdown(series([1, 2, 3])).depth == 0.0


def _levered(bench: list[float], k: float) -> list[float]:
    """A series whose every daily simple return is k times the benchmark's."""
    out = [50.0]
    for prev, cur in zip(bench, bench[1:]):
        out.append(out[-1] * (1 + k * (cur / prev - 1)))
    return out


def test_beta_and_correlation() -> None:
    bench = [100, 101, 99.99, 102, 101.5, 103]
    b = series(bench, name="B")
    beta, corr = risk.beta_and_correlation(series(_levered(bench, 2.0), name="A"), b)
    assert beta == pytest.approx(2.0) and corr == pytest.approx(1.0)
    beta, corr = risk.beta_and_correlation(series(_levered(bench, -1.0), name="A"), b)
    assert beta == pytest.approx(-1.0) and corr == pytest.approx(-1.0)


def test_rolling_beta_and_correlation() -> None:
    bench = [100, 101, 99.99, 102, 101.5, 103, 102.2]
    a, b = series(_levered(bench, 1.5), name="A"), series(bench, name="B")
    rb = risk.rolling_beta(a, b, window=3)
    rc = risk.rolling_correlation(a, b, window=3)
    assert len(rb) == 4 and np.allclose(rb, 1.5) and np.allclose(rc, 1.0)


def test_series_sharing_too_few_days_are_refused() -> None:
    a = series([100, 101, 102], start="2025-01-02", name="A")
    b = series([100, 101, 102], start="2025-03-03", name="B")
    with pytest.raises(InsufficientDataError, match="share only 0"):
        risk.beta_and_correlation(a, b)
