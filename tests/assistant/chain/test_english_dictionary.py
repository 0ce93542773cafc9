"""An English question over Chinese text whose words only a general dictionary maps (trustee → 受托人,
underwriter → 承销), through the real chain; the dictionary's words find passages but are no evidence that
the sources cover a question."""
from __future__ import annotations

import pytest

from knowledge_base.glosses import GlossedTerms
from tests.conftest import assistant_over

REIT = """# 嶺南房託基金(代號 8801)簡介

嶺南房託基金於2019年在香港交易所上市,持有六座商場。

基金的受托人为汇丰机构信托服务(亚洲)有限公司,管理人为嶺南房託管理有限公司。

首次公开发售的承销由中环证券负责。

房地产投资信托的派息比率为90%,目标价格由管理人每年检讨。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("dictionary"), {"reit.md": REIT}).ask


def test_a_word_only_the_dictionary_maps_finds_its_passage(ask):
    r = ask("Who is the trustee of the 8801 REIT?")
    assert not r.refused and "汇丰机构信托服务" in r.answer


def test_dictionary_words_are_no_evidence_of_coverage(ask):
    assert ask("what is the bitcoin price target for the end of 2026?").refused


def test_a_thing_the_sources_never_name_is_refused_even_beside_a_glossed_word(ask, monkeypatch):
    """The unknown-topic guard reads the question itself: Chinese words a document gloss adds to it must not
    switch the guard off (价格 and 目标 are in the text, 比特币 is not)."""
    kb = ask.__self__.kb
    question = "what is the bitcoin price target?"
    assert ask(question).refused
    monkeypatch.setattr(kb, "glossed_terms", lambda norm: GlossedTerms(["期货"]))  # a gloss the hits lack: no support
    assert ask(question).refused


def test_a_listed_word_whose_terms_this_knowledge_base_never_uses_falls_back_to_the_dictionary(ask):
    """The query-term list maps "manager" to 经理人 / 基金经理; this REIT's page says 管理人, which only the
    dictionary gives. A listed word whose terms the page uses keeps the list's word alone."""
    kb = ask.__self__.kb
    assert not any(kb.mentions(t) for t in ("经理人", "基金经理"))
    terms = kb.translated_terms("who is the manager of the 8801 reit?")
    assert any(t.startswith("管理") for t in terms) and all(kb.mentions(t) for t in terms)
    assert kb.mentions("上市")  # listed → 上市: the list's word serves, the dictionary is not asked
    assert kb.translated_terms("when was the 8801 reit listed?") == []


SOUVENIRS = """# 澄鑫證券股東會紀念品代領公告

本公司接受客戶委託代領股東會紀念品，最後過戶日集保帳戶持有該公司1股以上（含零股）即可申請。

| 代號 | 公司 | 股東會日期 | 紀念品 | 發放條件 |
|---|---|---|---|---|
| 2741 | 晨曦電機 | 2031年5月27日 | 保溫瓶 | 持股1股以上，須完成電子投票 |

代領費每檔30元，於申請次一營業日扣款。
"""


@pytest.fixture(scope="module")
def ask_souvenirs(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("agm"), {"souvenirs.md": SOUVENIRS}).ask


def test_an_agm_asked_in_english_is_the_shareholders_meeting_of_a_chinese_page(ask_souvenirs):
    r = ask_souvenirs("Will the broker collect AGM souvenirs for me? Do odd lots count?")
    assert not r.refused and "1股以上" in r.answer


def test_a_gloss_of_filler_and_one_word_names_that_word():
    from assistant.evidence import _in_english
    from knowledge_base.dictionary_terms import gloss_content_words

    assert gloss_content_words("be in hospital") == ["hospital"]
    assert gloss_content_words("charge a fee") == ["charge", "fee"]
    # 住院 ("be in hospital") is stated by a page writing "stays in hospital", not by one writing only "hospitality"
    assert _in_english("住院", "ms leung stays in hospital for 3 nights")
    assert not _in_english("住院", "our hospitality lounge is open daily")
