"""Chinese names an English question spells in pinyin (knowledge_base.romanized_names): real pypinyin readings,
and end to end over Chinese-only reports written for these tests, which never write the company's name in
Latin letters."""
from __future__ import annotations

import pytest

from knowledge_base.romanized_names import is_pinyin, romanized_names, spells, spelt_phrase
from knowledge_base.spelling import is_english_word
from tests.conftest import assistant_over


def test_a_word_is_pinyin_only_when_it_splits_into_two_or_more_whole_syllables():
    assert is_pinyin("lanyu") and is_pinyin("qiaoxing") and is_pinyin("xiaomi")
    assert not is_pinyin("storage")  # "st" begins no syllable
    assert not is_pinyin("brightwatter") and not is_pinyin("kadin")
    assert not is_pinyin("lan")  # one syllable: too many words read so


def test_a_term_is_spelt_syllable_for_syllable_from_its_start():
    assert spells("澜屿储能", "lanyu") and spells("澜屿", "lanyu")
    assert not spells("储能澜屿", "lanyu")  # the name must start the word
    assert not spells("澜", "lanyu") and not spells("澜屿", "lanyue")
    assert spells("银行", "yinhang") and spells("行业", "xingye")  # every reading of 行 counts
    assert spells("吕梁", "lvliang") and spells("吕梁", "lyuliang")  # ü typed as v or yu


def _index(terms: list[str], texts: list[str]):
    def terms_starting(prefix: str, limit: int) -> list[str]:
        return sorted(t for t in terms if t.startswith(prefix))[:limit]

    def texts_mentioning(token: str, limit: int) -> list[str]:
        return [t for t in texts if token in t][:limit]
    return terms_starting, texts_mentioning


def test_index_words_and_runs_of_single_characters_are_found_english_words_are_not_read():
    texts = ["巧星机器人股份有限公司今日公布年度业绩。", "昱岑证券提供复委托交易。"]
    terms_starting, texts_mentioning = _index(["巧星", "机器人", "昱", "岑", "证券", "长城"], texts)
    assert romanized_names("qiaoxing robotics revenue", is_english_word, terms_starting, texts_mentioning) == {
        "qiaoxing": ["巧星"]}
    # the segmenter split 昱岑 into two one-character words: the text's run is the name
    assert romanized_names("yucen securities fees", is_english_word, terms_starting, texts_mentioning) == {
        "yucen": ["昱岑"]}
    # "change" splits into chan-ge, but it is an English word
    assert romanized_names("what will change", is_english_word, terms_starting, texts_mentioning) == {}
    assert romanized_names("changcheng motors", is_english_word, terms_starting, texts_mentioning) == {
        "changcheng": ["长城"]}


def test_the_phrase_spelling_a_name_runs_over_its_capitalised_words():
    assert spelt_phrase("Lanyu Energy Storage's profit fell 11%", "lanyu") == "Lanyu Energy Storage"
    assert spelt_phrase("who audits Qiaoxing?", "qiaoxing") == "Qiaoxing"
    assert spelt_phrase("lanyu energy storage profit", "lanyu") == "lanyu"  # lower case: the word alone


ANNUAL = """# 巧星机器人股份有限公司2025年年度报告摘要

1. 本报告经公司董事会审议通过，全体董事出席。
2. 明睿会计师事务所（特殊普通合伙）为本公司出具了标准无保留意见的审计报告。
3. 公司拟向全体股东每10股派发现金红利2.80元（含税）。

## 主要会计数据

| 项目 | 2025年 | 2024年 |
|---|---:|---:|
| 营业收入（万元） | 418,220.16 | 377,904.33 |
| 归属于上市公司股东的净利润（万元） | 36,541.02 | 31,288.75 |

## 前十名股东持股情况

| 排名 | 股东名称 | 持股比例 |
|---|---|---:|
| 1 | 苏州巧星投资控股有限公司 | 28.40% |
| 2 | 香港中央结算有限公司 | 6.15% |
"""

ENGLISH = """# Harrowgate Global Robotics Fund: letter to shareholders

Dear shareholders, the fund returned 9.2% in 2025. Our largest holdings remain industrial automation names, and
shareholders approved the new fee schedule at the annual meeting.
"""

OTHER = """# 恒川电力股份有限公司2025年年度报告摘要

1. 华正会计师事务所为本公司出具了带强调事项段的无保留意见审计报告。
2. 公司拟向全体股东每10股派发现金红利1.10元（含税）。
"""


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("pinyin"), {"qiaoxing.md": ANNUAL, "hengchuan.md": OTHER,
                                                                    "harrowgate.md": ENGLISH})


def test_the_knowledge_base_gives_the_chinese_name_as_a_name_of_the_question(reports):
    glossed = reports.kb.glossed_terms("Who audited Qiaoxing Robotics' 2025 accounts?")
    assert "巧星" in glossed and "巧星" in glossed.names


def test_an_english_question_naming_a_chinese_only_company_in_pinyin_is_answered_from_its_report(reports):
    answer = reports.ask("Who audited Qiaoxing Robotics' 2025 accounts?")
    assert not answer.refused
    assert any("明睿会计师事务所" in c.quote for c in answer.citations)
    assert not any("华正" in c.quote for c in answer.citations)  # the other company's auditor
    assert all(c.doc_id.startswith("qiaoxing") for c in answer.citations)


