"""Formulas a source states, read as named quantities and operators (assistant/composers/stated_formula.py);
worked out end to end in tests/assistant/chain/test_broker_terms_and_table_shares.py."""
from __future__ import annotations

from assistant.composers.stated_formula import formulas_in


def test_a_product_and_quotient_of_named_quantities_is_read():
    assert formulas_in("融資利息按日計息：融資金額 × 融資年利率 × 實際借款天數 ÷ 365，於償還時扣收。") == [
        ("融资利息按日计息", ["融资金额", "融资年利率", "实际借款天数", "365"], ["×", "×", "÷"])]
    assert formulas_in("市盈率=股价/每股收益") == [("市盈率", ["股价", "每股收益"], ["÷"])]


def test_brackets_sums_and_worked_examples_are_not_read():
    assert formulas_in("維持率 =（擔保品市值 + 擔保價款）÷ 融資金額 × 100%。") == []
    assert formulas_in("融資利息約為60,000 × 6.12% × 30 ÷ 365 ≈ 302元") == []  # figures only: an example
    assert formulas_in("收益 = 10 × 2") == []
