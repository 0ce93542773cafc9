"""How rare the offline composer takes a question's word to be: a Chinese word with English forms (新台币: TWD) is
counted in the Chinese sentences holding it as well as in the English ones writing its English forms. Real chain over
two development documents (evals/probe11: a Taiwan index page and a mainland news article on its ETF)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import assistant_over

CORPUS = Path(__file__).resolve().parents[3] / "evals" / "probe11" / "corpus"
DOCUMENTS = ("v01_hanyue-taiwan-high-dividend-tech-index-wiki_zh-hant-tw.md", "v02_hubin-news-hytdt-index-etf-2026-10_zh-hans.md")


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    documents = {name: (CORPUS / name).read_text(encoding="utf-8") for name in DOCUMENTS}
    return assistant_over(tmp_path_factory.mktemp("rarity"), documents).ask


def test_the_askers_currency_does_not_outrank_the_fees_asked_about(ask):
    # 新台币 is in most of the article's rows; counted only in English sources (none here) it looked rarer than
    # the fee words, and the price and dividend rows took the quote
    r = ask("我打算买10万新台币的00961，一年的经理费加保管费大概多少钱？")
    assert not r.refused
    assert "0.35%" in r.answer and "0.03%" in r.answer
