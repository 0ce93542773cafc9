"""Answer-side vocabularies (assistant/data/*): each loads once, decides what it should, reports bad lines."""
from __future__ import annotations

import pytest

from assistant.answer_types import answer_type, satisfies
from assistant.arithmetic import operation
from assistant.evidence import generic_words
from knowledge_base.lexical_tokens import english_for
from assistant.language import (
    QueryLanguage, detect_language, normalize_query, parse_rows, regional_glossary, to_asker_script,
)
from assistant.live_data import needs_live_data


@pytest.mark.parametrize("question, kind", [
    ("哪一檔規模最大", "rank_max"), ("which fund is the smallest", "rank_min"), ("什么时候上市", "date"),
    ("管理费是多少", "number"), ("who compiles the index", "name"), ("市盈率是什么", None),
    ("which index has the most stocks", "rank_max"), ("most stocks rose today", None),
    ("which ETF has the shortest duration", "rank_min"), ("which bond has the longest maturity", "rank_max"),
])
def test_answer_types(question, kind):
    assert answer_type(question) == kind


def test_a_unit_satisfies_the_type_asked():
    assert satisfies("date", "于1950年9月7日开始计算") and not satisfies("date", "采用股价加权")
    assert satisfies("number", "上涨2.1%") and satisfies(None, "任何句子") is None
    # durations in Chinese numerals answer "how long" / 多久
    assert satisfies("number", "閉鎖期為九十天") and satisfies("number", "每三个月调整一次")
    assert not satisfies("number", "期間內不得申請買回")


@pytest.mark.parametrize("question, op", [
    ("两者权重加起来多少", "sum"), ("费用率降了多少", "difference"), ("how many times bigger", "ratio"),
    ("贵了多少%", "pct_change"), ("市盈率是什么", None),
    # a basis clause (以…算, 按…计) says what the figure is worked out on, not what to do with it
    ("以目前合计规模算，要持有多少亿元这只股票", "share_of"), ("按收盘价计，两只股票合共值多少亿元", "sum"),
    # a year-on-year change is a percentage change, however the question words it
    ("营收同比增长了多少", "pct_change"), ("盈利按年跌咗几多", "pct_change"), ("what was the year-on-year change in sales", "pct_change"),
])
def test_arithmetic_operations(question, op):
    assert operation(question) == op


def test_live_data_needs_a_time_word():
    assert needs_live_data("今日收市价多少") and needs_live_data("what is the current level")
    assert not needs_live_data("股价50元的股票市盈率是多少") and not needs_live_data("而家成分股有几多只")
    # published with a date, not quoted by the second: the sources' latest figure answers, or nothing does
    assert not needs_live_data("目前的到期收益率是多少") and not needs_live_data("what is its current yield")
    # a move of now is a quote's, unless it is of a figure the company or fund reports
    assert needs_live_data("今年以来涨了多少") and needs_live_data("how much is it up today")
    assert not needs_live_data("而家全年派息同2022年比跌了几多%") and not needs_live_data("现在的出租率比去年升了多少")
    assert not needs_live_data("how much did revenue go up this year")
    # a conditional with the asker's own figures is worked through the stated return, not quoted
    assert not needs_live_data("如果3年前投了1万美元，按3年年化回报算，现在值多少")
    assert not needs_live_data("if i had put $5,000 in three years ago, what would it be worth now")
    assert needs_live_data("如果现在买，今日收市价多少")  # no figure of the asker's: still today's quote
    # "kept up with its index" compares the fund with its index; "up" there is no move of now
    assert not needs_live_data("so far this year, has the etf kept up with its index? by how much did it lag?")
    assert needs_live_data("how much is the etf up so far this year")
    # a quote word in a time of day, or a quote on a date the question names, asks no quote of now
    assert not needs_live_data("今天先买一张100块的股票，收盘前103卖掉，实际赚多少")
    assert not needs_live_data("按10月30号的收市价算，现在亏了多少钱")
    assert not needs_live_data("i bought at 9.80 today and sold before the close at 10.05, what did i make")
    assert needs_live_data("现在收市价多少") and needs_live_data("今日收盘价是多少")
    # a fee, a premium or a deposit rate a firm sets moves by its notice, which the sources are
    assert not needs_live_data("my renewal is on 20 may, does my premium go up now")
    assert not needs_live_data("而家续保保费会唔会加") and not needs_live_data("现在的存款利率降了多少")
    assert needs_live_data("what is the usd exchange rate now, is it up")  # an exchange rate is a quote


def test_region_markers_and_glossary():
    assert detect_language("而家幾多錢?").region == "HK"
    assert detect_language("聯準會降息影響什麼?").region == "TW"
    assert detect_language("這個指數怎麼計算?").region == "TW"  # unmarked Traditional: Taiwan wording
    assert regional_glossary()["HK"]["美聯儲"] == "聯儲局"
    assert "聯儲局" in to_asker_script("美联储降息", detect_language("美聯儲減息點睇?"))


def test_generic_words_and_reverse_english_terms():
    assert "多少" in generic_words() and "what" in generic_words()
    assert "情况" in generic_words()  # 「什么情况下」 asks the circumstances: no topic the sources must name
    assert "nav" in english_for("净值")


