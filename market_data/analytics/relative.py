"""Performance against a benchmark: excess return and runs of daily outperformance."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from market_data.analytics.returns import Change, change_between
from market_data.analytics.risk import aligned_returns


@dataclass(frozen=True)
class Relative:
    asset: Change
    benchmark: Change

    @property
    def excess(self) -> float:
        """Difference of the two returns (percentage points when multiplied by 100)."""
        return self.asset.ret - self.benchmark.ret

    @property
    def relative(self) -> float:
        """Growth of the asset relative to the benchmark: (1 + ra) / (1 + rb) - 1."""
        return (1.0 + self.asset.ret) / (1.0 + self.benchmark.ret) - 1.0


def excess_return(asset: pd.Series, benchmark: pd.Series, start: date, end: date | None = None) -> Relative:
    return Relative(change_between(asset, start, end), change_between(benchmark, start, end))


@dataclass(frozen=True)
class Streak:
    days: int
    start: date | None = None  # first day of the run
    end: date | None = None  # last day of the run


def outperformance_streaks(asset: pd.Series, benchmark: pd.Series) -> tuple[Streak, Streak]:
    """(current, longest) runs of consecutive shared trading days on which the asset's daily return beat the
    benchmark's. The current run ends on the last shared day (0 days if the asset lagged that day)."""
    r = aligned_returns(asset, benchmark, 2)
    win = (r["asset"] > r["benchmark"]).to_numpy()
    days = r.index
    starts = np.flatnonzero(np.r_[True, win[1:] != win[:-1]])
    ends = np.r_[starts[1:] - 1, len(win) - 1]
    winning = win[starts]
    if not winning.any():
        return Streak(0), Streak(0)
    lengths = np.where(winning, ends - starts + 1, 0)
    best = int(np.argmax(lengths))  # earliest of the longest runs
    longest = Streak(int(lengths[best]), days[starts[best]].date(), days[ends[best]].date())
    current = (Streak(int(lengths[-1]), days[starts[-1]].date(), days[ends[-1]].date())
               if winning[-1] else Streak(0))
    return current, longest
