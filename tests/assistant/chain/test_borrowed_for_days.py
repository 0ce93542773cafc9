"""A margin guide states a fee formula that runs by the day and a rate table by customer tier; the asker states
the shares and price of a short sale, their tier in other words (「銀卡等級」 for the row 「銀卡客戶」) and the days they
borrow: the fee is the trade's value × the tier's rate ÷ 360 × the days, not a one-off trade fee, and not the rate a
sentence states in passing for another tier. Document written for this test, real chain."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over, computed_figures

GUIDE = """# 澄衡证券融资融券收费标准

## 一、利率与费率

| 客户等级 | 融资年利率 | 融券年费率 |
|---|---|---|
| 标准客户 | 8.00% | 10.00% |
| 银卡客户 | 7.20% | 9.00% |
| 金卡客户 | 6.50% | 8.00% |

## 二、计算方法

融券费用 = 融券卖出成交金额 × 融券年费率 ÷ 360 × 实际使用天数。2026年以前，标准客户融券年费率为11.00%。

## 三、交易佣金

融资买入、融券卖出佣金为成交金额的0.03%，最低5元。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("borrowed_for_days"), {"guide.md": GUIDE}).ask


def test_a_short_sales_fee_for_the_days_borrowed_at_the_named_tiers_rate(ask):
    r = ask("我是银卡等级，融券放空二万股、成交价8元，用30天，融券费用要付多少？")
    assert computed_figures(r) == [("formula", 1200.0)]  # 20,000 × 8 × 9.00% ÷ 360 × 30
    assert "9.00%" in r.answer.split("。")[0]
