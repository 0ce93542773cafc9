"""What can go wrong when computing figures, with the facts needed to say so in any language.

Each error keeps its facts as attributes (symbol, dates, suggestions) so `answering` can phrase it for the
asker; `str(error)` is the plain English message the CLI and the tools print.
"""
from __future__ import annotations

from datetime import date

from caiwen.errors import CaiwenError


class FiguresError(CaiwenError):
    code = "figures_error"
    http_status = 422


class UnknownSymbolError(FiguresError):
    code = "unknown_symbol"
    http_status = 404

    def __init__(self, query: str, suggestions: list[str], known: list[str] | None = None):
        self.query = query
        self.suggestions = suggestions
        self.known = known or []
        hint = f"did you mean {', '.join(suggestions)}?" if suggestions else f"known: {', '.join(self.known)}"
        super().__init__(f"unknown symbol {query!r}: {hint}")


class NoDataError(FiguresError):
    """The provider has no prices at all for the symbol (nothing imported, or the feed knows no such symbol)."""

    code = "no_data"
    http_status = 404

    def __init__(self, symbol: str, detail: str = ""):
        self.symbol = symbol
        self.detail = detail
        msg = f"no price data for {symbol}"
        super().__init__(f"{msg}: {detail}" if detail else msg)


class DataRangeError(FiguresError):
    """The data exists but does not cover the dates asked for."""

    code = "data_range"

    def __init__(self, symbol: str, requested: date, first: date, last: date, what: str = ""):
        self.symbol = symbol
        self.requested = requested
        self.first = first
        self.last = last
        self.what = what
        super().__init__(
            f"{symbol}: {what or 'requested date'} {requested.isoformat()} is outside the data "
            f"({first.isoformat()} to {last.isoformat()})"
        )


class InsufficientDataError(FiguresError):
    """Too few bars for the computation (empty window, one row, a single return for a volatility)."""

    code = "insufficient_data"

    def __init__(self, message: str, symbol: str = "", rows: int = 0):
        self.symbol = symbol
        self.rows = rows
        super().__init__(message)


class InvalidRequestError(FiguresError):
    """Arguments that make no sense: end before start, an unknown period, a zero P/E."""

    code = "invalid_request"


class _FeedError(FiguresError):
    """A failure of the quote service named by `source`."""

    def __init__(self, message: str, source: str = ""):
        self.source = source
        super().__init__(message)


class ProviderUnavailableError(_FeedError):
    """The quote service cannot be reached (down, timing out), or an optional backend is not installed."""

    code = "provider_unavailable"
    http_status = 503


class MarketDataConfigError(FiguresError, ValueError):
    """CAIWEN_MARKET_DATA / CAIWEN_MARKET_DATA_URL name no usable provider: the operator must fix the
    configuration; retrying will not help (unlike ProviderUnavailableError)."""

    code = "market_data_misconfigured"
    http_status = 500  # the server's configuration, not the caller's request, is wrong


class ProviderDataError(_FeedError):
    """The quote service answered, but not with price bars we can trust."""

    code = "provider_data"
    http_status = 502


class ImportValidationError(FiguresError):
    """A prices file failed validation; nothing was written."""

    code = "import_invalid"

    def __init__(self, path: str, problems: list[str]):
        self.path = path
        self.problems = problems
        super().__init__(f"{path}: not imported, nothing changed:\n  - " + "\n  - ".join(problems))


class BadDataError(FiguresError):
    """Data handed to an analytic is unusable as given: NaN or non-positive prices, unsorted or repeated
    dates, a constituents table without the needed columns."""

    code = "bad_data"
