"""The query-side vocabularies are data files a deployment extends; each loads, maps and reports bad lines."""
from __future__ import annotations

import pytest

from knowledge_base.lexical_tokens import (
    EN_QUERY_TERMS, ENTITY_ALIASES, cantonese_to_mandarin, expand_query, with_canonical_terms,
)
from knowledge_base.vocabulary_files import parse_vocabulary


def test_entity_aliases_meet_across_languages():
    assert ENTITY_ALIASES["russell 2000"] == "罗素2000"
    assert "罗素2000" in with_canonical_terms("iShares Russell 2000 ETF")


def test_the_dow_alone_is_the_dow_jones_but_not_inside_another_word():
    assert "道琼斯" in expand_query("when did the dow start")
    assert "道琼斯" not in expand_query("markets went down today")


def test_english_query_terms_add_chinese_index_words():
    assert EN_QUERY_TERMS["reconstitution"] == "重组"
    assert "重组" in expand_query("how does reconstitution work")


def test_cantonese_is_rewritten_before_segmentation():
    assert cantonese_to_mandarin("点样计") == "怎样计"
    assert cantonese_to_mandarin("几多钱呀") == "多少钱"  # <drop> removes the particle


def test_a_malformed_line_names_the_file_and_line():
    with pytest.raises(ValueError, match=r"aliases.tsv line 3"):
        parse_vocabulary("# comment\nrut\t罗素2000\nno tab here\n", "aliases.tsv")
