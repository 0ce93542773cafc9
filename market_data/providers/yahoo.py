"""Yahoo Finance through the optional `yfinance` package (`pip install 'caiwen[yahoo]'`), for users with
internet access. Not used by the tests; imported lazily so the rest of Caiwen never needs it."""
from __future__ import annotations

from datetime import date, timedelta

from market_data.bars import validate_bars
from market_data.errors import NoDataError, ProviderDataError, ProviderUnavailableError
from market_data.models import Bar, PriceHistory
from market_data.providers.base import clip, last_bar


def _yfinance():
    try:
        import yfinance
    except ImportError:
        raise ProviderUnavailableError(
            "market_data=yahoo needs the optional yfinance package: pip install 'caiwen[yahoo]' "
            "(or set CAIWEN_MARKET_DATA=files and import prices with `caiwen prices import`)",
            "yahoo",
        ) from None
    return yfinance


class YahooProvider:
    name = "yahoo"
    lists_symbols = False

    def __init__(self, timeout_s: float = 10.0):
        self.timeout_s = timeout_s
        self._yf = _yfinance()

    def history(self, symbol: str, start: date | None = None, end: date | None = None) -> PriceHistory:
        try:
            frame = self._yf.Ticker(symbol).history(
                start=(start or date(1970, 1, 1)).isoformat(),
                end=((end or date.today()) + timedelta(days=1)).isoformat(),  # yfinance's end is exclusive
                auto_adjust=False,
                timeout=self.timeout_s,
            )
        except Exception as exc:  # yfinance raises many kinds; all mean "Yahoo did not answer usefully"
            raise ProviderUnavailableError(f"Yahoo Finance request for {symbol} failed: {exc}", "yahoo") from None
        if frame is None or frame.empty:
            raise NoDataError(symbol, "Yahoo Finance returned no bars")
        frame = frame.reset_index().dropna(subset=["Close"])  # Yahoo pads some days with NaN rows
        checked = validate_bars(frame)
        if checked.problems:
            raise ProviderDataError(f"Yahoo Finance returned unusable bars for {symbol}: "
                                    + "; ".join(checked.problems), "yahoo")
        return clip(PriceHistory(symbol, checked.bars, f"yahoo:{symbol}"), start, end)

    def latest(self, symbol: str) -> Bar:
        return last_bar(self.history(symbol, date.today() - timedelta(days=14)))

    def symbols(self) -> list[str]:
        return []
