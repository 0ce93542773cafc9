"""GET /v1/figures/{symbol}?period=…&vs=… — index figures computed from market data at request time.

Without `vs`: level, change, return and risk figures over the period. With `vs`: performance relative
to the benchmark (excess return, outperformance streaks, beta, correlation). Every figure carries its
`as_of` date and `source`; nothing is invented when data is missing — the error says so.
"""
from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Path, Query
from starlette.concurrency import run_in_threadpool

from api.deps import AskPrincipal, ConfigDep
from api.schemas import ERROR_RESPONSES, FiguresResponse
from market_data.options import MarketDataOptions

router = APIRouter(prefix="/v1", tags=["figures"])


def _compute(market: MarketDataOptions, symbol: str, period: str | None, vs: str | None, start: date | None,
             end: date | None) -> tuple[list, list[str]]:
    from market_data.providers import provider_for
    from market_data.service import FigureService

    service = FigureService(provider_for(market))
    if vs:
        result = service.relative(symbol, vs, period, start, end)
        return result.figures, result.notes
    performance = service.performance(symbol, period, start, end)
    risk = service.risk(symbol, period, start, end)
    names = {(f.name, f.symbol) for f in performance.figures}
    extra = [f for f in risk.figures if (f.name, f.symbol) not in names]
    return performance.figures + extra, list(dict.fromkeys(performance.notes + risk.notes))


@router.get(
    "/figures/{symbol}",
    response_model=FiguresResponse,
    responses={404: {"description": "Unknown symbol or no data"}, 502: {"description": "Bad data from the feed"},
               **ERROR_RESPONSES},
)
async def figures(
    principal: AskPrincipal,
    config: ConfigDep,
    symbol: str = Path(min_length=1, max_length=40, description="^RUT, RUT, Russell 2000, 羅素2000, IWM, …",
                       examples=["^RUT"]),
    period: str | None = Query(None, max_length=16, description="1d 5d 1m 3m 6m ytd 1y 3y 5y 10y (or Nd/Nm/Ny)",
                               examples=["ytd"]),
    vs: str | None = Query(None, min_length=1, max_length=40, description="Benchmark, e.g. ^GSPC",
                           examples=["^GSPC"]),
    start: date | None = Query(None, description="Custom window start (instead of period)"),
    end: date | None = Query(None, description="Custom window end"),
) -> FiguresResponse:
    # A FiguresError reaches the one CaiwenError handler with its own code and status.
    figures, notes = await run_in_threadpool(_compute, config.market, symbol, period, vs, start, end)
    return FiguresResponse(symbol=symbol, period=period or (None if start or end else "ytd"), vs=vs,
                           figures=figures, notes=notes)
