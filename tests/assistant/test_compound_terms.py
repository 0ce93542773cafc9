"""The compound a question asks (融资利率) is stated only where one sentence, or one table row with its header,
holds both its words."""
from __future__ import annotations

from assistant.compound_terms import asked_compound, stated_together, unpaired_compound

TERMS = ["联璟", "融资", "利率"]


def test_the_word_before_the_focus_makes_the_compound():
    assert asked_compound("联璟的融资利率是多少?", TERMS, "利率") == ("融资", "利率")
    assert asked_compound("联璟的融资,利率是多少?", TERMS, "利率") is None  # not written together
    assert asked_compound("利率是多少?", ["利率"], "利率") is None
    # the word after the compound is what is asked of: 实际 modifies 赚, not 证交税
    assert asked_compound("扣掉证交税实际赚多少?", ["证交税", "实际"], "实际") is None


def test_a_sentence_or_a_row_under_its_header_states_both_words():
    assert stated_together(("融资", "利率"), ["融资年利率为6.50%。其他说明。"])
    assert stated_together(("融资", "利率"), ["| 业务 | 年利率 |\n|---|---|\n| 融资 | 6.50% |"])
    assert not stated_together(("融资", "利率"), ["零股不得融资融券。活期存款利率为0.35%。"])


def test_words_found_only_apart_leave_the_compound_unstated():
    apart = {"faq": "联璟:零股不得融资融券。", "bank": "活期存款利率为0.35%。"}
    assert unpaired_compound("联璟的融资利率是多少?", TERMS, "利率", TERMS, apart, {"联璟"}) == "融资利率"
    assert unpaired_compound("联璟的融资利率是多少?", TERMS, "利率", TERMS, {"faq": "联璟融资年利率为6.50%。"}, {"联璟"}) is None


def test_only_the_documents_about_the_subject_count():
    # another broker's table states 融资 and 利率 together; 联璟's page does not
    documents = {"faq": "联璟:零股不得融资融券。活期存款利率0.35%。", "other": "| 业务 | 年利率 |\n| 融资 | 6.25% |"}
    assert unpaired_compound("联璟的融资利率是多少?", TERMS, "利率", TERMS, documents, {"联璟"}) == "融资利率"


def test_a_word_no_chinese_text_holds_is_not_judged():
    # found through an English page ("interest rate"): the Chinese texts cannot say the compound is missing
    assert unpaired_compound("联璟的融资利率是多少?", TERMS, "利率", TERMS, {"faq": "联璟:零股不得融资融券。"}, {"联璟"}) is None
