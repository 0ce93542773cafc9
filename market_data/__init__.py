"""Market data and the analytics computed from it: index figures at question time, never invented.

- `providers/`: where prices come from (files | http | yahoo | memory), chosen through one registry.
- `importing`: `caiwen prices import` (validated, atomic).
- `analytics/`: pure arithmetic (returns, risk, relative, valuation, construction, claims).
- `service`: figure sets stamped with symbol, period, as-of date and source.
- `symbols`, `calendar`, `bars`: index names and tickers, trading days, bar validation.

Used by the assistant (assistant/figures turns questions into requests and results into answers), the API's
figures route and the CLI; it knows nothing about questions or answers.
"""
