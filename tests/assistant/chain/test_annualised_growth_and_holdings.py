"""An amount held N years at the N-year annualised return a table states (a fund row under period columns, not the
benchmark's row, and of the fund's rows the first: NAV before market price), compounded; the fund's trailing-year
return against the benchmark row the question names; and a holding times the per-unit payout one source states, in another region's word
(配息 asked, 分红 written) or under year columns with no year asked (the latest). Documents written for this test,
real chain."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over, computed_figures

FACTSHEET = """# Tidewell Asia Infrastructure ETF (stock code 3466)

Tidewell Asset Management (Hong Kong) Limited manages the Tidewell Asia Infrastructure ETF, which tracks the
Tidewell Asia Infrastructure Index and is listed on the Stock Exchange of Hong Kong.

## Performance (as at 31 October 2026)

Returns in HKD, NAV to NAV. Returns over one year are annualised.

| | 1 year | 3 years (annualised) | 5 years (annualised) |
|---|---|---|---|
| Fund | 11.30% | 6.20% | 4.85% |
| Fund (market price) | 11.10% | 6.05% | 4.80% |
| Benchmark | 11.95% | 6.71% | 5.32% |

## Dealing

The board lot is 200 units. Distributions are paid twice a year, in June and December.
"""

RESULTS = """# Harrowgate Ports Holdings: 2026 annual results

Harrowgate Ports Holdings Limited (stock code 2871) reported its results for the year ended 31 December 2026.

| (HK$ million, unless stated) | 2026 | 2025 | Change |
|---|---|---|---|
| Revenue | 8,412.6 | 7,950.3 | +5.8% |
| Profit attributable to shareholders | 1,204.5 | 1,120.8 | +7.5% |
| Final dividend per share (HK cents) | 24.0 | 21.0 | +14.3% |

The board recommends the final dividend, subject to approval at the annual general meeting.
"""

NEWS = """# 沛嵐中華紅利ETF最新動態

沛嵐中華紅利ETF（00977）今年以來表現穩定，基金經理表示會維持半年派息的安排。

| 项目 | 数据 |
|---|---|
| 基金规模 | 人民币42.6亿元 |
| 最近一次分红 | 每单位人民币0.18元（2026年7月除息） |
| 管理费 | 每年0.50% |
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("growth_holdings"),
                          {"tidewell.md": FACTSHEET, "harrowgate.md": RESULTS, "peilan.md": NEWS}).ask


def test_an_amount_compounds_at_the_funds_annualised_return_for_the_span(ask):
    r = ask("如果3年前買咗5萬港元Tidewell亞洲基建ETF，按3年年化回報計，而家大約值幾多？")
    assert computed_figures(r) == [("growth", 59888.52)]  # 50,000 × 1.062³, the fund's row, not the benchmark's 6.71%
    assert "6.20%" in r.answer


def test_an_amount_asked_what_it_becomes(ask):
    r = ask("Tidewell亞洲基建ETF如果我3年前投入5萬港元，照3年年化回報算現在大概變多少？")
    assert computed_figures(r) == [("growth", 59888.52)]


def test_an_english_asker_gets_the_same_reading(ask):
    r = ask("If I had invested HK$20,000 in the Tidewell Asia Infrastructure ETF five years ago, what would it be "
            "worth now at its 5-year annualised return?")
    assert computed_figures(r) == [("growth", 25343.83)]  # 20,000 × 1.0485⁵


def test_a_span_the_table_does_not_state_computes_nothing(ask):
    r = ask("如果10年前買咗5萬港元Tidewell亞洲基建ETF，按10年年化回報計，而家大約值幾多？")
    assert all(name != "growth" for name, _ in computed_figures(r))


def test_a_holding_of_shares_gets_the_latest_years_dividend_per_share(ask):
    r = ask("我持有10,000股2871，如果末期息獲批，可以收到幾多錢？")
    assert computed_figures(r) == [("holding", 2400.0)]  # 10,000 × HK$0.24, the 2026 column


def test_a_payout_written_in_another_regions_word_is_read(ask):
    r = ask("我手上有3,000單位的00977，最近一次配息可以領多少錢？")
    assert computed_figures(r) == [("holding", 540.0)]  # 3,000 × 0.18


@pytest.mark.parametrize("question", [
    "Did the Tidewell Asia Infrastructure ETF beat its benchmark over the past year? By how much?",
    "Tidewell亞洲基建ETF過去一年有冇跑贏基準？差幾多？",
])
def test_the_fund_against_the_row_the_question_names_over_a_trailing_year(ask, question):
    # three rows state a 1-year return: the fund's own (the first, not its market-price row) and the benchmark's
    r = ask(question)
    assert computed_figures(r) == [("difference", 0.65)]  # 11.95% − 11.30%
