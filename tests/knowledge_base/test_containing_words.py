"""A Chinese question word the index never holds as a word of its own (负债, where the segmenter cut the documents'
资产负债比率 into 资产负债 + 比率) is searched as the index words holding it (a real SQLite catalog)."""
from __future__ import annotations

from pathlib import Path

import pytest

from knowledge_base.catalog import Catalog
from knowledge_base.retriever import containing_words, plan_query
from tests.knowledge_base.catalog_texts import catalog_of

TEXTS = [
    "于2026年6月30日，资产负债比率为27.4%，总借贷为10,660百万港元。",
    "守则所订之资产负债上限为50%。",
    "出租率为95.1%，物业收入净额增长4%。",
]


@pytest.fixture()
def catalog(tmp_path: Path) -> Catalog:
    return catalog_of(tmp_path, TEXTS, "zh-Hans", ".md")


def test_terms_containing_lists_longer_index_words_most_frequent_first(catalog: Catalog) -> None:
    found = catalog.terms_containing("负债", 5)
    assert found and all("负债" in t and t != "负债" for t in found)
    assert found[0] == "资产负债"  # in two chunks, before any word only one chunk holds
    assert catalog.terms_containing("负债", 1) == ["资产负债"]
    assert catalog.terms_containing("比率", 5) == []  # an index word itself: nothing to widen
    assert catalog.terms_containing("比特币", 5) == [] and catalog.terms_containing("", 5) == []


def test_a_question_word_the_index_lacks_is_searched_as_the_words_holding_it(catalog: Catalog) -> None:
    plan = plan_query("现在的负债比率是多少", catalog)
    assert "资产负债" in plan.lexical_tokens
    hits = [cid for cid, _ in catalog.lexical_search(plan.lexical_tokens, 3)]
    assert hits[0] == "d0.md#0"  # the chunk stating the ratio, found by the document's own word
    assert "d1.md#0" in hits


def test_english_words_and_index_words_are_not_widened(catalog: Catalog) -> None:
    assert containing_words(["比率", "ratio", "负"], catalog.terms_containing) == []
