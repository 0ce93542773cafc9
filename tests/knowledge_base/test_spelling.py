"""An English asker's misspelt finance word read as the word it misspells (knowledge_base/spelling.py), against the
real query-term list and bilingual dictionary; words, names and slang stay as written."""
from __future__ import annotations

import pytest

from knowledge_base.spelling import corrected


@pytest.mark.parametrize("question, expected", [
    ("whats the divdend yield of the trust", "whats the dividend yield of the trust"),
    ("how high is the fund's volatilty", "how high is the fund's volatility"),
    ("who is the custodain", "who is the custodian"),
])
def test_a_misspelt_finance_word_is_read_as_that_word(question, expected):
    assert corrected(question) == expected


@pytest.mark.parametrize("question", [
    "how did Brightmere do in 2025",  # a name, capitalised
    "what does rebalancing mean",  # an English word the list lacks
    "which treasury fund has the shortest duration",  # an inflected word ("shortest" is no "shorts")
    "the biggest holdings",
    "lol whats the p/e rn",  # slang and short words
    "收益率 and yield are one thing",
])
def test_words_names_and_slang_stay(question):
    assert corrected(question) == question


def test_a_name_the_knowledge_base_mentions_is_not_a_typo():
    assert corrected("is ishares cheaper", mentioned=lambda w: w == "ishares") == "is ishares cheaper"
