"""English questions over an English source (written for this test), offline: the asker's own words count in
English sentences, and an acronym the asker writes meets the words the source spells out."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

RELEASE = """Northgate Funds Announces Fee Cut on Its Balanced ETF

TAIPEI, March 3, 2026 — Northgate Funds said today it will lower the management fee of the Northgate Balanced
ETF (ticker: NGB) from 0.40% to 0.28%, effective April 1, 2026.

"Every basis point matters over a decade," said Dana Wu, Chief Investment Officer of Northgate Funds.

The fund holds about 60% equities and 40% bonds and is rebalanced every quarter.
Northgate Funds manages NT$310 billion for clients in Taiwan and Singapore.
"""

BONDS = """債券基金的風險

債券價格與利率反向變動，利率上升時債券基金的淨值通常下跌。
存續期間越長的債券基金，對利率變動越敏感。
"""


# The question's verb is written in other inflections here ("manages": "managed", "management").
TREASURY = """Larkfield Treasury Cash Fund (LKTXX)

Fund facts: the Larkfield Treasury Cash Fund seeks current income and a stable share price of $1.00.
Larkfield Capital Management charges a fee of 0.18% a year.
The fund is managed by Ana Costa and Wei Lin, who joined Larkfield Capital in 2014.
Shares can be redeemed on any business day.
Weighted average maturity (WAM): 41 days.
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("english"),
                          {"release.txt": RELEASE, "bonds.txt": BONDS, "treasury.txt": TREASURY}).ask


def test_an_acronym_meets_the_words_the_source_spells_out(ask):
    r = ask("who is the CIO of Northgate?")
    assert not r.refused
    assert "Dana Wu" in r.answer


def test_lower_case_english_words_select_the_english_sentence(ask):
    r = ask("how often is the balanced fund rebalanced?")
    assert not r.refused
    assert "every quarter" in r.answer
    assert "basis point" not in r.answer


def test_two_rates_in_one_english_sentence_give_the_difference_not_the_date(ask):
    r = ask("how much lower is the new NGB management fee?")
    assert [(f.name, round(f.value, 6)) for f in r.figures] == [("difference", 0.12)]  # 0.40% − 0.28%, not April 1
    assert "0.40%" in r.answer and "0.28%" in r.answer


def test_a_question_word_meets_its_other_inflections_in_the_source(ask):
    r = ask("Who manages the Larkfield Treasury Cash Fund?")
    assert not r.refused
    assert "Ana Costa" in r.answer


def test_a_chinese_word_the_english_sources_never_write_does_not_refuse_their_figure(ask):
    # 期限 is written nowhere: the sources that answer are English ("maturity"), so its absence says nothing
    r = ask("LKTXX的加權平均期限是多少天?")
    assert not r.refused and "41 days" in r.answer
    assert "未提及" not in r.answer
