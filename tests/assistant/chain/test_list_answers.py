"""A question about a list as a whole, asked in its introduction's words, gets every item of the list, not only
the one that scored best; a question naming one item gets that item. Documents written for this test, through the real chain."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

FUND = """# 金川亞洲增長基金(代號:7731)

金川亞洲增長基金於2021年推出,由金川投資管理有限公司管理,投資於亞洲(日本除外)的中小型上市公司。

## 基金的收費

基金經理每年檢討收費水平,並會在調整前一個月通知基金單位持有人。
基金向投資者收取的費用包括:
- 管理年費:按基金資產淨值每年1.25%計算;
- 受託人費:按基金資產淨值每年0.08%計算;
- 認購手續費:最高為認購金額的3%。

## 投資組合

基金約四成資產投資於中國內地及香港,其餘分布於印度、東南亞及韓國。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("lists"), {"fund.md": FUND}).ask


def test_a_question_about_the_list_gets_every_item(ask):
    r = ask("金川亞洲增長基金向投資者收取哪些費用?")
    assert not r.refused
    for figure in ("1.25%", "0.08%", "3%"):
        assert figure in r.answer


def test_an_english_question_about_the_list_gets_every_item(ask):
    r = ask("What fees does the 7731 fund charge investors?")
    assert not r.refused
    for figure in ("1.25%", "0.08%", "3%"):
        assert figure in r.answer


def test_a_question_naming_one_item_gets_that_item(ask):
    r = ask("金川亞洲增長基金嘅受託人費點計?")
    assert "0.08%" in r.answer
