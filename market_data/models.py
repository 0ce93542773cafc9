"""Boundary types of the figures package: price histories in, requests and results out."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field


if TYPE_CHECKING:  # pandas stays out of the import path of the intent parser
    import pandas as pd

# Named look-back windows; "Ny" / "Nm" / "Nd" with any N are accepted too (see analytics.returns).
STANDARD_PERIODS = ("1d", "5d", "1m", "3m", "6m", "ytd", "1y", "3y", "5y", "10y")

MarketKind = Literal["performance", "volatility", "drawdown", "cagr", "relative"]
ArithmeticKind = Literal["premium", "ratio", "annualize", "growth", "percent_of", "claim", "expression"]
MARKET_KINDS: tuple[str, ...] = ("performance", "volatility", "drawdown", "cagr", "relative")


class Figure(BaseModel):
    name: str = Field(description="e.g. return, level, change, volatility, max_drawdown, pe_premium")
    value: float
    unit: str = Field(description="% | points | x | usd | ''")
    symbol: str
    period: str = Field(description="e.g. ytd, 1y, 2025-01-02..2025-12-31")
    as_of: date | None = None
    source: str = Field(description="Where the data came from, e.g. files:^RUT.csv or http://feed/...")


@dataclass(frozen=True)
class Bar:
    date: date
    close: float


@dataclass
class PriceHistory:
    """Daily bars of one symbol: `bars` is indexed by a sorted, unique, tz-naive DatetimeIndex named
    `date` and has a float `close` column (and `adj_close`, `open`, `high`, `low`, `volume` when known)."""

    symbol: str
    bars: pd.DataFrame
    source: str

    @property
    def close(self) -> pd.Series:
        return self.bars["close"]

    @property
    def first_date(self) -> date:
        return self.bars.index[0].date()

    @property
    def last_date(self) -> date:
        return self.bars.index[-1].date()

    def __len__(self) -> int:
        return len(self.bars)


class FigureRequest(BaseModel):
    """What a question asks to compute. Market kinds need prices for `symbol` (and `benchmark`); arithmetic
    kinds work on the numbers the asker stated (`operands`)."""

    model_config = ConfigDict(frozen=True)

    kind: MarketKind | ArithmeticKind
    symbol: str = Field("", description="Canonical symbol (^RUT), or the raw text when `resolved` is False.")
    resolved: bool = True
    symbol_defaulted: bool = Field(False, description="True when no index was named and ^RUT was assumed.")
    benchmark: str | None = None
    period: str | None = Field(None, description="1d, 5d, 1m, 3m, 6m, ytd, 1y, Ny, max; None with start/end.")
    start: date | None = None
    end: date | None = None
    operands: dict[str, float] = Field(default_factory=dict, description="Stated numbers, by role.")
    discount: bool = Field(False, description="premium kind: the asker wants the discount of the cheaper one.")
    annualized: bool = Field(False, description="relative kind: compare annualized returns too.")
    extras: tuple[str, ...] = Field((), description="Further measures asked for: volatility, drawdown, beta.")

    @property
    def needs_market_data(self) -> bool:
        return self.kind in MARKET_KINDS


@dataclass
class FigureResult:
    """Figures computed for one request, with the facts the answer text is written from."""

    figures: list[Figure]
    as_of: date | None
    source: str
    details: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def figure(self, name: str, symbol: str | None = None) -> Figure:
        for fig in self.figures:
            if fig.name == name and (symbol is None or fig.symbol == symbol):
                return fig
        raise KeyError(name)
