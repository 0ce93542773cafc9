"""A broker's margin FAQ states its formulas in words and its rates in tables: the amount one may borrow is the
market value times the stock's margin ratio (a column of the row the asker names), the interest is a day's formula
times the asker's days, at the rate of the tier the whole loan falls in. Document written for this test, real chain."""
from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.composers.amount_tiers import holds, tier_bounds
from tests.conftest import assistant_over

FAQ = """# 德豐證券 孖展服務常見問題

更新日期：2026年10月2日

## 可以借幾多？
可借金額（按倉值）＝ 股票市值 × 按倉比率。各證券嘅按倉比率如下：

| 證券 | 股份代號 | 按倉比率 |
|---|---|---|
| 東灣電力 | 0631 | 75% |
| 嶺南置業 | 2218 | 55% |
| 匯峰科技 | 3390 | 40% |

## 孖展利率點計？
利率按整筆借款金額所屬級別計算：

| 借款金額 | 年利率 |
|---|---:|
| HK$300,000或以下 | 7.20% |
| HK$300,001至HK$1,500,000 | 6.60% |
| HK$1,500,000以上 | 6.10% |

利息按日計：每日利息 ＝ 借款金額 × 年利率 ÷ 365，每月底從戶口扣除。

## 例子
陳小姐有市值HK$200,000嘅東灣電力，按倉值係HK$200,000 × 75% ＝ HK$150,000。她借咗HK$100,000十日，利息 ＝ HK$100,000 × 7.20% × 10 ÷ 365 ≈ HK$197.26。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("margin_faq"), {"faq.md": FAQ}).ask


def test_the_amount_one_may_borrow_uses_the_ratio_of_the_stock_named(ask):
    r = ask("我有市值40萬嘅嶺南置業，想借孖展，最多可以借幾多？")
    assert [(f.name, round(f.value, 2)) for f in r.figures] == [("formula", 220000.0)]  # 40萬 × 55%, not 75% or 40%
    assert "55%" in r.answer


def test_interest_for_the_askers_days_at_the_rate_of_the_loans_tier(ask):
    r = ask("借孖展120萬港元，借15日要俾幾多利息？")
    # 1,200,000 × 6.60% ÷ 365 × 15: the HK$300,001 to HK$1,500,000 tier, not the example's 7.20%
    assert [(f.name, round(f.value, 2)) for f in r.figures] == [("formula", 3254.79)]
    assert "6.60%" in r.answer


@pytest.mark.parametrize("label, low, high", [
    ("HK$300,000或以下", None, 300000),
    ("HK$300,001至HK$1,500,000", 300001, 1500000),
    ("HK$1,500,000以上", 1500000, None),
    ("申购金额M＜100万元", None, 1000000),
    ("100万元≤M＜300万元", 1000000, 3000000),
    ("over $2 million", 2000000, None),
])
def test_tiers_of_money(label, low, high):
    assert tier_bounds(label) == (None if low is None else Decimal(low), None if high is None else Decimal(high))


@pytest.mark.parametrize("label", ["持有期限＜7天", "近1年", "2026年", "A類", "0.60%"])
def test_labels_that_are_no_tier_of_money(label):
    assert tier_bounds(label) is None and holds(label, Decimal(500000)) is None
