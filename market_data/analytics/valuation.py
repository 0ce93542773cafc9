"""Valuation arithmetic: P/E premiums and discounts, earnings yield, ratios."""
from __future__ import annotations

from market_data.errors import InvalidRequestError


def _positive(**values: float) -> None:
    for name, value in values.items():
        if value is None or not value > 0:
            raise InvalidRequestError(f"{name} must be a number above zero (got {value!r})")


def premium(value: float, base: float) -> float:
    """How much dearer `value` is than `base`: value / base - 1 (P/E 31 vs 18 -> 0.7222)."""
    _positive(value=value, base=base)
    return value / base - 1.0


def discount(value: float, base: float) -> float:
    """How much cheaper `value` is than `base`: 1 - value / base (P/E 18 vs 31 -> 0.4194)."""
    _positive(value=value, base=base)
    return 1.0 - value / base


def earnings_yield(pe: float) -> float:
    """The inverse of a P/E (P/E 18 -> 0.0556)."""
    _positive(pe=pe)
    return 1.0 / pe


def ratio(value: float, base: float) -> float:
    """How many times `base` `value` is (28 % vs 18 % volatility -> 1.56)."""
    _positive(value=value, base=base)
    return value / base
