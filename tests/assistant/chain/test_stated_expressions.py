"""A fee worked out by the formula the fund states (外扣法: the fee is taken out of the sum, not added on), through
the formula that defines its net amount, at the rate of the asker's tier. Documents written for this test, real
chain."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

FUND = """# 澄岳稳健债券基金 费率说明

## 申购费

A类份额收取申购费，C类份额不收取申购费。A类申购费率如下：

- 申购金额M＜100万元：0.80%
- 100万元≤M＜500万元：0.50%
- M≥500万元：每笔1,000元

申购费采用外扣法计算：净申购金额＝申购金额÷（1＋申购费率），申购费用＝申购金额－净申购金额。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("stated_expressions"), {"fund.md": FUND}).ask


def test_the_stated_formula_gives_the_fee_not_the_rate_times_the_sum(ask):
    r = ask("我申购澄岳稳健债券A类20万元，申购费是多少钱？")
    assert [(f.name, round(f.value, 2)) for f in r.figures] == [("formula", 1587.3)]  # 200000 − 200000 ÷ 1.008
    assert "0.80%" in r.answer


def test_the_rate_is_the_askers_tier(ask):
    r = ask("申购澄岳稳健债券A类200万元，申购费要多少？")
    assert [(f.name, round(f.value, 2)) for f in r.figures] == [("formula", 9950.25)]  # 2000000 − 2000000 ÷ 1.005


IPO_GUIDE = """# 嶺峰證券 新股認購指南

## 入場費點計？

新股「入場費」即認購一手所需嘅總金額，除咗股份價錢外，仲要預繳經紀佣金1%、證監會交易徵費0.0027%、聯交所交易費0.00565%及會財局交易徵費0.00015%。

入場費 ＝ 每手股數 × 最高招股價 ×（1 ＋ 1% ＋ 0.0027% ＋ 0.00565% ＋ 0.00015%）

例子：某新股每手500股，最高招股價HK$12.80，入場費為HK$6,464.54。
"""


@pytest.fixture(scope="module")
def ask_ipo(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("stated_expressions_ipo"), {"ipo.md": IPO_GUIDE}).ask


def test_the_askers_lot_and_price_fill_the_formula_named_in_other_words(ask_ipo):
    # 「一手200股」 is the 每手股數, 「招股價上限HK$38.5」 the 最高招股價; the page's example is not the asker's
    r = ask_ipo("想抽隻新股，一手200股，招股價上限HK$38.5，入場費要俾幾多錢？")
    assert [(f.name, round(f.value, 2)) for f in r.figures] == [("formula", 7777.65)]
