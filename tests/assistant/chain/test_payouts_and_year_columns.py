"""A holding the asker states is no advice request, and 「最近一次派息」 reads the latest-dated row of a payout table
(not any of the others); 「3年（年率化）」 is an annualised return; 「業務收入按年升咗幾多%」 is the change between the
two year columns of the row it names (「营业收入（万元）」 named by its head word 收入), not a figure of another
row. Documents written for this test, real chain."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over, computed_figures

KFS = """# 恒曦亞洲高收益債券基金 產品資料概要

恒曦資產管理有限公司管理恒曦亞洲高收益債券基金，基金投資於亞洲高收益美元債券。

## 業績表現

A類（港元）累積，以港元按資產淨值對資產淨值計算，截至2026年9月30日：

| | 1年 | 3年（年率化） | 5年（年率化） |
|---|---|---|---|
| 基金 | 7.42% | 4.10% | 2.05% |
| 基準 | 7.90% | 4.55% | 2.31% |

## 派息紀錄：A類（港元）每月派息

| 除息日 | 每單位派息（港元） | 除息日資產淨值（港元） |
|---|---|---|
| 2026年6月26日 | 0.0520 | 7.91 |
| 2026年7月29日 | 0.0520 | 7.95 |
| 2026年8月27日 | 0.0495 | 7.88 |
| 2026年9月28日 | 0.0480 | 7.84 |

派息可能從資本中支付。
"""

RESULTS = """# 沧澜智造2025年年度报告摘要

沧澜智造股份有限公司2025年实现营业收入86.4亿元，同比增长12.8%。

## 分业务经营情况

| 业务板块 | 2025年营业收入（万元） | 2024年营业收入（万元） | 毛利率 |
|---|---:|---:|---:|
| 工业机器人 | 412,560.00 | 343,800.00 | 24.10% |
| 数控系统 | 198,300.00 | 176,050.00 | 31.25% |
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("payouts_years"), {"kfs.md": KFS, "results.md": RESULTS}).ask


def test_a_stated_holding_gets_the_latest_dated_payout(ask):
    r = ask("我揸住2,000個單位恒曦亞洲高收益債券基金，最近一次派息可以收幾多錢？")
    assert computed_figures(r) == [("holding", 96.0)]  # 2,000 × 0.0480, the 28 September row
    assert r.review == []  # a holding stated with a figure asked is no advice request


def test_annualised_written_as_nianlvhua_compounds(ask):
    r = ask("如果3年前買咗10萬港元恒曦亞洲高收益債券基金，按3年年率化回報計，而家值幾多？")
    assert computed_figures(r) == [("growth", 112811.19)]  # 100,000 × 1.041³


def test_a_rows_change_is_read_between_its_two_year_columns(ask):
    r = ask("沧澜智造嘅工业机器人业务收入按年升咗几多%？")
    assert computed_figures(r) == [("pct_change", 20.0)]  # 412,560 ÷ 343,800 − 1, not a figure of the 数控系统 row


def test_a_fund_against_its_benchmark_over_the_span_asked(ask):
    r = ask("恒曦亞洲高收益債券基金過去5年有冇跑贏基準？差幾多？")
    assert computed_figures(r) == [("difference", 0.26)]  # 5年（年率化）: 基準 2.31% − 基金 2.05%, not the 1年 or 3年 column
