"""A holding under a ratio the sources state (a consolidation, a bonus issue), worked with the asker's holding.
Documents written for this test, real chain."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

CONSOLIDATION = """# Larkfield Daily Inverse Product (7702): unit consolidation

- 14 August 2027: last day of trading in existing units before the consolidation.
- 17 August 2027: the consolidation takes effect. Every 4 existing units will be consolidated into 1 new unit.
Fractions of a new unit are aggregated and sold for the benefit of the product; no payment is made for them.
The board lot stays 100 units.
"""

BONUS = """# 嶺南電力2026年度利潤分配方案公告

本公司2026年度利潤分配方案為：每10股送3股並派發現金紅利1.20元（含稅）。
股權登記日為2027年6月18日，除權除息日為2027年6月19日。
"""

BOTH = """# 两项公司行动

甲基金每2个单位合并为1个单位。乙基金每3个单位合并为1个单位。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("stated_ratio"), {
        "larkfield.md": CONSOLIDATION, "lingnan.md": BONUS}).ask


def _figures(answer) -> set[float]:
    return {round(f.value, 2) for f in answer.figures if f.name == "stated_ratio"}


def test_a_holding_at_a_consolidation_ratio_and_the_equivalent_price(ask):
    r = ask("I hold 1,030 units of 7702. How many units will I have after the consolidation, and if the old units "
            "closed at HK$2.15, what is the equivalent price of a new unit?")
    assert {257.0, 8.6} <= _figures(r)  # 1,030 ÷ 4 = 257.5: 257 whole units; 2.15 × 4 = 8.60
    assert "257" in r.answer and "HK$8.60" in r.answer


def test_bonus_shares_at_the_stated_ratio(ask):
    r = ask("我持有嶺南電力1,250股，送股後可以多獲多少股？")
    assert 375.0 in _figures(r)  # 1,250 × 3 ÷ 10


def test_two_ratios_the_question_does_not_choose_between_work_nothing(tmp_path):
    ask = assistant_over(tmp_path, {"both.md": BOTH}).ask
    assert not _figures(ask("我持有1,000个单位，合并后有多少个？"))


def test_a_holding_asked_about_something_else_is_not_worked_at_the_ratio(ask):
    assert not _figures(ask("I hold 1,030 units of 7702. What is the board lot?"))


def test_money_asked_of_a_holding_is_not_a_count_at_the_ratio(ask):
    # the proceeds of selling 1,250 shares ask no number of bonus shares
    assert not _figures(ask("我持有嶺南電力1,250股，送股前全部賣出，實收多少錢？"))
