"""A monthly charge over a year: 「每月定期定額8,000元，一年手續費一共多少」 is the larger of the rate on the debit and
the stated minimum per debit, twelve times, never the page's own figures added (3,000元起 + 1,000元為單位). Document
written for this test, real chain."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over, computed_figures

FAQ = """# 岑峰證券 定期定額常見問題

## Q1：定期定額怎麼扣款？

- 標的：本公司公告之台股ETF定期定額標的清單。
- 每次扣款金額：新臺幣3,000元起，以新臺幣1,000元為單位增加。
- 扣款日：每月8日、18日、28日，可複選。
- 手續費：每次扣款金額的0.15%，每次最低新臺幣15元。

## Q2：可以隨時停扣嗎？

可以，於扣款日前兩個營業日在App「定期定額」頁面申請停扣即可。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("monthly_charges"), {"faq.md": FAQ}).ask


def test_the_minimum_per_debit_twelve_times(ask):
    r = ask("我在岑峰證券每月定期定額8,000元，一年手續費一共多少？")
    assert computed_figures(r) == [("formula", 180.0)]  # max(8,000 × 0.15%, 15) × 12


def test_the_rate_when_it_exceeds_the_minimum(ask):
    r = ask("我在岑峰證券每月定期定額20,000元，一年手續費一共多少？")
    assert computed_figures(r) == [("formula", 360.0)]  # 20,000 × 0.15% = 30 per debit, × 12
