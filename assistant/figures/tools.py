"""The figures as LangChain tools for the `llm` composer: the same requests and answers as the extractive
path (`intent` -> `answering`), so both modes compute every number the same way.

Each tool returns JSON text: {"text", "figures" (dicts shaped like assistant.schemas.Figure), "as_of",
"source", "notes", "error"}. Errors come back as JSON too, so the model can tell the customer what is missing
instead of guessing a number.
"""
from __future__ import annotations

import json
from datetime import date

from langchain_core.tools import StructuredTool
from pydantic import BaseModel, Field, model_validator

from assistant.figures.answering import FigureAnswer, answer_figures
from market_data.models import FigureRequest
from market_data.options import MarketDataOptions
from market_data.providers.base import MarketDataProvider
from assistant.language import QueryLanguage

_EN = QueryLanguage("en")
_PERIOD_HELP = "1d, 5d, 1m, 3m, 6m, ytd, 1y, 3y, 5y, 10y, wtd, mtd, max (ignored when start is given)"
_SYMBOL_HELP = "Index or ETF: ^RUT / Russell 2000 / 羅素2000, ^GSPC / S&P 500, ^DJI, ^IXIC, ^NDX, IWM, VTWO, SPY"


class _Window(BaseModel):
    period: str | None = Field("ytd", description=_PERIOD_HELP)
    start: date | None = Field(None, description="Custom window start (YYYY-MM-DD); measured from the close on "
                                                 "or before it")
    end: date | None = Field(None, description="Custom window end (YYYY-MM-DD); default: latest close")

    def window(self) -> dict:
        if self.start or self.end:
            return {"period": None, "start": self.start, "end": self.end}
        return {"period": self.period or "ytd", "start": None, "end": None}


class PerformanceArgs(_Window):
    symbol: str = Field(description=_SYMBOL_HELP)


class RiskArgs(_Window):
    symbol: str = Field(description=_SYMBOL_HELP)
    period: str | None = Field("1y", description=_PERIOD_HELP)
    measure: str = Field("volatility", description="volatility | drawdown | cagr (annualized return)",
                         pattern="^(volatility|drawdown|cagr)$")


class RelativeArgs(_Window):
    symbol: str = Field(description=_SYMBOL_HELP)
    benchmark: str = Field("^GSPC", description="Benchmark index or ETF, default S&P 500")
    annualized: bool = Field(False, description="Also compare annualized returns (windows of a year or more)")


class PremiumArgs(BaseModel):
    pe: float = Field(gt=0, description="The dearer P/E (e.g. 31 for the S&P 500)")
    base_pe: float = Field(gt=0, description="The P/E it is compared with (e.g. 18 for the Russell 2000)")
    discount: bool = Field(False, description="Report the cheaper one's discount instead of the premium")


class ReturnMathArgs(BaseModel):
    years: float = Field(gt=0, description="Length of the period in years")
    cumulative_pct: float | None = Field(None, description="Total return over the period, per cent (62 = +62 %), "
                                                           "to annualize")
    amount: float | None = Field(None, gt=0, description="An amount to grow at rate_pct a year")
    rate_pct: float | None = Field(None, description="Annual rate in per cent, with amount")

    @model_validator(mode="after")
    def _one_question(self):
        if (self.cumulative_pct is None) == (self.amount is None or self.rate_pct is None):
            raise ValueError("give either cumulative_pct, or amount and rate_pct")
        return self


class ClaimArgs(BaseModel):
    start: float | None = Field(None, gt=0, description="Stated starting level")
    end: float | None = Field(None, gt=0, description="Stated ending level (close)")
    points: float | None = Field(None, description="Stated change in points, signed")
    pct: float | None = Field(None, description="Stated change in per cent, signed (7.88 = +7.88 %)")


def _json(answer: FigureAnswer) -> str:
    return json.dumps(
        {
            "text": answer.text,
            "figures": [f.model_dump(mode="json") for f in answer.figures],
            "as_of": answer.as_of.isoformat() if answer.as_of else None,
            "source": answer.source,
            "notes": answer.notes,
            "error": answer.error,
        },
        ensure_ascii=False,
    )


