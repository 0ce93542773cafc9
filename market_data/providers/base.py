"""The market-data provider protocol: every backend (files, http, yahoo) answers these calls."""
from __future__ import annotations

from datetime import date
from typing import Protocol

import pandas as pd

from market_data.errors import DataRangeError
from market_data.models import Bar, PriceHistory


class MarketDataProvider(Protocol):
    name: str
    lists_symbols: bool  # False: symbols() cannot enumerate what the backend knows

    def history(self, symbol: str, start: date | None = None, end: date | None = None) -> PriceHistory:
        """Daily bars of `symbol` between `start` and `end` inclusive (None = open-ended).

        Raises NoDataError when the provider has nothing for the symbol, DataRangeError when it has data but
        none in the window, ProviderUnavailableError / ProviderDataError for a broken feed."""
        ...

    def latest(self, symbol: str) -> Bar: ...

    def symbols(self) -> list[str]:
        """Symbols known to have data (a feed that cannot list them returns [])."""
        ...


def clip(history: PriceHistory, start: date | None, end: date | None) -> PriceHistory:
    """The part of a full history inside [start, end]; an empty window is an error naming the coverage."""
    bars = history.bars
    lo = bars.index.searchsorted(pd.Timestamp(start), side="left") if start else 0
    hi = bars.index.searchsorted(pd.Timestamp(end), side="right") if end else len(bars)
    if hi <= lo:
        requested = start if (start and pd.Timestamp(start) > bars.index[-1]) else (end or start)
        raise DataRangeError(history.symbol, requested, history.first_date, history.last_date,
                             "window start" if requested == start else "window end")
    if lo == 0 and hi == len(bars):
        return history
    return PriceHistory(history.symbol, bars.iloc[lo:hi], history.source)


def last_bar(history: PriceHistory) -> Bar:
    return Bar(history.last_date, float(history.close.iloc[-1]))
