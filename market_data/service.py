"""Figure sets computed from a provider's bars: what the CLI, the tools and the answering chain call.

Every figure is stamped with the symbol, the period it covers, the date of the last close used (`as_of`)
and where the prices came from (`source`). Nothing is filled in: a window the data does not cover is an
error that says what the data does cover.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from market_data import calendar
from market_data.analytics import relative as rel
from market_data.analytics import returns, risk
from market_data.errors import FiguresError, InvalidRequestError, UnknownSymbolError
from market_data.models import STANDARD_PERIODS, FigureResult, PriceHistory
from market_data.providers.base import MarketDataProvider
from market_data.symbols import TICKER_RE, canonical
from market_data.models import Figure

STALE_AFTER_SESSIONS = 3


def _round(value: float, unit: str) -> float:
    return round(float(value), {"%": 2, "points": 2, "x": 3, "": 4, "days": 0}.get(unit, 4))


@dataclass(frozen=True)
class Window:
    """Which closes a figure is measured over, and how the asker's dates were mapped onto sessions."""

    change: returns.Change
    label: str  # the figure's `period`: ytd / 1y / 2024-12-31..2025-06-30
    notes: tuple[str, ...] = ()


class FigureService:
    def __init__(self, provider: MarketDataProvider):
        self.provider = provider

    # --- data ---------------------------------------------------------------------------------
    def resolve(self, symbol: str) -> str:
        try:
            return canonical(symbol, self.provider.symbols())
        except UnknownSymbolError:
            # A feed that cannot list its symbols may still know a plain ticker: let it answer (404 = no data).
            ticker = symbol.strip().upper()
            if not getattr(self.provider, "lists_symbols", True) and TICKER_RE.match(ticker):
                return ticker
            raise

    def history(self, symbol: str) -> PriceHistory:
        return self.provider.history(self.resolve(symbol))

    @staticmethod
    def _close(history: PriceHistory) -> pd.Series:
        return history.close.rename(history.symbol)

    # --- windows ------------------------------------------------------------------------------
    def window(self, history: PriceHistory, period: str | None = None, start: date | None = None,
               end: date | None = None) -> Window:
        close = self._close(history)
        if start is not None or end is not None:
            if period not in (None, "custom"):
                raise InvalidRequestError("give either a period or start/end dates, not both")
            start = start or history.first_date
            change = returns.change_between(close, start, end)
            notes = []
            for label, asked, used in (("start", start, change.start_date), ("end", end, change.end_date)):
                if asked and asked != used:
                    why = calendar.why_closed(asked) or "not in the data"
                    notes.append(f"{label} date {asked} is {why}; using the {used} close")
            return Window(change, f"{change.start_date}..{change.end_date}", tuple(notes))
        period = (period or "ytd").lower()
        return Window(returns.period_change(close, period), period)

    def freshness_notes(self, history: PriceHistory, today: date | None = None) -> list[str]:
        today = today or date.today()
        if not calendar.in_range(today):
            return []
        behind = calendar.trading_days_between(history.last_date, calendar.previous_session(today))
        if behind > STALE_AFTER_SESSIONS:
            return [f"{history.symbol}: latest close is from {history.last_date} ({behind} trading days ago); "
                    "import newer prices for current figures"]
        return []

    # --- figure sets --------------------------------------------------------------------------
    def _figure(self, name: str, value: float, unit: str, history: PriceHistory, period: str, as_of: date) -> Figure:
        return Figure(name=name, value=_round(value, unit), unit=unit, symbol=history.symbol, period=period,
                      as_of=as_of, source=history.source)

    def performance(self, symbol: str, period: str | None = None, start: date | None = None,
                    end: date | None = None) -> FigureResult:
        return self._performance(self.history(symbol), period, start, end)

    def _performance(self, history: PriceHistory, period: str | None, start: date | None,
                     end: date | None) -> FigureResult:
        win = self.window(history, period, start, end)
        c = win.change
        figs = [
            self._figure("level", c.end_level, "points", history, win.label, c.end_date),
            self._figure("change", c.points, "points", history, win.label, c.end_date),
            self._figure("return", c.ret * 100, "%", history, win.label, c.end_date),
        ]
        if "adj_close" in history.bars:
            adj = history.bars["adj_close"].loc[pd.Timestamp(c.start_date):pd.Timestamp(c.end_date)]
            if len(adj) >= 2 and not adj.isna().any():
                figs.append(self._figure("total_return", (adj.iloc[-1] / adj.iloc[0] - 1) * 100, "%", history,
                                         win.label, c.end_date))
        figs.append(self._figure("trading_days", calendar.trading_days_between(c.start_date, c.end_date), "days",
                                 history, win.label, c.end_date))
        return FigureResult(figs, c.end_date, history.source, {"change": c, "window": win},
                            list(win.notes) + self.freshness_notes(history))

    def risk(self, symbol: str, period: str | None = "1y", start: date | None = None,
             end: date | None = None) -> FigureResult:
        return self._risk(self.history(symbol), period, start, end)

    def _risk(self, history: PriceHistory, period: str | None, start: date | None,
              end: date | None) -> FigureResult:
        win = self.window(history, period, start, end)
        c = win.change
        closes = self._close(history).loc[pd.Timestamp(c.start_date):pd.Timestamp(c.end_date)]
        dd = risk.max_drawdown(closes)
        figs = []
        details: dict = {"change": c, "window": win, "drawdown": dd, "sessions": len(closes) - 1}
        if len(closes) >= 3:
            daily = risk.daily_volatility(closes)
            figs += [
                self._figure("volatility", daily * (risk.TRADING_DAYS_PER_YEAR ** 0.5) * 100, "%", history, win.label,
                             c.end_date),
                self._figure("daily_volatility", daily * 100, "%", history, win.label, c.end_date),
            ]
            details["daily_volatility"] = daily
        figs.append(self._figure("max_drawdown", dd.depth * 100, "%", history, win.label, c.end_date))
        figs.append(self._figure("return", c.ret * 100, "%", history, win.label, c.end_date))
        if c.years >= 1:
            details["cagr"] = returns.cagr(c.start_level, c.end_level, c.years)
            figs.append(self._figure("annualized_return", details["cagr"] * 100, "%", history, win.label,
                                     c.end_date))
        return FigureResult(figs, c.end_date, history.source, details,
                            list(win.notes) + self.freshness_notes(history))

    def relative(self, symbol: str, benchmark: str, period: str | None = "ytd", start: date | None = None,
                 end: date | None = None) -> FigureResult:
        asset_h = self.history(symbol)
        bench_h = self.history(benchmark)
        if asset_h.symbol == bench_h.symbol:
            raise InvalidRequestError(f"{asset_h.symbol} cannot be compared with itself")
        win = self.window(asset_h, period, start, end)
        c = win.change
        bench_change = returns.change_between(self._close(bench_h), c.start_date, c.end_date)
        r = rel.Relative(c, bench_change)
        a = self._close(asset_h).loc[pd.Timestamp(c.start_date):pd.Timestamp(c.end_date)]
        b = self._close(bench_h).loc[pd.Timestamp(c.start_date):pd.Timestamp(c.end_date)]
        current, longest = rel.outperformance_streaks(a, b)
        label = win.label
        src = f"{asset_h.source}; {bench_h.source}"
        figs = [
            self._figure("return", c.ret * 100, "%", asset_h, label, c.end_date),
            self._figure("return", bench_change.ret * 100, "%", bench_h, label, bench_change.end_date),
            Figure(name="excess_return", value=_round(r.excess * 100, "%"), unit="%",
                   symbol=f"{asset_h.symbol} vs {bench_h.symbol}", period=label, as_of=c.end_date, source=src),
            Figure(name="outperformance_streak", value=current.days, unit="days",
                   symbol=f"{asset_h.symbol} vs {bench_h.symbol}", period=label, as_of=c.end_date, source=src),
            Figure(name="longest_outperformance_streak", value=longest.days, unit="days",
                   symbol=f"{asset_h.symbol} vs {bench_h.symbol}", period=label, as_of=c.end_date, source=src),
        ]
        details = {"change": c, "benchmark_change": bench_change, "relative": r, "current_streak": current,
                   "longest_streak": longest, "window": win}
        shared = pd.concat([a, b], axis=1, join="inner")
        if len(shared) >= 4:
            beta, corr = risk.beta_and_correlation(a, b)
            details.update(beta=beta, correlation=corr)
            figs += [
                Figure(name="beta", value=_round(beta, "x"), unit="", symbol=f"{asset_h.symbol} vs {bench_h.symbol}",
                       period=label, as_of=c.end_date, source=src),
                Figure(name="correlation", value=_round(corr, "x"), unit="",
                       symbol=f"{asset_h.symbol} vs {bench_h.symbol}", period=label, as_of=c.end_date, source=src),
            ]
        notes = list(win.notes) + self.freshness_notes(asset_h) + self.freshness_notes(bench_h)
        if bench_change.end_date != c.end_date:
            notes.append(f"{bench_h.symbol}'s latest close in the window is {bench_change.end_date}, "
                         f"{asset_h.symbol}'s is {c.end_date}")
        return FigureResult(figs, c.end_date, src, details, notes)

    def full_set(self, symbol: str, benchmark: str | None = None) -> FigureResult:
        """Every standard period's change, 1-year risk, and whole-history drawdown and CAGR."""
        history = self.history(symbol)
        figs: list[Figure] = []
        notes: list[str] = []
        changes = returns.period_changes(self._close(history), list(STANDARD_PERIODS))
        for period, change in changes.items():
            if isinstance(change, Exception):
                notes.append(f"{period}: {change}")
                continue
            figs += [
                self._figure("change", change.points, "points", history, period, change.end_date),
                self._figure("return", change.ret * 100, "%", history, period, change.end_date),
            ]
        as_of = history.last_date
        figs.insert(0, self._figure("level", float(history.close.iloc[-1]), "points", history, "latest", as_of))
        for period in ("1y", "max"):
            try:
                part = self._risk(history, period, None, None)
            except FiguresError as exc:
                notes.append(f"{period} risk: {exc}")
                continue
            figs += [f for f in part.figures if f.name != "return"]
        if benchmark:
            figs += self.relative(symbol, benchmark, "1y").figures
        return FigureResult(figs, as_of, history.source, {}, notes + self.freshness_notes(history))
