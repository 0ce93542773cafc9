"""The documents' own glossary (knowledge_base.glosses): Chinese terms glossed with English in brackets, mined
from text written for these tests, and used end to end so that an English question meets a Chinese sentence
that never writes the English word."""
from __future__ import annotations

import pytest

from knowledge_base.glosses import Gloss, glossed_terms, matches, mine_glosses
from knowledge_base.scripts import normalize_for_index
from tests.conftest import assistant_over


def _pairs(text: str) -> set[tuple[tuple[str, ...], str]]:
    return {(g.english, g.chinese) for g in mine_glosses(normalize_for_index(text))}


def test_a_chinese_term_followed_by_its_english_name():
    pairs = _pairs("南岳基金設有閉鎖期(Lock-up Period)，申購後需持有一段時間。")
    assert pairs == {(("lock", "up", "period"), "闭锁期")}  # not 設有閉鎖期: the verb is the sentence's


def test_the_term_stops_at_a_function_word_and_takes_one_segment_per_english_word():
    pairs = _pairs("本基金是由北辰投信(Beichen Investment Trust)發行。")
    assert pairs == {(("beichen", "investment", "trust"), "北辰投信")}


def test_alternatives_in_the_brackets_each_gloss_the_term():
    pairs = _pairs("股價淨值比（Price-to-Book Ratio，P/B 或 PBR）衡量股價相對淨值的高低。")
    assert {e for e, _ in pairs} == {("price", "book", "ratio"), ("p/b",), ("pbr",)}
    assert {c for _, c in pairs} == {"股价净值比"}


def test_a_company_glossed_by_its_english_name_is_its_name_without_the_legal_form():
    assert _pairs("南山綜合證券股份有限公司（Nanshan Securities Co., Ltd.）提供融資服務。") == {
        (("nanshan", "securities"), "南山综合证券")}
    # the name starts after the clause's 的, and a code in the brackets is not part of the English name
    assert _pairs("主營智能內窺鏡的瀚海醫療科技股份有限公司（Hanhai Medtech，股份代號：2999）今日招股。") == {
        (("hanhai", "medtech"), "瀚海医疗科技")}


def test_a_company_names_glossed_words_are_marked_as_a_name():
    texts = {w: [normalize_for_index("南山綜合證券股份有限公司（Nanshan Securities Co., Ltd.）設有閉鎖期(Lock-up Period)。")]
             for w in ("nanshan", "securities", "lock", "period")}
    terms = glossed_terms("what is the lock-up period at nanshan securities", lambda w: texts.get(w, []))
    assert "南山" in terms and "".join(t for t in terms if t not in terms.names) == "闭锁期"
    assert "南山" in terms.names


def test_an_english_term_followed_by_its_chinese_name():
    assert _pairs("Duration（存續期間）越長，債券價格對利率越敏感。") == {(("duration",), "存续期间")}


def test_a_remark_in_brackets_is_not_a_gloss():
    assert _pairs("債券ETF (適合長期持有) 的費用較低。") == set()


def test_a_chinese_alternative_in_the_brackets_is_not_taken_for_english():
    pairs = _pairs("台股加權指數（TAIEX，又稱大盤）是最常被引用的指標。")
    assert {e for e, _ in pairs} == {("taiex",)}
    assert all("大盘" not in c for _, c in pairs)


def test_a_phrase_matches_when_the_question_names_it_whatever_the_inflection():
    lockup = Gloss(("lock", "up", "period"), "闭锁期")
    assert matches(lockup, {"lock", "up", "periods"})
    assert not matches(lockup, {"period"})  # one shared word of three: not the phrase
    assert matches(Gloss(("float", "weighting"), "流通市值加权"), {"float", "weighted"})
    assert not matches(Gloss(("earning", "yield"), "收益率"), {"yield"})


def test_a_chinese_question_gets_no_glossed_terms():
    texts = {"ratio": [normalize_for_index("股價淨值比（Price-to-Book Ratio）")]}
    assert glossed_terms("股价净值比ratio是什么", lambda w: texts.get(w, [])) == []
    terms = glossed_terms("what is the price to book ratio", lambda w: texts.get(w, []))
    assert "".join(terms) == "股价净值比"


FUND = """# 南岳科技基金說明

南岳科技基金設有閉鎖期(Lock-up Period)，投資人申購後需持有一段時間才能贖回。
閉鎖期為九十天，期間內不得申請買回。
基金的經理費每年1.2%，保管費每年0.15%。
"""

BONDS = """債券基金的風險

債券價格與利率反向變動，利率上升時債券基金的淨值通常下跌。
存續期間越長的債券基金，對利率變動越敏感。
"""


@pytest.fixture(scope="module")
def glossed_kb(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("glosses"), {"fund.md": FUND, "bonds.txt": BONDS})


def test_the_knowledge_base_maps_an_english_question_to_the_glossed_term(glossed_kb):
    terms = glossed_kb.kb.glossed_terms("how long is the lock-up period")
    assert "".join(terms) == "闭锁期"
    assert glossed_kb.kb.glossed_terms("what is the management fee") == []  # no document glosses it


def test_an_english_question_is_answered_from_the_sentence_that_never_writes_the_english(glossed_kb):
    answer = glossed_kb.ask("How long is the lock-up period?")
    assert not answer.refused
    assert "九十天" in answer.answer
    assert any("九十天" in c.quote for c in answer.citations)


def test_an_english_question_looks_its_glosses_up_once(glossed_kb):
    catalog = glossed_kb.kb.catalog
    asked: list[str] = []
    original = catalog.texts_mentioning

    def counting(token: str, limit: int) -> list[str]:
        asked.append(token)
        return original(token, limit)

    catalog.texts_mentioning = counting
    try:
        glossed_kb.ask("How long is the lock-up period?")
    finally:
        del catalog.texts_mentioning
    assert sorted(asked) == ["lock", "long", "period", "up"]  # once each, for retrieval and answer alike
