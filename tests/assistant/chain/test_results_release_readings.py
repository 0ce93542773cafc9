"""Readings of a half-year results release in English, asked in English and Chinese: a ratio no source names but
whose two terms a table states (an EBIT margin, a payout ratio), a segment's share of the total row, a
year-on-year change between half-year columns (1H2026 | 1H2025), and a holding times a dividend stated in a
currency's cents "per ordinary share". Documents written for this test, real chain."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

RELEASE = """# Corvane Marine Group Reports 1H2026 Results

**PERTH, 6 August 2026** – Corvane Marine Group Limited (ASX: CVM) ("Corvane") today announced its results for
the six months ended 30 June 2026 ("1H2026").

## Financial Highlights

| A$ million (unless stated) | 1H2026 | 1H2025 | Change (%) |
|---|---:|---:|---:|
| Revenue | 250.0 | 220.0 | 13.6 |
| Profit after tax | 30.4 | 27.1 | 12.2 |
| Earnings per share (Australian cents) | 8.00 | 7.20 | 11.1 |
| Interim dividend per share (Australian cents) | 3.20 | 3.00 | 6.7 |

## Divisions

| Division (A$ million) | Revenue 1H2026 | Revenue 1H2025 | EBIT 1H2026 | EBIT 1H2025 |
|---|---:|---:|---:|---:|
| Ferries | 120.0 | 100.0 | 18.0 | 15.0 |
| Ship Repair | 80.0 | 75.0 | 6.0 | 8.0 |
| Port Services | 50.0 | 45.0 | 7.5 | 6.0 |
| Corvane | 250.0 | 220.0 | 31.5 | 29.0 |

Ferries carried more passengers on the Rottnest routes. Ship Repair had fewer dockings as two contracts ended.

## Interim Dividend

The Board has declared a fully franked interim dividend of 3.20 Australian cents per ordinary share
(1H2025: 3.00 Australian cents), payable on 18 September 2026.
"""

GUIDE = """# 港股收息入門

收息股是指派息穩定的上市公司股票。投資者應留意公司的盈利能否支持派息，並分散投資，避免集中於單一行業。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("results_release"), {"corvane.md": RELEASE, "guide.md": GUIDE}).ask


def _figures(r):
    return [(f.name, round(f.value, 2)) for f in r.figures]


def test_a_margin_is_the_named_rows_two_columns_of_the_period_asked(ask):
    r = ask("What was the EBIT margin of Corvane's Ship Repair division in the first half of 2026?")
    assert not r.refused
    assert _figures(r) == [("proportion", 7.5)]  # 6.0 ÷ 80.0, not 1H2025's 8.0 ÷ 75.0
    assert "6.0 ÷ 80.0" in r.answer


def test_a_margin_asked_in_chinese_without_a_year_takes_the_latest_columns(ask):
    r = ask("Corvane嘅Port Services部門EBIT利潤率係幾多？")
    assert _figures(r) == [("proportion", 15.0)]


def test_a_payout_ratio_is_the_dividend_row_over_the_earnings_row(ask):
    r = ask("What is Corvane's payout ratio?")
    assert not r.refused
    assert _figures(r) == [("proportion", 40.0)]  # 3.20 ÷ 8.00 of the latest column, the change column aside


def test_a_ratio_a_source_states_is_quoted_not_redone(tmp_path):
    stated = RELEASE.replace("payable on 18 September 2026.", "payable on 18 September 2026, a payout ratio of 38%.")
    r = assistant_over(tmp_path, {"corvane.md": stated}).ask("What is Corvane's payout ratio?")
    assert not any(f.name == "proportion" for f in r.figures)
    assert "38%" in r.answer


def test_a_share_of_the_total_row_that_adds_up_whatever_its_label(ask):
    # the last row is labelled with the company's name, not "Total": its figures are the sum of the others
    r = ask("What percentage of Corvane's 1H2026 revenue came from Ferries?")
    assert _figures(r) == [("proportion", 48.0)]
    assert "120.0 ÷ 250.0" in r.answer


def test_a_year_on_year_change_between_half_year_columns(ask):
    r = ask("Corvane的Ship Repair分部EBIT同比变化了多少？")
    assert _figures(r) == [("pct_change", 25.0)]
    assert "下降25%" in r.answer  # 8.0 → 6.0, measured from the earlier half
    r = ask("What was the year-on-year change in Corvane's Ferries revenue?")
    assert not r.refused
    assert _figures(r) == [("pct_change", 20.0)]


def test_a_holding_times_a_dividend_in_cents_per_ordinary_share(ask):
    r = ask("我有5,000股Corvane，今次中期息可以收幾多錢？")
    assert _figures(r) == [("holding", 160.0)]  # 5,000 × 3.20 cents, not 1H2025's 3.00


def test_no_ratio_where_the_table_lacks_a_term(ask):
    r = ask("What is Corvane's net debt to equity ratio?")
    assert not any(f.name == "proportion" for f in r.figures)


def test_a_chinese_dividend_word_finds_the_english_sentence_not_the_dateline(ask):
    # 中期股息 / 期中股利 are the release's "interim dividend"; the opening line names the company and nothing asked
    for question in ("Corvane的中期股息每股多少？", "請問Corvane這次期中股利每股多少？什麼時候發放？"):
        r = ask(question)
        assert not r.refused
        assert "3.20" in r.answer and "3.20" in " ".join(c.quote for c in r.citations), question
        assert "PERTH" not in r.answer, question


def test_a_dictionary_gloss_meets_the_pages_inflection(ask):
    # CC-CEDICT glosses 利润 "profits"; the release writes "Profit after tax"
    kb = ask.__self__.kb
    assert "profit" in kb.english_forms("corvane上半年的利润是多少?")
