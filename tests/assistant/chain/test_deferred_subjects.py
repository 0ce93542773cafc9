"""A thing the sources name only to say its details come elsewhere (「…（017436）的相关费率另行公告」) is not
answered from the fees they state for other funds. Documents written for this test, real chain."""
from __future__ import annotations

import pytest

from assistant.deferred_subjects import deferred_codes
from tests.conftest import assistant_over

NOTICE = """# 景和基金销售：稳益债券基金费率公告

## 一、适用基金

稳益债券基金A类（代码：018201）在本平台申购费率为0.10%，赎回费率持有不满7天为1.50%。

## 二、常见问题

**问：基金转换怎么收费？**
答：转换费用＝转出基金赎回费用＋申购费补差。景和成长股票基金（018219）的相关费率另行公告。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("deferred"), {"notice.md": NOTICE}).ask


def test_a_code_whose_only_sentence_defers_its_details_is_deferred():
    texts = [NOTICE]
    mentioning = lambda token, limit: [t for t in texts if token in t][:limit]  # noqa: E731
    assert deferred_codes("018219的申购费是多少？", mentioning) == ["018219"]
    assert deferred_codes("018201的申购费是多少？", mentioning) == []  # its rate is stated
    assert deferred_codes("2027年的申购费？", mentioning) == []  # a year is no code


def test_the_fee_of_a_fund_whose_fees_are_announced_separately_is_not_answered(ask):
    r = ask("What's the subscription fee for the Jinghe growth fund 018219?")
    assert r.refused
    assert "0.10%" not in r.answer  # the other fund's rate


def test_the_fund_the_sources_describe_is_still_answered(ask):
    r = ask("018201的申购费率是多少？")
    assert not r.refused and "0.10%" in r.answer
