"""Valuation arithmetic, index construction, and the claim checker (the corpus example included)."""
from __future__ import annotations

import pandas as pd
import pytest

from market_data.analytics import construction, valuation
from market_data.analytics.claims import check_claim
from market_data.errors import BadDataError, InvalidRequestError


def test_pe_premium_discount_yield_ratio() -> None:
    assert valuation.premium(31, 18) == pytest.approx(0.72222, abs=1e-5)  # large caps at a 72.2 % premium
    assert valuation.discount(18, 31) == pytest.approx(0.41935, abs=1e-5)
    assert valuation.earnings_yield(18) == pytest.approx(0.055556, abs=1e-6)
    assert valuation.ratio(28, 18) == pytest.approx(1.5556, abs=1e-4)
    with pytest.raises(InvalidRequestError, match="above zero"):
        valuation.premium(31, 0)


TABLE = pd.DataFrame({
    "symbol": ["A", "B", "C"],
    "price": [10.0, 50.0, 20.0],
    "shares": [100.0, 10.0, 50.0],
    "float_factor": [1.0, 0.5, 0.75],
})  # float caps 1000, 250, 750 = 2000; prices sum to 80


def test_cap_and_price_weighted_levels_with_divisors() -> None:
    cap_div = construction.cap_weighted_divisor(TABLE, 1000.0)
    price_div = construction.price_weighted_divisor(TABLE, 100.0)
    assert cap_div == pytest.approx(2.0) and price_div == pytest.approx(0.8)
    assert construction.cap_weighted_level(TABLE, cap_div) == pytest.approx(1000.0)
    assert construction.price_weighted_level(TABLE, price_div) == pytest.approx(100.0)


def test_one_constituents_move_on_each_index() -> None:
    e = construction.move_effect(TABLE, "B", 0.10, cap_divisor=2.0, price_divisor=0.8)
    assert e.cap_weight == pytest.approx(250 / 2000) and e.price_weight == pytest.approx(50 / 80)
    assert e.cap_points == pytest.approx(12.5) and e.cap_return == pytest.approx(0.0125)
    assert e.price_points == pytest.approx(6.25) and e.price_return == pytest.approx(0.0625)
    with pytest.raises(InvalidRequestError, match="not in the constituents"):
        construction.move_effect(TABLE, "Z", 0.1, 2.0, 0.8)


def test_reconstitution_band_takes_ranks_1001_to_3000() -> None:
    universe = pd.DataFrame({"symbol": [f"S{i}" for i in range(3500)], "market_cap": [3500.0 - i for i in range(3500)]})
    band = construction.reconstitution_band(universe)
    assert len(band) == 2000
    assert (band["symbol"].iloc[0], band["rank"].iloc[0]) == ("S1000", 1001)
    assert (band["symbol"].iloc[-1], band["rank"].iloc[-1]) == ("S2999", 3000)


def test_reconstitution_band_ranks_by_cap_with_stable_ties() -> None:
    universe = pd.DataFrame({"symbol": list("abcde"), "market_cap": [5, 9, 7, 7, 1]})
    band = construction.reconstitution_band(universe, 2, 3)
    assert band["symbol"].tolist() == ["c", "d"] and band["rank"].tolist() == [2, 3]


def test_bad_constituent_tables() -> None:
    with pytest.raises(BadDataError, match="lacks column"):
        construction.float_caps(TABLE.drop(columns="shares"))
    with pytest.raises(BadDataError, match="missing or non-positive"):
        construction.float_caps(TABLE.assign(price=[10.0, None, 20.0]))
    with pytest.raises(BadDataError, match="repeats"):
        construction.float_caps(pd.concat([TABLE, TABLE.iloc[:1]]))
    with pytest.raises(BadDataError, match="float_factor"):
        construction.float_caps(TABLE.assign(float_factor=[1.0, 1.5, 0.5]))


def test_corpus_claim_does_not_agree() -> None:
    # "+195.51 points, +7.88 %, close 2,692.23": the points imply 7.83 %
    c = check_claim(end=2692.23, points=195.51, pct=7.88)
    assert not c.consistent
    assert round(c.pct, 2) == 7.83 and round(c.start, 2) == 2496.72
    assert any("7.83" in p for p in c.problems)
    assert round(c.implied["points_from_pct"], 2) == 196.65


def test_consistent_claims_and_missing_values() -> None:
    c = check_claim(start=2496.72, end=2692.23, points=195.51)
    assert c.consistent and round(c.pct, 2) == 7.83
    assert check_claim(start=100, end=110, pct=10).consistent
    assert check_claim(start=100, points=10, pct=10).end == pytest.approx(110)
    # whole numbers are read as rounded to the unit: 100 -> 110 may be 9.05 %..10.95 %, so 12 % disagrees
    assert check_claim(start=100, end=110, pct=11).consistent
    assert not check_claim(start=100, end=110, pct=12).consistent
    assert not check_claim(start=2496.72, end=2692.23, pct=7.88).consistent
    assert not check_claim(start=100, end=110, points=12).consistent
    assert not check_claim(start=100.25, end=110.25, points=10.5).consistent
    with pytest.raises(InvalidRequestError, match="three of"):
        check_claim(end=2692.23, pct=7.88)
