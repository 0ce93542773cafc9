"""A month the asker dates by this year (「今年9月」) is that month of the current year: a fund's report whose
distributions end in August does not state September's, though another retrieved document (a REIT's notice paying
in 2026年9月) writes that month. Documents written for this test, real chain, a fixed today."""
from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import assistant_over

FUND_REPORT = """# Harrowgate Ultra-Short Bond ETF (HUSB) - Semi-annual report

Fund facts as of August 31, 2026. Ticker: HUSB. Net assets: $812.4 million.

## Distributions per share

| Month | Distribution per share |
|---|---|
| June 2026 | $0.152 |
| July 2026 | $0.149 |
| August 2026 | $0.155 |

Distributions are paid monthly from net investment income and may vary.
"""

REIT_NOTICE = """# 柏澄房地產投資信託基金 分派公告

柏澄房託宣佈中期分派每基金單位18.40港仙，將於2026年9月15日派付予於2026年8月28日名列基金單位持有人名冊之持有人。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    assistant = assistant_over(tmp_path_factory.mktemp("months_of_this_year"),
                               {"husb.md": FUND_REPORT, "bocheng.md": REIT_NOTICE})
    assistant.today = lambda: date(2026, 12, 5)
    return assistant.ask


def test_a_month_this_year_past_the_reports_data_is_refused(ask):
    r = ask("HUSB今年9月每股分了多少？")
    assert r.refused


def test_a_month_this_year_the_report_lists_is_answered(ask):
    r = ask("HUSB今年8月每股分了多少？")
    assert not r.refused and "0.155" in r.answer


def test_the_other_documents_month_is_still_its_own(ask):
    r = ask("柏澄房託今年9月派付的分派每單位多少？")
    assert not r.refused and "18.40" in r.answer