def test_the_english_words_of_a_question_on_a_chinese_only_company_are_read_in_chinese(reports):
    # "shareholders" is an English page's word too; asked of 巧星 it is 股东 all the same
    assert "股东" in reports.kb.translated_terms("Who are the largest shareholders of Qiaoxing Robotics?",
                                                  reports.kb.glossed_terms("Who are the largest shareholders of Qiaoxing Robotics?"))
    answer = reports.ask("Who are the largest shareholders of Qiaoxing Robotics?")
    assert any("苏州巧星投资控股有限公司" in c.quote for c in answer.citations)
    assert not any(c.doc_id.startswith("harrowgate") for c in answer.citations)


def test_an_advice_question_naming_the_company_by_its_pinyin_gets_the_disclaimer_not_a_refusal(reports):
    # "Energy Storage" are the name's words, not things the Chinese report must mention in English
    answer = reports.ask("Qiaoxing Energy Storage's profit fell 11% last year. Should I sell my shares now?")
    assert not answer.refused
    assert answer.disclaimer
    assert all(c.doc_id.startswith("qiaoxing") for c in answer.citations)


# --- Cantonese: Hong Kong names in the Hong Kong Government's romanisation -------------------------------------

def test_cantonese_runs_are_capitalised_syllables_where_the_question_capitalises_names():
    from knowledge_base.romanized_names import cantonese_runs

    assert cantonese_runs("Can my mom apply thru Chun Fung?") == [["chun", "fung"]]
    assert cantonese_runs("How do I lend shares at Tai Fook Securities?") == [["tai", "fook"]]  # not "at"
    assert cantonese_runs("can i apply thru chun fung for the bond") == [["chun", "fung", "for"]]
    assert cantonese_runs("What is the fee?") == []
    # a code in capitals or the pronoun I is no sign that the asker capitalises names
    assert cantonese_runs("long ching loan q - whats the HKD rate") == [["long", "ching"]]
    assert cantonese_runs("can I apply thru chun fung") == [["chun", "fung"]]


def test_a_term_is_spelt_in_cantonese_a_word_a_character_in_either_script():
    assert spells("晋峰证券", "chun fung") and spells("晉峰", "chun fung")  # the table's Traditional, the index's Simplified
    assert spells("新鸿基", "sun hung kei")
    assert not spells("晋", "chun fung")  # a name of two words is two characters at least
    assert not spells("峰晋", "chun fung")


def test_cantonese_names_are_found_where_the_index_writes_them_english_words_alone_are_not_read():
    texts = ["晋峰证券有限公司2027年银龄债券认购指引。", "香港交易所"]
    terms_starting, texts_mentioning = _index(["晋", "峰", "证券", "香港", "航港"], texts)
    assert romanized_names("Can I apply thru Chun Fung?", is_english_word, terms_starting, texts_mentioning) == {
        "chun fung": ["晋峰"]}
    # "Hong Kong" is English words only: never read as the 航港 a Cantonese reading would spell
    assert romanized_names("Stamp duty in Hong Kong?", is_english_word, terms_starting, texts_mentioning) == {}


HK_GUIDE = """[虛構文件，僅供測試]
# 晉峰證券有限公司：2027年銀齡債券認購指引

1. 每人最多認購80手（HK$800,000），最少1手。
2. 網上認購截止時間為2027年9月23日下午5:00；分行紙本申請截止時間為9月22日下午4:00，每份收HK$50。
3. 申請人須於2027年內年滿60歲。
"""

HK_OTHER = """# 鼎禧資產管理：槓桿產品資料

1. 每手200個單位，管理費每年1.20%。
2. 認購須透過參與證券商辦理。
"""

EN_PAGE = """# Brightmoor leveraged product

The product's management fee is 1.20% per year. Applications are made through participating dealers, and the
deadline for each application is 4:00 p.m. on the dealing day. Investors apply online or by paper form.
"""


@pytest.fixture(scope="module")
def hk_guides(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("cantonese"), {"chunfung.md": HK_GUIDE, "dinghei.md": HK_OTHER,
                                                                       "brightmoor.md": EN_PAGE})


def test_an_english_question_naming_a_hong_kong_broker_in_cantonese_is_answered_from_its_guide(hk_guides):
    question = "What's the most one person can apply for through Chun Fung?"
    glossed = hk_guides.kb.glossed_terms(question)
    assert "晋峰" in glossed.names
    answer = hk_guides.ask(question)
    assert not answer.refused
    assert "HK$800,000" in answer.answer
    assert answer.citations and all(c.doc_id.startswith("chunfung") for c in answer.citations)


def test_a_variant_character_reads_as_its_standard_one_in_a_cantonese_spelling():
    # 栢 is CC-CEDICT's variant of 柏; the romanisation table gives 栢 only "baak", the company spells it "Pak"
    assert spells("栢澄人寿", "pak ching")
    assert spells("柏澄人寿", "pak ching")
    assert not spells("栢澄人寿", "pak chung")
