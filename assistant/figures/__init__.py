"""The computation tool: index figures computed at question time from market data, never invented.

- `providers/`: where prices come from (files | http | yahoo), chosen by `settings.market_data`.
- `importing`: `caiwen prices import` (validated, atomic).
- `analytics/`: pure arithmetic (returns, risk, relative, valuation, construction, claims).
- `service`: figure sets stamped with symbol, period, as-of date and source.
- `intent`: which questions ask for a figure; `answering`: the answer the chain shows; `tools`: the same as
  LangChain tools for the llm composer.
"""
