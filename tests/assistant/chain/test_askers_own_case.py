"""The asker's own case (a loan drawn on a day, a sum sent to a country) is the input of a computation on the rules the
sources state, not a period or a market they must name. Documents written for this test, real chain."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over


LOAN_NOTICE = """# 澄岭银行：个人住房贷款提前还款规则调整公告

自2037年1月15日起，提前还款按以下规则办理。

1. 部分提前还款最低金额为1万元，且为1,000元的整数倍。
2. 提前还款当日须结清提前还款本金自上一还款日（含）至提前还款日（不含）的利息，按日利率＝执行利率÷360计算。
3. 贷款发放未满1年的，违约金为提前还款本金的0.5%；满1年的免收违约金。
"""


@pytest.fixture(scope="module")
def ask_loan(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("loan_case"), {"loan.md": LOAN_NOTICE}).ask


def test_the_days_of_the_askers_own_case_are_no_periods_the_sources_must_state(ask_loan):
    r = ask_loan("我的澄岭房贷2035年11月20日放款，剩余本金680,000元。我打算2037年3月9日提前还160,000元，当天要付多少利息？有没有违约金？")
    assert not r.refused and "360" in r.answer
    # a day's figure asked of without a case of the asker's own is still a period the sources do not state
    assert ask_loan("澄岭银行2036年11月20日的执行利率是多少？").refused


REMITTANCE = """# Harwick Bank: outbound telegraphic transfers

From Monday 4 May 2037 an online TT to an overseas account in any currency costs HK$40 (currently HK$75).
Under OUR you also pay the overseas bank charges, a flat HK$180 per transfer.
The HKD debit is the amount sent times our TT selling rate, plus our fees.
"""


@pytest.fixture(scope="module")
def ask_remittance(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("remittance_case"), {"tt.md": REMITTANCE}).ask


def test_where_the_askers_money_goes_is_no_market_the_sources_must_name(ask_remittance):
    r = ask_remittance("I want to send EUR 12,400 online to Germany with OUR from my Harwick HKD account. What are the fees?")
    assert not r.refused and "HK$40" in r.answer
    # a trip states no sum: the place is what is asked of, and the sources never name it
    assert ask_remittance("下个月想去日本自由行，签证要怎么办？").refused
