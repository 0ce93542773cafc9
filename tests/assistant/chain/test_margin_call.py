"""A broker's margin FAQ states each stock's margin ratio (按倉比率) in one section and when a margin call comes
in another; the asker states their loan and their holding's value: what a call asks them to deposit (loan − value ×
ratio), and how far the value may fall before one (1 − loan ÷ (value × ratio)), with the ratio of the stock they
name, read from the ratio table even when retrieval reached only the margin-call section. Document written for
this test, real chain."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over, computed_figures

FAQ = """# 朗澄證券孖展融資常見問題

## Q1：咩係按倉比率？

按倉比率係我哋為每隻證券定嘅最高借貸成數。可借金額（按倉值）＝ 股票市值 × 按倉比率。

| 證券 | 股份代號 | 按倉比率 |
|---|---|---|
| 澄海電力 | 0921 | 75% |
| 嶺南置業 | 1548 | 55% |
| 恒生指數成份股（其他） | — | 65% |
| 創業板股票 | — | 0% |

## Q2：孖展利率點計？

孖展年利率為最優惠利率加2.5%，利息按日計算。

## Q3：幾時會收到追孖展通知（margin call）？

當借款金額超過按倉值，我哋會發出追收孖展通知，客戶須於2個交易日內存入現金或合資格證券，令借款金額回落至按倉值或以下。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("margin_call"), {"faq.md": FAQ}).ask


def test_the_deposit_a_call_asks_after_a_fall(ask):
    r = ask("我孖展戶口有0921市值80萬，借咗50萬，如果股價跌到市值得返60萬，要補幾多錢先唔會被追孖展？")
    assert computed_figures(r) == [("formula", 50000.0)]  # 50萬 − 60萬 × 75%
    assert "75%" in r.answer


def test_how_far_the_value_may_fall_before_a_call(ask):
    r = ask("I hold HK$400,000 worth of stock 1548 and owe Langcheng HK$176,000 on margin. "
            "How far can the share price fall before I get a margin call?")
    assert not r.refused and "buy, sell or hold" not in r.answer
    assert computed_figures(r) == [("formula", 20.0)]  # 1 − 176,000 ÷ (400,000 × 55%)


def test_a_loan_within_the_limit_needs_no_deposit(ask):
    r = ask("我孖展戶口有0921市值80萬，借咗40萬，如果股價跌到市值得返60萬，要補幾多錢？")
    assert computed_figures(r) == [("formula", 0.0)]  # 60萬 × 75% = 45萬 ≥ 40萬
