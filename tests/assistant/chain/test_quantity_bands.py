"""A size, a length or a number of days the asker states (「部電單車250cc」, "my 10.5m boat", 「租9天」) names the row
of its band in a table (「126cc至400cc」, "8.1 to 12 metres", 「8天或以上」), though the question shares no word with
that row; so does a sum of money in a table of tiers (「认购70万元」 in 「50万元（含）至100万元」). Documents written for
this test, real chain."""
from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.quantity_bands import Quantity, asked_quantities, in_quantity_band
from tests.conftest import assistant_over

LEVY_NOTICE = """（虛構示例文件）
駿程汽車會 電單車年費調整通知

由2043年3月1日起，會員電單車年費按汽缸容量分級收取，詳情如下：

| 汽缸容量 | 現行年費 | 新年費 |
|---|---|---|
| 125cc或以下 | HK$680 | HK$720 |
| 126cc至400cc | HK$940 | HK$1,010 |
| 401cc或以上 | HK$1,360 | HK$1,480 |

年費喺每年會籍續期日收取，會員可以用信用卡或者轉數快繳付。
"""

RENTAL_NOTICE = """（虛構示例文件）
朗行租車 日租價目表（2043年4月1日起）

| 租期 | 每日租金 |
|---|---|
| 1至3天 | HK$580 |
| 4至7天 | HK$520 |
| 8天或以上 | HK$460 |

租金已包第三者保險，燃油費另計。還車時油缸要同取車時一樣滿。
"""

MOORING_PAGE = """<html><head><title>Kestrel Bay Marina | Mooring fees</title></head><body>
<nav>Home | Berths | Contact</nav>
<h1>Annual mooring fees from 1 March 2043</h1>
<p>Kestrel Bay Marina is revising its annual mooring fees. The fee depends on the boat's overall length.</p>
<table><tr><th>Boat length</th><th>Current annual fee</th><th>New annual fee</th></tr>
<tr><td>8 metres or less</td><td>HK$21,400</td><td>HK$22,900</td></tr>
<tr><td>8.1 to 12 metres</td><td>HK$33,800</td><td>HK$36,200</td></tr>
<tr><td>12.1 metres or more</td><td>HK$52,600</td><td>HK$56,300</td></tr>
</table>
<footer>Kestrel Bay Marina Limited</footer></body></html>
"""


CD_TIERS = """# 汇岭银行大额存单利率（虚构示例）

自2044年3月1日起，一年期大额存单按认购金额分档执行年利率：

| 认购金额 | 年利率 |
|---|---|
| 20万元（含）至50万元 | 1.85% |
| 50万元（含）至100万元 | 1.95% |
| 100万元（含）以上 | 2.05% |

利息按单利计算，到期一次还本付息。
"""

DEPOSIT_TIERS = """<html><body><h1>Brightwater Bank time deposit tiers</h1>
<p>From 1 March 2044 our 12-month time deposit pays by the amount placed.</p>
<table><tr><th>Amount placed</th><th>Rate a year</th></tr>
<tr><td>HK$10,000 to HK$499,999</td><td>2.10%</td></tr>
<tr><td>HK$500,000 to HK$1,999,999</td><td>2.35%</td></tr>
<tr><td>HK$2,000,000 or more</td><td>2.60%</td></tr></table></body></html>"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    docs = {"levy.txt": LEVY_NOTICE, "rental.txt": RENTAL_NOTICE, "mooring.html": MOORING_PAGE, "cd.md": CD_TIERS,
            "td.html": DEPOSIT_TIERS}
    return assistant_over(tmp_path_factory.mktemp("bands"), docs).ask


def test_the_askers_quantities_and_the_bands_that_hold_them():
    assert Quantity(Decimal(250), "cc") in asked_quantities("我部电单车250cc，年费几多？")
    assert Quantity(Decimal(16), "day") in asked_quantities("a 16-day trip")
    assert Quantity(Decimal(9), "day") in asked_quantities("我想租9天")
    assert Quantity(Decimal("10.5"), "m") in asked_quantities("my 10.5m boat")
    assert not {q for q in asked_quantities("HK$5,820.00 and 2040 to 2041") if q.unit in ("and", "to")}
    assert in_quantity_band("126cc至400cc", asked_quantities("250cc"))
    assert in_quantity_band("401cc或以上", asked_quantities("3,000cc"))
    assert not in_quantity_band("125cc或以下", asked_quantities("250cc"))
    assert in_quantity_band("8天或以上", asked_quantities("租9天")) and not in_quantity_band("4至7天", asked_quantities("租9天"))
    assert in_quantity_band("8.1 to 12 metres", asked_quantities("a 10.5m boat"))
    # a cap on something else is no band: "up to 180 days in all"
    assert not in_quantity_band("Each extra 7 days (up to 180 days in all)", asked_quantities("a 16-day trip"))
    # a band in another unit holds nothing: 250cc is no number of days
    assert not in_quantity_band("126至400天", asked_quantities("250cc"))


def test_sums_of_money_and_the_bands_that_hold_them():
    assert asked_quantities("认购70万元") == {Quantity(Decimal(700000), "money", "yuan")}
    assert asked_quantities("a deposit of HK$800,000") == {Quantity(Decimal(800000), "money", "HKD")}
    assert not asked_quantities("我有5,000股")  # shares are no money
    assert in_quantity_band("50万元（含）至100万元", asked_quantities("认购70万元"))
    assert in_quantity_band("100万元（含）以上", asked_quantities("认购150万元"))
    assert in_quantity_band("HK$500,000 to HK$1,999,999", asked_quantities("HK$800,000"))
    assert not in_quantity_band("HK$500,000 to HK$1,999,999", asked_quantities("认购70万元"))  # 元 is no HK$


def test_a_sum_reads_its_tiers_row(ask):
    r = ask("我想在汇岭银行认购一年期大额存单70万元，年利率是多少？")
    assert not r.refused and "1.95%" in r.answer and "1.85%" not in r.answer and "2.05%" not in r.answer
    r = ask("What rate does Brightwater pay on a 12-month time deposit of HK$800,000?")
    assert not r.refused and "2.35%" in r.answer and "2.60%" not in r.answer


def test_an_engine_size_reads_its_bands_row(ask):
    r = ask("我部電單車250cc，新年費係幾多？")
    assert not r.refused and "HK$1,010" in r.answer and "HK$1,480" not in r.answer


def test_a_number_of_days_reads_its_bands_row(ask):
    r = ask("我想喺朗行租車租9天，每日租金幾多？")
    assert not r.refused and "HK$460" in r.answer


def test_a_length_reads_its_bands_row(ask):
    r = ask("What is the new annual mooring fee at Kestrel Bay for my 10.5m boat?")
    assert not r.refused and "HK$36,200" in r.answer
