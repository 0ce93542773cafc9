"""A Taiwan ETF's FAQ states its lot size in a key-facts row far from its payout table, and the asker states a
holding in lots and asks what several payouts came to: the lots become units through the key-facts row (retrieved
for it), and the payouts added up are multiplied by them. Document written for this test, real chain."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

FAQ = """# 沐恆台灣永續高息ETF（00988）常見問題

## Q1：00988的基本資料？

| 項目 | 內容 |
|---|---|
| 證券代號 | 00988 |
| 成立日期 | 2024年3月12日 |
| 交易單位 | 1張＝1,000個受益權單位 |
| 經理費 | 每年0.30% |

## Q2：成分股怎麼選？

從上市公司中挑選ESG評等前段、殖利率較高的30檔股票，每年5月及11月審核。

## Q3：00988最近幾次配息多少？

| 除息日 | 每單位配息（元） |
|---|---|
| 2025年11月18日 | 0.36 |
| 2026年2月17日 | 0.38 |
| 2026年5月18日 | 0.40 |
| 2026年8月18日 | 0.42 |

配息金額以每季評價日的可分配收益計算，實際金額以公告為準。
"""


FACTSHEET = """# Ardmore Pacific REIT Income ETF — Factsheet

The Ardmore Pacific REIT Income ETF invests in real estate investment trusts listed in Asia Pacific markets.

## Distributions

| Ex-date | Payment date | Distribution per unit (SGD) |
| --- | --- | --- |
| 12 February 2026 | 27 February 2026 | 0.0310 |
| 14 May 2026 | 29 May 2026 | 0.0325 |
| 13 August 2026 | 28 August 2026 | 0.0340 |

Distributions are not guaranteed.
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("holding_payouts"), {"faq.md": FAQ, "ardmore.md": FACTSHEET}).ask


def test_lots_held_times_the_latest_payouts_added_up(ask):
    r = ask("我手上有6張00988，最近三次配息加起來總共可以領多少錢？")
    assert [(f.name, round(f.value, 2)) for f in r.figures] == [("formula", 7200.0)]  # 6 × 1,000 × (0.38+0.40+0.42)
    assert "1,000" in r.answer and "0.42" in r.answer


def test_payouts_added_up_without_a_holding_stay_per_unit(ask):
    r = ask("00988最近三次配息加起來每單位共多少元？")
    assert [(f.name, round(f.value, 2)) for f in r.figures] == [("sum", 1.2)]


def test_units_held_times_the_latest_english_dated_payouts(ask):
    # 「9 July 2025」 dates a row as 2025/07/09 does: the latest two rows are the last two distributions
    r = ask("I own 4,000 units of the Ardmore Pacific REIT Income ETF. How much did I get from the last two distributions combined?")
    assert [(f.name, round(f.value, 2)) for f in r.figures] == [("formula", 266.0)]  # 4,000 × (0.0340 + 0.0325)
