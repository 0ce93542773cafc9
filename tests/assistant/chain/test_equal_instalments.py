"""A loan's equal monthly payment for the asker's principal and periods, worked out only where the sources' own
example pays by the annuity formula, at the rate the asker states or the example's. Documents written for this
test, real chain."""
from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.composers.equal_instalments import payment
from tests.conftest import assistant_over

MORTGAGE_NOTICE = """# 岑溪银行个人住房贷款利率调整公告（虚构示例）

自2044年1月1日起，存量个人住房贷款执行利率由3.45%调整为3.10%。

等额本息还款的，月供按调整日的剩余本金、剩余期数和新执行利率重新计算；等额本金还款的，每月应还本金不变。

**示例：** 王先生贷款剩余本金800,000元、剩余120期，调整前月供7,892.15元，2044年1月起按3.10%重新计算，月供7,761.84元。
"""

LOAN_PAGE = """<html><head><title>Harbourvale Bank | Personal instalment loan</title></head><body>
<h1>Personal instalment loan: repayment</h1>
<p>Loans are repaid in equal monthly instalments of principal and interest. Instalments are rounded to the dollar.</p>
<p>Example: a loan of HK$120,000 over 36 months at 4.2% a year is repaid in 36 monthly instalments of HK$3,554.</p>
<p>Early settlement is charged 1% of the outstanding principal.</p>
</body></html>
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("instalments"),
                          {"mortgage.md": MORTGAGE_NOTICE, "loan.html": LOAN_PAGE}).ask


def test_the_annuity_payment():
    assert abs(payment(Decimal(800000), Decimal("3.10"), 120) - Decimal("7761.84")) < Decimal("0.01")
    assert payment(Decimal(1200), Decimal(0), 12) == 100  # no interest: the principal in equal parts


def test_the_askers_principal_and_periods_at_the_examples_rate(ask):
    # 650,000 at 3.10% over 96 periods: 7,653.78 (at the old 3.45%: 7,757.80)
    r = ask("我在岑溪银行的房贷剩余本金650,000元、剩余96期，等额本息，2044年1月起月供是多少？")
    assert not r.refused and "7653.78" in r.answer and "7757.8" not in r.answer


def test_the_rate_the_asker_states_and_the_examples_rounding(ask):
    # 90,000 over 24 months at 3.9%: 3,904.24, rounded to the dollar as the example is
    r = ask("Harbourvale personal loan: if I borrow HK$90,000 over 24 months at 3.9%, what is the monthly instalment?")
    assert not r.refused and "≈ 3904 " in r.answer and "3904.24" not in r.answer


def test_no_payment_without_an_example_that_pays_by_the_formula(tmp_path):
    bare = MORTGAGE_NOTICE[:MORTGAGE_NOTICE.index("**示例")]
    r = assistant_over(tmp_path, {"mortgage.md": bare}).ask("我在岑溪银行的房贷剩余本金650,000元、剩余96期，月供是多少？")
    assert "7653" not in r.answer
