"""A change asked of a measure goes to the row the question names most exactly (营业收入, not the row of 研发投入占
营业收入的比例 that names it too), and a payout the sources state once is counted as often a year as the asker
says (「一年四次」). Documents written for this test, through the real chain."""
from __future__ import annotations

from decimal import Decimal

import pytest

from tests.conftest import assistant_over

RESULTS = """# 启岳科技股份有限公司 主要财务数据

## 发行人主要财务数据（合并口径，单位：万元）

| 项目 | 2025年度 | 2024年度 | 2023年度 |
| --- | --- | --- | --- |
| 研发投入占营业收入的比例 | 14.20% | 15.90% | 17.30% |
| 营业收入 | 62,480.00 | 50,000.00 | 41,200.00 |
| 归属于母公司所有者的净利润 | 9,120.50 | 7,300.00 | 5,410.20 |

报告期内，公司营业收入保持增长，主要来自新产品线放量。
"""

RELEASE = """Tallowin Instruments Reports Second Quarter Results

SAN JOSE -- Tallowin Instruments (NASDAQ: TLWN) today reported results for its second quarter.
The Board of Directors declared a quarterly cash dividend of $0.30 per share, payable on 14 August to
stockholders of record on 31 July. The prior quarterly dividend was $0.25 per share.
Revenue for the quarter was $412.6 million, up 9% from a year earlier.
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    docs = {"results.md": RESULTS, "release.txt": RELEASE}
    return assistant_over(tmp_path_factory.mktemp("rows_payouts"), docs).ask


def test_a_change_is_read_from_the_row_named_most_exactly(ask):
    r = ask("启岳科技2025年营业收入比2024年增长了百分之几？")
    assert not r.refused
    assert "24.96%" in r.answer  # (62,480 − 50,000) ÷ 50,000, not the ratio row's 14.20% against 15.90%


def test_a_stated_payout_counted_as_often_a_year_as_the_asker_says(ask):
    r = ask("Tallowin每季派0.30美元，我有200股，一年四次一共能拿多少钱？")
    assert not r.refused
    assert "200 × 0.30 × 4" in r.answer and "240" in r.answer


def test_payouts_a_year_reads_the_count():
    from assistant.composers.holding_amounts import payouts_a_year

    assert payouts_a_year("按这个标准一年四次能拿多少") == 4
    assert payouts_a_year("每年派2次息") == 2 and payouts_a_year("it pays four times a year") == 4
    assert payouts_a_year("最近四次配息加起来领多少") is None  # four stated payouts, not a yearly count
    assert Decimal(payouts_a_year("一年12次")) == 12
