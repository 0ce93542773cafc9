"""Chinese abbreviations written out in full by a source (assistant.abbreviations)."""
from __future__ import annotations

import pytest

from assistant.abbreviations import expanded_in
from assistant.evidence import check_evidence
from knowledge_base.records import ChunkRecord, SearchHit
from knowledge_base.scripts import normalize_for_index


@pytest.mark.parametrize("term, text", [
    ("证交税", "证券交易税：为股票的三分之一"),
    ("证所税", "证券所得税：不课征。"),
    ("美联储", "美国联邦储备委员会宣布降息"),
])
def test_a_term_abbreviates_a_span_written_out(term, text):
    assert expanded_in(term, text)


@pytest.mark.parametrize("term, text", [
    ("证交税", "证交税为千分之一"),  # the term itself is no expansion
    ("基金", "基本面与资金面"),  # two characters: too many spans by chance
    ("证交税", "证券的交易成本与印花税"),  # letters too far apart
])
def test_other_spans_are_not_expansions(term, text):
    assert not expanded_in(term, text)


def test_the_evidence_check_finds_a_term_the_source_writes_out():
    text = "南岳ETF的交易成本：證券交易稅為千分之一，手續費為千分之一點四二五。"
    chunk = ChunkRecord(chunk_id="c#0", doc_id="c.md", ordinal=0, title="交易成本", text=text,
                        norm_text=normalize_for_index(text), start=0, end=len(text))
    check = check_evidence(normalize_for_index("南岳ETF的證交稅是多少?"), "zh-Hant", [SearchHit(chunk=chunk, score=1.0)])
    assert "证交税" in check.found and check.sufficient
