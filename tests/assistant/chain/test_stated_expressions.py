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
