"""A money market fund's report describes its A类 and B类 and gives its income per 10,000 units per class; a
factsheet names its custodian in Hong Kong. Documents written for this test, real chain:

- a class the documents never write (E类) is refused, the classes they write are answered;
- a question whose only words the sources hold name a place (香港 of 「香港明天会下雨吗」) is refused;
- units held × 「每万份收益」 is the held units over 10,000 times the amount, of the class the asker holds."""
from __future__ import annotations

import pytest

from assistant.share_classes import asked_classes, names_class, unoffered_classes
from tests.conftest import assistant_over

REPORT = """# 岚澈货币市场基金2026年第三季度报告

## 基金产品概况

基金管理人为岚澈基金管理（香港）有限公司。本基金下设岚澈货币A与岚澈货币B两类份额。A类份额首次申购最低金额为1元，B类份额首次申购最低金额为500万元。

## 报告期末最后三日每万份基金已实现收益

| 日期 | 岚澈货币A 每万份收益（元） | 岚澈货币B 每万份收益（元） |
|---|---|---|
| 2026年9月28日 | 0.4120 | 0.4780 |
| 2026年9月29日 | 0.4215 | 0.4871 |
| 2026年9月30日 | 0.5380 | 0.6042 |

季末最后一日收益较高，主要因季末资金面偏紧。
"""

FACTSHEET = """# Tidewell Pan-Asia Dividend Fund — Factsheet

Tidewell Pan-Asia Dividend Fund invests in dividend-paying companies listed in Asia ex Japan.

| Item | Detail |
| --- | --- |
| Base currency | USD |
| Custodian | Tidewell Trust (Hong Kong) Limited |
| Management fee | 1.25% per annum |
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("classes_places"),
                          {"report.md": REPORT, "factsheet.md": FACTSHEET}).ask


def test_a_class_the_documents_never_write_is_refused(ask):
    assert ask("岚澈货币E类的每万份收益是多少？").refused
    r = ask("岚澈货币B类首次申购最低金额是多少？")
    assert not r.refused and "500万元" in r.answer


def test_units_held_times_income_per_ten_thousand_units_of_the_class_held(ask):
    r = ask("我持有岚澈货币A类30万份，9月30日那天的收益大概是多少钱？")
    assert [(f.name, round(f.value, 2)) for f in r.figures] == [("holding", 16.14)]  # 300,000 / 10,000 × 0.5380
    assert "30万" in r.answer and "0.5380" in r.answer


@pytest.mark.parametrize("question", ["香港明天会下雨吗？", "What's the weather in Hong Kong tomorrow?"])
def test_a_place_the_sources_name_is_not_what_is_asked(ask, question):
    assert ask(question).refused


def test_a_place_with_a_topic_the_sources_hold_is_answered(ask):
    r = ask("岚澈货币的基金管理人是哪家香港公司？")
    assert not r.refused and "岚澈基金管理" in r.answer


@pytest.mark.parametrize("question, classes", [
    ("澄汇货币C类的七日年化是多少", ["C"]),
    ("Class A units of the fund", ["A"]),
    ("the I-class and the A類", ["I", "A"]),
    ("A股和H股有什么不同", []),  # markets, not classes
])
def test_asked_classes(question, classes):
    assert asked_classes(question) == classes


def test_unoffered_needs_another_class_written():
    assert unoffered_classes("C类的收益", ["A类与B类的收益率不同"]) == ["C"]
    assert unoffered_classes("C类的收益", ["本基金的收益率"]) == []  # no classes written: no judgement
    assert unoffered_classes("A类的收益", ["岚澈货币A 每万份收益", "B类份额"]) == []
    assert names_class("岚澈货币a 每万份收益(元)", "A") and not names_class("岚澈货币b 每万份收益(元)", "A")
