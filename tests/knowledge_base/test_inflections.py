"""An English question word meets the other inflections the index holds (Snowball stems, a real SQLite catalog)."""
from __future__ import annotations

from pathlib import Path

import pytest

from knowledge_base.catalog import Catalog
from knowledge_base.catalog_rows import index_tokens
from knowledge_base.inflections import inflected_forms
from knowledge_base.retriever import plan_query
from tests.knowledge_base.catalog_texts import catalog_of

TEXTS = [
    "The fund is managed by two portfolio managers; management fees are charged monthly.",
    "Its investment policy limits holdings; the policies are reviewed each year.",
    "Manganese miners and a managerial review are unrelated words here.",
]


@pytest.fixture()
def catalog(tmp_path: Path) -> Catalog:
    return catalog_of(tmp_path, TEXTS, "en", ".txt")


def test_terms_starting_is_a_prefix_range_of_index_words(catalog: Catalog) -> None:
    assert catalog.terms_starting("manag", 10) == ["managed", "management", "managerial", "managers"]
    assert catalog.terms_starting("manag", 2) == ["managed", "management"]
    assert catalog.terms_starting("MANAG", 1) == ["managed"]
    assert catalog.terms_starting("zzz", 10) == [] and catalog.terms_starting("", 10) == []


def test_a_question_word_brings_the_forms_sharing_its_stem(catalog: Catalog) -> None:
    forms = inflected_forms(["manages", "fund"], catalog.terms_starting)
    assert forms == ["managed", "management", "managers"]  # "managerial" has another stem, "manganese" another prefix
    assert inflected_forms(["policy"], catalog.terms_starting) == ["policies"]  # stem "polici", written "policy"
    assert inflected_forms(["fees", "etf", "管理"], catalog.terms_starting) == []  # already written, short, Chinese


def test_the_query_plan_searches_the_inflected_forms(catalog: Catalog) -> None:
    tokens = plan_query("Who manages the fund?", catalog).lexical_tokens
    assert {"manages", "managed", "managers", "management"} <= set(tokens)
    assert "manages" not in index_tokens(catalog.chunks("d0.txt")[0])  # found only through its other forms
    hits = catalog.lexical_search(tokens, 3)
    assert hits and hits[0][0] == "d0.txt#0"
    assert plan_query("Who manages the fund?").lexical_tokens.count("managed") == 0  # no index: nothing widened
