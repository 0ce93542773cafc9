"""A notice's rules answer a question about a day the asker plans to act on, and a question of several parts whose
last asks of something the notice defers is answered but for that part. Documents written for this test, real
chain."""
from __future__ import annotations

import pytest

from assistant.deferred_subjects import asked_beside
from assistant.evidence import askers_own_periods
from knowledge_base.scripts import normalize_for_index
from tests.conftest import assistant_over

BOX_NOTICE = """澤嵐銀行（香港）有限公司
保管箱年租及收費修訂通知
日期：2041年2月14日

一、生效日期
- 2041年4月1日或之後簽訂嘅新租約，用新年租同新收費。
- 現有租戶由2041年7月1日或之後第一個續租日起用新年租；已繳年租唔會補收亦唔會退還。
- 「箱內物品保障計劃」嘅收費另行通知。

二、年租表
| 箱型 | 現行年租 | 新年租 |
| --- | --- | --- |
| 細型 | HK$1,150 | HK$1,420 |
| 中型 | HK$1,760 | HK$2,240 |

三、鎖匙按金
每個保管箱鎖匙按金由HK$1,000調整為HK$1,400。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("box"), {"box.txt": BOX_NOTICE}).ask


def test_a_day_the_asker_plans_to_act_on_is_theirs_not_a_period_the_notice_must_state():
    q = normalize_for_index("我打算2041年5月9號簽新約租一個中型保管箱，簽約嗰陣連按金要俾幾多？")
    assert "2041年5月9号" in askers_own_periods(q)
    # a past day pointed back at is the figure's own period: the sources must state it
    past = normalize_for_index("我2041年5月9號收到股息，當時每股派幾多？")
    assert "2041年5月9号" not in askers_own_periods(past)


def test_the_planned_day_is_answered_from_the_notices_dates_of_change(ask):
    r = ask("我打算2041年5月9號簽新約租一個中型保管箱，簽約嗰陣連按金要俾幾多？")
    assert not r.refused
    assert "HK$2,240" in r.answer or "2,240" in r.answer


def test_a_last_part_on_a_deferred_thing_leaves_the_others_answered():
    q = normalize_for_index("保管箱新年租幾時生效？已繳年租會唔會補收？箱內物品保險會唔會一齊調整？").lower()
    assert asked_beside(q, ["箱内", "物品"], ["保管箱", "年租", "箱内", "物品"])
    # the first part asks of the deferred thing: the later ones ask on about it
    first = normalize_for_index("箱內物品保險保費幾多？幾時生效？").lower()
    assert not asked_beside(first, ["箱内", "物品"], ["保管箱", "箱内", "物品"])
    # a deferred word the question writes in other words cannot tell which part it defers
    assert not asked_beside(q, ["银行"], ["保管箱", "年租"])


def test_the_notice_answers_its_own_parts_beside_a_deferred_one(ask):
    r = ask("澤嵐保管箱新收費幾時生效？現有租戶幾時開始用新年租？箱內物品保障計劃嘅收費會唔會一齊調整？")
    assert not r.refused
    assert "2041年7月1日" in r.answer
    assert ask("箱內物品保障計劃嘅收費係幾多？").refused  # asked alone it is still deferred
