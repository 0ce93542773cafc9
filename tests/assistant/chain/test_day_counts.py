"""A worked example counts its interest days from its own two dates (「2038年3月3日動用…3月18日全數還清，計息日數15日」);
the asker states two days of their own: the example is worked again with the days between them, counted as the
example counts (its last day left out, or both days in). Documents written for this test, real chain."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from assistant.composers.day_counts import askers_day_count, stated_days
from tests.conftest import assistant_over

OVERDRAFT = """# 晴川銀行私人透支戶口利息計算

## 一、點樣計息

透支利息按日計算：透支金額 × 年利率 ÷ 365 × 計息日數。計息日數由動用日起計，至還款日前一日止。

## 二、計算例子

例子：陳小姐2038年3月3日動用透支HK$20,000，2038年3月18日全數還清，計息日數15日。
- 利息：20,000 × 18% ÷ 365 × 15 ＝ HK$147.95

## 三、還款方法

你可以經網上銀行或分行還款。
"""

DEPOSIT = """# Harrowgate Bank fixed deposit interest

## How interest is worked out

Interest is simple interest on the deposit for each day it is held, the day it is placed and the day it matures
both counted, on a 365-day year.

## Example

Example: Mr Lee places S$50,000 from 1 July 2038 to 30 September 2038, both days counted (92 days), at 2.4% a year.
- Interest: 50,000 × 2.4% × 92 ÷ 365 = S$302.47

## Early withdrawal

A deposit withdrawn before it matures earns no interest.
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("day_counts"), {"overdraft.md": OVERDRAFT}).ask


@pytest.fixture(scope="module")
def ask_deposit(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("day_counts_deposit"), {"deposit.md": DEPOSIT}).ask


def _values(r) -> set[float]:
    return {round(f.value, 2) for f in r.figures}


def test_the_askers_days_are_counted_as_the_example_counts_its_own(ask):
    r = ask("我喺2038年5月20日動用咗HK$36,000透支，打算6月12日還晒，利息要幾多？")
    assert not r.refused
    assert 23 in _values(r)  # 20 May to 12 June, the repayment day left out as in the example's 3 to 18 March
    assert 408.33 in _values(r)  # 36,000 × 18% ÷ 365 × 23
    assert "408.33" in r.answer


def test_both_days_counted_where_the_example_counts_both(ask_deposit):
    r = ask_deposit("If I place S$80,000 from 3 March 2039 to 14 April 2039 on the same terms, how much interest will I get?")
    assert 43 in _values(r)  # 3 March to 14 April is 42 days; the example counts both ends, as 92 for 1 July-30 Sept
    assert 226.19 in _values(r)  # 80,000 × 2.4% × 43 ÷ 365


def test_one_day_of_the_askers_leaves_the_examples_count_unworked(ask):
    r = ask("我6月12日還晒HK$36,000透支，利息要幾多？")
    assert 266.3 not in _values(r)  # 36,000 × 18% ÷ 365 × 15: the example's days are not the asker's


def test_days_without_a_year_take_the_year_before_them_and_run_into_the_next():
    assert stated_days("2037年12月20日動用，1月5日還清") == [date(2037, 12, 20), date(2038, 1, 5)]
    assert stated_days("from 3 March to 14 April 2039") == [date(2039, 3, 3), date(2039, 4, 14)]


def test_a_count_no_way_of_counting_gives_is_not_carried_over():
    example = [date(2038, 3, 3), date(2038, 3, 18)]
    askers = [date(2038, 5, 20), date(2038, 6, 12)]
    assert askers_day_count(example, Decimal(15), askers) == 23
    assert askers_day_count(example, Decimal(16), askers) == 24
    assert askers_day_count(example, Decimal(30), askers) is None  # 30 is not counted from 3 to 18 March
    assert askers_day_count(example, Decimal(15), askers[:1]) is None
