"""The yield a price the asker states gives on the payouts per unit a source's table states: the rows of the year
asked, or the latest N, added up, a currency's hundredth (港仙) divided by 100, over the price; the table joins the
hits when retrieval did not bring it. Documents written for this test, through the real chain."""
from __future__ import annotations

from decimal import Decimal

import pytest

from tests.conftest import assistant_over

REIT = """# 嶺峰房地產投資信託基金 2026年中期業績公告

嶺峰資產管理有限公司（「管理人」）董事會宣佈嶺峰房地產投資信託基金（Lingfung Real Estate Investment Trust，「嶺峰房託」）截至2026年6月30日止六個月之未經審核中期業績。

## 財務摘要

| （百萬港元） | 截至2026年6月30日止六個月 | 截至2025年6月30日止六個月 |
|---|---|---|
| 收益 | 1,102.5 | 1,080.3 |
| 物業收入淨額 | 842.0 | 826.7 |
| 可分派收入 | 610.2 | 598.4 |

## 管理層討論及分析

本期間零售物業租金溫和增長，寫字樓出租率受新供應影響輕微下跌。整體物業組合出租率為94.6%。
管理人將繼續審慎管理資本，維持資產負債比率於30%以下。

## 中期分派

董事會宣佈派發中期分派每基金單位18.40港仙，將於2026年9月18日派付。

## 過往分派紀錄

| 分派期間 | 每基金單位分派（港仙） | 派付日期 |
|---|---|---|
| 2024年末期 | 17.60 | 2025年5月16日 |
| 2025年中期 | 17.95 | 2025年9月19日 |
| 2025年末期 | 18.25 | 2026年5月15日 |
| 2026年中期 | 18.40 | 2026年9月18日 |
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("payout_yield"), {"reit.md": REIT}).ask


def test_a_years_payouts_over_the_askers_price(ask):
    r = ask("如果我以4.80港元買入嶺峰房託，按2025年全年分派計算收益率係幾多？")
    assert not r.refused
    assert "(17.95 + 18.25) ÷ 100 ÷ 4.80" in r.answer and "7.54%" in r.answer


def test_the_latest_payouts_asked_in_english(ask):
    r = ask("If I buy Lingfung REIT units at HK$5.00, what yield do its last two distributions work out to?")
    assert "(18.25 + 18.40) ÷ 100 ÷ 5.00" in r.answer and "7.33%" in r.answer


def test_no_price_no_yield_computed(ask):
    r = ask("嶺峰房託2025年全年分派合共幾多港仙？")
    assert "÷ 100 ÷" not in r.answer


def test_a_newest_first_table_gives_its_first_rows_as_the_latest():
    from assistant.composers.extractive_candidates import Candidate
    from assistant.composers.payout_yield import payout_yield

    header = "| 分派期間 | 每基金單位分派（港仙） |"
    rows = ["| 2026年中期 | 18.40 |", "| 2025年末期 | 18.25 |", "| 2025年中期 | 17.95 |", "| 2024年末期 | 17.60 |"]
    candidates = [Candidate(n=1, start=i * 20, end=i * 20 + len(r), text=r, tokens=frozenset(), position=i,
                            kind="table_row", header=header) for i, r in enumerate(rows)]
    calc, picked = payout_yield("按5港元算，最近两次分派的收益率是多少？", candidates)
    assert sorted(o.shown for o in calc.operands if o.n) == ["18.25", "18.40"]
    assert round(calc.value, 2) == Decimal("7.33")  # (18.40 + 18.25) ÷ 100 ÷ 5
