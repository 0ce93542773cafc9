"""Formulas with sums, differences and brackets a source states (assistant/composers/stated_expressions.py)."""
from __future__ import annotations

from assistant.composers.stated_expressions import definitions_in

FEE = "申購費採用外扣法：淨申購金額＝申購金額÷（1＋申購費率），申購費用＝申購金額－淨申購金額。"


def test_each_quantity_a_sentence_defines_with_a_sum_or_brackets():
    found = {name: "".join(t for _, t in tokens) for name, tokens in definitions_in(FEE)}
    assert found == {"净申购金额": "申购金额÷(1+申购费率)", "申购费用": "申购金额-净申购金额"}


def test_products_ranges_and_powers_are_not_read_here():
    assert definitions_in("利息＝融資金額×年利率×天數÷365。") == []  # stated_formula.py's
    assert definitions_in("七日年化收益率＝〔（七日收益之和÷10000）＋1〕^（365÷7）－1") == []
    assert definitions_in("1張＝1,000股，零股為1-999股。") == []
