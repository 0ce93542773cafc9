"""A stated formula's inputs, bound from the asker's words: a quantity the question names by part of its name
(「当日净值1.0350」 for T日基金份额净值), a count asked by its measure word (「能得到多少份」 asks the 份额 a formula
gives), and never a rate bound to a figure that is no rate or to a rate of something else (a worked tax example's
20% is no subscription fee rate). Document written for this test, real chain."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

GUIDE = """# 澜泰证券养老基金申购说明

## 一、申购规则

- 交易日15:00前提交的申购按当日（T日）基金份额净值确认。
- 申购费为0时：申购份额＝申购金额÷T日基金份额净值。
- 收取申购费时：净申购金额＝申购金额÷（1＋适用申购费率），申购份额＝净申购金额÷T日基金份额净值。
- 2028年3月1日起，澜泰销售的养老基金Y份额申购费全免。

## 二、节税示例

赵先生全年应纳税所得额为180,000元，适用税率20%，每年缴存12,000元可少缴个人所得税2,400元。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("formula_inputs"), {"guide.md": GUIDE}).ask


def test_units_from_the_askers_amount_and_the_nav_the_asker_names_in_part(ask):
    r = ask("我在澜泰申购了8,200元养老基金Y份额，当日净值1.0350，能得到多少份？")
    assert not r.refused
    assert "7922.71" in r.answer.replace(",", "")  # 8,200 ÷ 1.0350
    assert "20%" not in r.answer.split("。")[0]  # the tax example's rate is no subscription fee rate


def test_no_rate_is_bound_to_the_askers_amount_or_to_another_things_rate(ask):
    r = ask("我申购了9,600元，净申购金额是多少？")
    assert "1 + 9" not in r.answer and "1 + 20%" not in r.answer


def test_a_dates_day_is_no_count_of_days():
    from assistant.composers.extractive_arithmetic import charged_by_days
    from assistant.composers.stated_formula import _asker_days

    assert charged_by_days("我借30天要付多少利息") and charged_by_days("interest for 45 days")
    # 「2043年5月7日存入」 is a day of May: no interest runs for 7 days
    assert not charged_by_days("我2043年5月7日存入三个月定期，到期利息是多少")
    assert _asker_days("我2043年5月7日存入，存了45天") is not None and _asker_days("2043年5月7日存入") is None
