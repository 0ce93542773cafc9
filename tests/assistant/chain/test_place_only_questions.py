"""An English question that names only a place the sources name (a district a property sits in), and asks about
something they never cover there, is refused, even in advice-like wording ("any good"); the same place asked with a
measure the sources state is answered. Documents written for this test, through the real chain."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

REIT = """# 嶺峰房地產投資信託基金 2026年中期業績摘要

## 按物業劃分之表現

| 物業 | 英文名稱 | 地區 | 出租率（2026年6月30日） | 收益（百萬港元） |
| --- | --- | --- | --- | --- |
| 嶺峰沙田廣場 | Lingfung Sha Tin Plaza | 沙田 | 96.2% | 188.4 |
| 嶺峰觀塘中心 | Lingfung Kwun Tong Centre | 觀塘 | 88.5% | 97.1 |

零售物業受惠於訪港旅客回升，租金溫和增長；寫字樓面對新供應壓力。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("places"), {"reit.md": REIT}).ask


@pytest.mark.parametrize("question", [
    "Any good dim sum places in Sha Tin?",
    "Where can I find good noodles in Kwun Tong?",
])
def test_a_place_alone_with_an_unrelated_request_is_refused(ask, question):
    r = ask(question)
    assert r.refused, r.answer


def test_the_place_with_a_stated_measure_is_answered(ask):
    r = ask("What was the occupancy at Lingfung Sha Tin Plaza?")
    assert not r.refused and "96.2%" in r.answer