def test_a_malformed_row_names_the_file_and_line():
    with pytest.raises(ValueError, match=r"glossary.tsv line 2"):
        parse_rows("# c\nHK\tonly two\n", "glossary.tsv", 3)


def test_comparison_questions_are_recognised():
    from assistant.composers.extractive_arithmetic import compares

    for question in ("长期持有标普500还是罗素2000", "南岳100同东海中小边个回报高", "tlt vs shv, which is cheaper?",
                     "is the fee higher than last year", "谁的殖利率比较高"):
        assert compares(normalize_query(question)), question
    for question in ("南岳100的殖利率是多少?", "how is the index weighted?", "谁编制南岳100指数"):
        assert not compares(normalize_query(question)), question


def test_change_questions_and_old_beside_new_tables_are_recognised():
    from assistant.composers.change_rows import asks_change, change_words, sets_old_beside_new

    for question in ("新舊收費有咩唔同", "调整前后的转出限额各是多少", "what exactly changed compared with before?",
                     "are the new fees higher than the old ones", "what exactly changes in the fees on 1 Nov?",
                     "the selling fee vs now", "11月以後分銷費會降嗎", "我嘅年費會唔會調高", "will the annual fee go down?"):
        assert asks_change(normalize_query(question)), question
    for question in ("管理费是多少", "how do i change my password", "新开户要准备什么", "will i get the dividend?"):
        assert not asks_change(normalize_query(question)), question
    assert sets_old_beside_new("項目 | 新收費（5月1日起） | 現行收費")
    assert sets_old_beside_new("Item | With effect from 2 May 2033 | Until 29 April 2033")
    assert not sets_old_beside_new("Item | Fee | Minimum")
    assert {"新旧", "before"} <= change_words() and "转出限额" not in change_words()
    from assistant.composers.change_rows import asks_unchanged
    for question in ("调整前后哪些没变？", "邊啲收費唔變", "and what stays the same?"):
        assert asks_unchanged(normalize_query(question)), question
    assert not asks_unchanged(normalize_query("调整前后有什么不同？"))


def test_taiwan_wording_keeps_a_taiwan_source_and_rewords_a_mainland_one():
    tw = QueryLanguage("zh-Hant", "TW")
    assert to_asker_script("項目: 成分股數量。", tw) == "項目: 成分股數量。"  # not the 專案 of the phrase table
    assert to_asker_script("软件股的市盈率为20倍。", tw) == "軟體股的本益比為20倍。"


def test_a_term_whose_wording_depends_on_the_sentence():
    text = "長天期公債ETF在殖利率上升1個百分點時下跌17%。0050的現金殖利率為3%。"
    assert to_asker_script(text, QueryLanguage("zh-Hant", "HK")) == \
        "長天期公債ETF在孳息率上升1個百分點時下跌17%。0050的現金股息率為3%。"
    assert to_asker_script(text, QueryLanguage("zh-Hans", None)) == \
        "长天期公债ETF在收益率上升1个百分点时下跌17%。0050的现金股息率为3%。"


def test_advice_topics_are_index_words():
    from assistant.advice import advice_topics
    from knowledge_base.lexical_tokens import tokenize

    topics = advice_topics()
    assert {"风险", "估值", "费用"} <= topics
    assert all(tokenize(t) == [t] for t in topics), "each topic must be one index word, or it never matches"


def test_risk_words_are_index_words():
    from assistant.advice import risk_words
    from knowledge_base.lexical_tokens import tokenize

    words = risk_words()
    assert {"风险", "损失", "risk", "loss"} <= words
    assert all(tokenize(w) == [w] for w in words), "each word must be one index word, or it never matches"


def test_a_chinese_question_word_has_its_english_forms_even_when_segmented_apart():
    from knowledge_base.lexical_tokens import english_terms_in

    found = english_terms_in(normalize_query("ETF同互惠基金有咩分別?"))
    assert "mutual funds" in found["互惠基金"]


def test_ratio_definitions_name_a_ratio_and_its_two_terms():
    from assistant.ratio_definitions import asked_ratio, ratio_terms

    margin = asked_ratio("What was the segment's EBIT margin?")
    assert margin is not None and margin.numerator.search("ebit 1h2026") and margin.denominator.search("revenue 1h2026")
    assert not margin.numerator.search("ebitda")  # an EBITDA column is not the EBIT one
    assert asked_ratio("公司去年的派息比率是多少?").numerator.search("每股股息")
    assert asked_ratio("公司去年的派息比率是多少?") is asked_ratio("What is the payout ratio?")
    assert asked_ratio("What is the expense ratio?") is None
    assert {"earnings", "每股"} <= set(ratio_terms("what is the payout ratio?"))


def test_a_traditional_sources_own_characters_stay_for_a_hong_kong_asker():
    from assistant.language import QueryLanguage, to_asker_script

    hk = QueryLanguage("zh-Hant", "HK")
    # s2hk would write the quoted name 瀚峰 as 瀚峯 and 客戶 as 客户; a Simplified sentence is still converted
    out = to_asker_script("瀚峰產業信託嘅客戶好多。罗素2000指数的市盈率约为18倍。", hk)
    assert out.startswith("瀚峰產業信託嘅客戶好多。") and "羅素2000指數" in out
