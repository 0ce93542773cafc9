"""The fake beside the MarketDataProvider protocol: closes held in memory, added with `add()`. Tests and
demos get exact figures from known prices without files, a feed or a network; it behaves like the real
providers at the edges (NoDataError for an unknown symbol, DataRangeError outside the coverage)."""
from __future__ import annotations

from datetime import date

import pandas as pd

from market_data.errors import NoDataError
from market_data.models import Bar, PriceHistory
from market_data.providers.base import clip, last_bar


class MemoryProvider:
    name = "memory"
    lists_symbols = True

    def __init__(self) -> None:
        self._series: dict[str, PriceHistory] = {}

    def add(self, symbol: str, closes: list[tuple[str | date, float]]) -> "MemoryProvider":
        index = pd.DatetimeIndex([pd.Timestamp(d) for d, _ in closes], name="date")
        bars = pd.DataFrame({"close": [float(c) for _, c in closes]}, index=index).sort_index()
        bars = bars[~bars.index.duplicated(keep="last")]
        self._series[symbol] = PriceHistory(symbol, bars, f"memory:{symbol}")
        return self

    def history(self, symbol: str, start: date | None = None, end: date | None = None) -> PriceHistory:
        if symbol not in self._series:
            raise NoDataError(symbol)
        return clip(self._series[symbol], start, end)

    def latest(self, symbol: str) -> Bar:
        return last_bar(self.history(symbol))

    def symbols(self) -> list[str]:
        return sorted(self._series)
