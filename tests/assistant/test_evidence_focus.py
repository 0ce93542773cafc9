"""The thing a question asks about (assistant/evidence.py `focus_term`): the last topic noun of the asking clause in
the asker's own words, not a canonical name an alias appends after them (SPY → 标普500)."""
from __future__ import annotations

import pytest

from assistant.evidence import content_terms, focus_term, topic_nouns
from assistant.language import normalize_query
from knowledge_base.lexical_tokens import expand_query


def focus(question: str, lang: str = "zh-Hant") -> str | None:
    norm = normalize_query(question)
    nouns = [t for t in content_terms(norm, lang) if t in topic_nouns(expand_query(norm))]
    return focus_term(norm, lang, nouns)


@pytest.mark.parametrize("question, expected", [
    ("SPY每年收幾多管理費？", "管理费"),
    ("Russell 2000的市盈率大概是多少？", "市盈率"),
    ("納指的成分股有多少家？", "成分股"),
    ("北辰指數目前的本益比是多少?", "市盈率"),  # a term's alias stays the focus, through its canonical word
])
def test_the_focus_is_the_askers_last_noun_not_an_appended_canonical_name(question, expected):
    assert focus(question) == expected


def test_a_question_about_the_index_itself_keeps_it_as_the_focus():
    assert focus("罗素2000是什么？", "zh-Hans") == "罗素2000"
