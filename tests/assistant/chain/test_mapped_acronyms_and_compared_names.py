"""An English question's acronym that the term list maps to Chinese words (IPO: 首次公开发行, 上市) counts through
those words, not as a ticker the Chinese sources must write; and a name right after 比 (「比澄岳货币…高多少」) is
the name, not an unknown 「比澄岳」. Documents written for this test, real chain."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

GUIDE = """# 朗峰證券抽新股及孖展認購指南

## 孖展認購新股

客戶可以用孖展認購新股（上市前招股），本公司提供最高九成融資。

| 融資額 | 年利率 |
|---|---|
| HK$1,000,000或以下 | 3.68% |
| HK$1,000,001以上 | 3.28% |

每宗孖展認購最低利息收費為HK$50，另收手續費HK$100。
"""

FUND = """# 澄岳货币市场基金季度报告

澄岳货币A类份额报告期末七日年化收益率为1.45%，每万份基金已实现收益为0.3950元。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("acronyms_names"), {"guide.md": GUIDE, "fund.md": FUND}).ask


def test_an_acronym_the_sources_write_in_chinese_is_not_a_missing_ticker(ask):
    r = ask("What interest rate does Langfeng charge on IPO margin financing of HK$500,000?")
    assert not r.refused  # it was refused: "IPO" counted as a ticker no retrieved passage writes
    assert {c.title for c in r.citations} == {"朗峰證券抽新股及孖展認購指南"}


def test_a_name_after_a_comparison_word_is_known(ask):
    r = ask("朗峰证券新股孖展最低一档利率是多少？比澄岳货币A类的七日年化高多少？")
    assert not r.refused and "3.28%" in r.answer