def figure_tools(market: MarketDataOptions, provider: MarketDataProvider | None = None) -> list[StructuredTool]:
    """The tools, bound to `market` (provider chosen by market.market_data unless `provider` is given)."""

    def run(request: FigureRequest) -> str:
        return _json(answer_figures(request, _EN, market, provider=provider))

    def index_performance(symbol: str, period: str | None = "ytd", start: date | None = None,
                          end: date | None = None) -> str:
        w = PerformanceArgs(symbol=symbol, period=period, start=start, end=end).window()
        return run(FigureRequest(kind="performance", symbol=symbol, **w))

    def index_risk(symbol: str, period: str | None = "1y", measure: str = "volatility", start: date | None = None,
                   end: date | None = None) -> str:
        w = RiskArgs(symbol=symbol, period=period or "1y", measure=measure, start=start, end=end).window()
        return run(FigureRequest(kind=measure, symbol=symbol, **w))

    def relative_performance(symbol: str, benchmark: str = "^GSPC", period: str | None = "ytd",
                             start: date | None = None, end: date | None = None, annualized: bool = False) -> str:
        w = RelativeArgs(symbol=symbol, benchmark=benchmark, period=period, start=start, end=end).window()
        return run(FigureRequest(kind="relative", symbol=symbol, benchmark=benchmark, annualized=annualized,
                                 extras=("beta",), **w))

    def valuation_premium(pe: float, base_pe: float, discount: bool = False) -> str:
        hi, lo = max(pe, base_pe), min(pe, base_pe)
        return run(FigureRequest(kind="premium", operands={"value": hi, "base": lo}, discount=discount))

    def return_arithmetic(years: float, cumulative_pct: float | None = None, amount: float | None = None,
                          rate_pct: float | None = None) -> str:
        if cumulative_pct is not None:
            return run(FigureRequest(kind="annualize", operands={"cumulative_pct": cumulative_pct, "years": years}))
        return run(FigureRequest(kind="growth", operands={"amount": amount, "rate_pct": rate_pct, "years": years}))

    def check_claim(start: float | None = None, end: float | None = None, points: float | None = None,
                    pct: float | None = None) -> str:
        operands = {k: v for k, v in {"start": start, "end": end, "points": points, "pct": pct}.items() if v is not None}
        return run(FigureRequest(kind="claim", operands=operands))

    def invalid(exc: Exception) -> str:
        return json.dumps({"text": "", "figures": [], "as_of": None, "source": None, "notes": [],
                           "error": f"invalid arguments: {exc}"}, ensure_ascii=False)

    specs = [  # (function, its arguments' schema, what the model is told it does)
        (index_performance, PerformanceArgs,
         "Latest level, point change and % change of an index or ETF over a period or between "
         "dates, from market data, with its as-of date and source. Use for 'how much is it up this "
         "year', 'where did it close', 'how did it do since March'."),
        (index_risk, RiskArgs,
         "Annualized volatility (daily log returns), maximum drawdown with peak and trough dates, "
         "or annualized return (CAGR) of an index over a period, from market data."),
        (relative_performance, RelativeArgs,
         "Compare an index with a benchmark over a period: both returns, the excess return in "
         "percentage points, current and longest runs of daily outperformance, beta and correlation."),
        (valuation_premium, PremiumArgs,
         "Premium (or discount) of one P/E over another, and both earnings yields. Example: P/E 31 "
         "vs 18 -> a 72.2 % premium."),
        (return_arithmetic, ReturnMathArgs,
         "Annualize a stated cumulative return over N years, or grow an amount at an annual rate."),
        (check_claim, ClaimArgs,
         "Check a stated index move for consistency: given any three of start level, end level, "
         "point change and % change, report the implied fourth and whether they agree."),
    ]
    tools = [StructuredTool.from_function(fn, name=fn.__name__, args_schema=schema, description=description)
             for fn, schema, description in specs]
    for tool in tools:
        tool.handle_validation_error = invalid
    return tools
