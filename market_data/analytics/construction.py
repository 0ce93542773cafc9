"""Index construction: cap-weighted and price-weighted levels from a constituents table, the effect of one
constituent's move on each, and the Russell-style reconstitution band.

A constituents table has columns `symbol`, `price`, `shares` and optionally `float_factor` (the investable
share of the shares outstanding, default 1). A universe table has `symbol` and `market_cap` (total).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from market_data.errors import BadDataError, InvalidRequestError


def _table(table: pd.DataFrame, needed: tuple[str, ...]) -> pd.DataFrame:
    missing = [c for c in needed if c not in table.columns]
    if missing:
        raise BadDataError(f"constituents table lacks column(s) {', '.join(missing)} "
                           f"(has: {', '.join(map(str, table.columns))})")
    if len(table) == 0:
        raise BadDataError("constituents table is empty")
    numeric = [c for c in needed if c != "symbol"]
    values = table[numeric].apply(pd.to_numeric, errors="coerce")
    bad = values.isna().any(axis=1) | (values <= 0).any(axis=1)
    if bad.any():
        rows = ", ".join(str(s) for s in table.loc[bad, "symbol"].head(5))
        raise BadDataError(f"{int(bad.sum())} constituent(s) with missing or non-positive {', '.join(numeric)}: {rows}")
    if table["symbol"].duplicated().any():
        raise BadDataError("constituents table repeats symbol(s): "
                           + ", ".join(map(str, table.loc[table['symbol'].duplicated(), 'symbol'].head(5))))
    out = table.copy()
    out[numeric] = values
    return out


def float_caps(table: pd.DataFrame) -> pd.Series:
    """Float-adjusted market cap of each constituent: price x shares x float_factor."""
    t = _table(table, ("symbol", "price", "shares"))
    factor = pd.to_numeric(t["float_factor"], errors="coerce") if "float_factor" in t else 1.0
    if isinstance(factor, pd.Series) and ((factor.isna()) | (factor <= 0) | (factor > 1)).any():
        raise BadDataError("float_factor must lie in (0, 1]")
    return pd.Series((t["price"] * t["shares"] * factor).to_numpy(), index=t["symbol"].to_numpy())


def cap_weighted_divisor(table: pd.DataFrame, base_level: float) -> float:
    """The divisor that makes today's float-adjusted cap equal `base_level`."""
    if not base_level > 0:
        raise InvalidRequestError("base level must be above zero")
    return float(float_caps(table).sum() / base_level)


def cap_weighted_level(table: pd.DataFrame, divisor: float) -> float:
    return float(float_caps(table).sum() / divisor)


def price_weighted_divisor(table: pd.DataFrame, base_level: float) -> float:
    if not base_level > 0:
        raise InvalidRequestError("base level must be above zero")
    return float(_table(table, ("symbol", "price"))["price"].sum() / base_level)


def price_weighted_level(table: pd.DataFrame, divisor: float) -> float:
    return float(_table(table, ("symbol", "price"))["price"].sum() / divisor)


@dataclass(frozen=True)
class MoveEffect:
    symbol: str
    move: float  # the constituent's own return, fraction
    cap_weight: float
    price_weight: float
    cap_points: float
    cap_return: float
    price_points: float
    price_return: float


def move_effect(table: pd.DataFrame, symbol: str, move: float, cap_divisor: float, price_divisor: float) -> MoveEffect:
    """What a `move` (0.10 = +10 %) in one constituent does to the cap-weighted and price-weighted levels."""
    caps = float_caps(table)
    prices = pd.Series(_table(table, ("symbol", "price"))["price"].to_numpy(), index=caps.index)
    if symbol not in caps.index:
        raise InvalidRequestError(f"{symbol} is not in the constituents table")
    cap_w = float(caps[symbol] / caps.sum())
    price_w = float(prices[symbol] / prices.sum())
    return MoveEffect(
        symbol, move, cap_w, price_w,
        cap_points=float(caps[symbol] * move / cap_divisor), cap_return=cap_w * move,
        price_points=float(prices[symbol] * move / price_divisor), price_return=price_w * move,
    )


def reconstitution_band(universe: pd.DataFrame, first_rank: int = 1001, last_rank: int = 3000) -> pd.DataFrame:
    """Companies ranked `first_rank`..`last_rank` by total market cap (largest = 1), as a Russell 2000 is drawn
    from the largest 3,000. Ties keep the table's order. Returns symbol, market_cap, rank sorted by rank."""
    if not 1 <= first_rank <= last_rank:
        raise InvalidRequestError(f"rank band {first_rank}..{last_rank} is empty")
    t = _table(universe, ("symbol", "market_cap"))
    order = np.argsort(-t["market_cap"].to_numpy(), kind="stable")
    ranked = t.iloc[order][["symbol", "market_cap"]].reset_index(drop=True)
    ranked["rank"] = np.arange(1, len(ranked) + 1)
    return ranked.iloc[first_rank - 1:last_rank].reset_index(drop=True)
