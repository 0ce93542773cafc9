"""Amounts written as people say them (assistant/spoken_amounts.py)."""
from __future__ import annotations

import pytest

from assistant.spoken_amounts import written_as_figures


@pytest.mark.parametrize("spoken, written", [
    ("大概折合新台币12万8千元", "大概折合新台币12.8万元"),
    ("本金3万5", "本金3.5万"),
    ("1万2千5百元", "1.25万元"),
    ("5万3百元", "5.03万元"),
    ("持有10万5千股", "持有10.5万股"),
    ("放空一万股、成交价12.5元", "放空1万股、成交价12.5元"),  # a count in Chinese numerals before 万 and a unit
    ("借了五十万港元", "借了50万港元"),
])
def test_a_spoken_amount_is_one_figure_with_its_scale(spoken, written):
    assert written_as_figures(spoken) == written


@pytest.mark.parametrize("text", ["12万元", "2026年买了2万份", "12.5万", "3亿5千万元", "第3万名"])
def test_figures_already_written_are_left_alone(text):
    assert written_as_figures(text) == text


def test_chinese_numerals_not_before_a_unit_are_words():
    assert written_as_figures("给你一万个理由") == "给你一万个理由"

