"""The one sum of money an asker states, whichever way it is written, and the questions that ask an amount paid."""
from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.composers.extractive_arithmetic import asked_amount, asks_money
from knowledge_base.scripts import normalize_for_index


@pytest.mark.parametrize("question, value, shown", [
    ("我想買兩萬蚊嘅ETF", 20000, "两万蚊"),
    ("买五十万元的基金", 500000, "五十万元"),
    ("存一百二十万港币", 1200000, "一百二十万港币"),
    ("买10万元的基金", 100000, "10万元"),
    ("If I invest HK$20,000", 20000, "HK$20,000"),
])
def test_the_askers_amount_in_arabic_or_chinese_numerals(question, value, shown):
    amount = asked_amount(normalize_for_index(question))
    assert amount is not None and amount.value == Decimal(value) and amount.shown.lower() == shown.lower()


@pytest.mark.parametrize("question", [
    "一万股的股息是多少",  # shares, not money
    "第一万元大奖",  # an ordinal
    "两万蚊同三万蚊边个好",  # two amounts: none is the amount
])
def test_no_single_sum_of_money(question):
    assert asked_amount(normalize_for_index(question)) is None


def test_questions_asking_an_amount_paid():
    assert asks_money("if i invest hk$20,000 in the fund, what would the annual fee be?")
    assert asks_money("每年大概要俾几多费用?")
    assert not asks_money("what would the fund's size be after the merger?")
