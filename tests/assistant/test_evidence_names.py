"""Names a question uses that the knowledge base never mentions (assistant/evidence.py): an entity the alias list
knows (SPY) under none of its names, and numbers that are series or counts rather than names (第12期, 365天)."""
from __future__ import annotations

from assistant.composers.extractive_arithmetic import _figures_stated
from assistant.evidence import content_terms, identifier_names, topic_nouns, unknown_entities
from knowledge_base.scripts import normalize_for_index


def mentioned_in(*words: str):
    known = {w.lower() for w in words}

    def mentioned(word: str, whole_token: bool = False) -> bool:
        return word.lower() in known
    return mentioned


def test_an_entity_known_under_none_of_its_names_is_unknown():
    assert unknown_entities("what is the expense ratio of spy?", mentioned_in("expense", "ratio")) == ["spy"]
    assert unknown_entities("spy嘅管理费系几多?", mentioned_in("管理费")) == ["spy"]


def test_an_entity_known_under_another_name_is_known():
    # the sources write 标普500 (the canonical word SPY maps to) or name SPY itself
    assert unknown_entities("what is the expense ratio of spy?", mentioned_in("标普500")) == []
    assert unknown_entities("what is the expense ratio of spy?", mentioned_in("spy")) == []
    assert unknown_entities("罗素2000点样重组?", mentioned_in("罗素2000")) == []
    assert unknown_entities("what is the expense ratio of spy?", None) == []  # nothing to ask: no verdict


def test_a_series_or_a_count_is_not_a_name():
    never = mentioned_in()
    assert identifier_names("稳盈365天第12期每年的管理费是多少?", never) == []
    assert identifier_names("第11期的募集规模比第10期增长了多少?", never) == []
    assert identifier_names("科创50的市盈率是多少?", never) == ["科创50"]  # a name with a number still is
    # a rate per so many units: 「每10份派嘅錢」 names no 次每10
    assert identifier_names("稳盈红利c今次每10份派的钱比上一次多了百分之几?", never) == []
    assert identifier_names("认购3手要准备多少钱?", never) == []
    # a price after a time of day (「收盘前103卖掉」: before the close) or a preposition is no name's number
    assert identifier_names("今天先买一张100块的股票，收盘前103卖掉，赚多少?", never) == []
    assert identifier_names("股价在120以上可以卖吗?", never) == []
    assert identifier_names("日经225的市盈率是多少?", never) == ["日经225"]


def test_a_preposition_the_segmenter_glued_to_an_unknown_name_is_not_part_of_it():
    from assistant.evidence import content_terms
    terms = content_terms("在聿恒证券开户要多久?", "zh-Hans")
    assert "聿恒证券" in terms or "聿恒" in terms
    assert not any(t.startswith("在") for t in terms)
    assert "对冲基金" in content_terms("对冲基金是什么?", "zh-Hans")  # a dictionary word keeps its first character
    terms = content_terms("假设每份0.12港元，经鼎禧网上卖出，实收多少？", "zh-Hans")
    assert "鼎禧" in terms and not any(t.startswith("经鼎") for t in terms)
    assert "经纪人" in content_terms("经纪人佣金怎么收?", "zh-Hans")


def test_figures_a_question_states_leave_out_dates_series_codes_and_names():
    def stated(q: str) -> list[str]:
        return [t.raw for t in _figures_stated(q)]
    assert stated("00968 2026年7月那次配息比2025年7月多了百分之几?") == []
    assert stated("稳盈365天第11期的募集规模比第10期增长了百分之多少?") == []
    assert stated("3.5%同2.1%差几多?") == ["3.5", "2.1"]


def test_a_plain_synonym_in_the_alias_list_is_no_entity():
    # 入货 → 买入 is a wording, not a name: a knowledge base that never writes 买入 still knows the question
    assert unknown_entities("日经225系咪好时机入货?", mentioned_in("日经225")) == []


def test_an_amount_with_a_thousands_comma_is_not_a_name():
    # 「手上有20,000」 once gave the name 上有20, which no source writes, and the question was refused outright
    assert identifier_names("我手上有20,000港元，每年可以收幾多息?", lambda term: False) == []
    assert identifier_names("手上有北辰80同20,000現金", lambda term: False) == ["北辰80"]


def test_a_name_shortened_by_the_asker_is_known_where_a_text_writes_it_out():
    texts = {"80": ["东岭科创龙头80指数完成调整", "样本数量为80只"]}

    def texts_with(token: str, limit: int) -> list[str]:
        return texts.get(token, [])
    never = mentioned_in()
    assert identifier_names("东岭科创80调整后有什么变化?", never, texts_with) == []  # 东岭科创(龙头)80
    assert identifier_names("南湖科创80调整后有什么变化?", never, texts_with) == ["科创80"]  # 南湖… is written nowhere
    assert identifier_names("东岭科创50调整后有什么变化?", never, texts_with) == ["科创50"]  # another number
    assert identifier_names("东岭科创80调整后有什么变化?", never) == ["科创80"]  # no texts to read: unknown


def test_the_chinese_alternatives_of_one_english_term_count_once():
    from assistant.evidence import _one_per_meaning, content_terms
    from knowledge_base.lexical_tokens import english_term_groups
    question = "How much interest is due on NT$200,000 of margin financing?"
    groups = english_term_groups(question)
    assert ["融资", "孖展"] in groups
    terms = content_terms(question, "en")
    assert "nt" not in terms  # NT$ is a currency, not a ticker
    kept = _one_per_meaning(terms, groups, haystack="融资年利率 利息按日计")
    assert "融资" in kept and "孖展" not in kept  # the sources write 融资: the term is covered
    assert _one_per_meaning(terms, groups, haystack="")[:1] == terms[:1]  # none found: the first stands for it


def test_the_english_focus_is_the_first_mapped_term_after_the_question_word():
    from assistant.evidence import english_focus
    assert english_focus("What is the dividend yield of the fund?")[0] == "dividend yield"
    assert english_focus("Fees aside, what is the dividend yield?")[0] == "dividend yield"
    assert english_focus("Tell me about the fund") is None  # no question word


def test_an_english_questions_mapped_words_count_whole_and_months_are_periods_not_topics():
    from assistant.evidence import content_terms
    from knowledge_base.lexical_tokens import expand_query

    terms = content_terms("What was the company's revenue in August 2026?", "en")
    assert "营业收入" in terms and "营业" not in terms  # one word of the mapping, not two halves to find
    assert "八月" not in terms  # the period check decides on a month
    assert not {"第三季", "三季度"} & set(content_terms("昕达第三季毛利率是多少?", "zh-Hans"))
    expanded = expand_query("what was revenue in november and in the third quarter?")
    assert {"十一月", "11月", "第三季", "三季度"} <= set(expanded.split())
    assert "五月" not in expand_query("what may the fund pay?")  # "may" is not read as a month


def test_how_long_and_how_often_ask_a_duration_not_a_topic():
    from assistant.evidence import english_words

    # "long" of "how long" would meet Yuen Long or a long position in the sources
    assert "long" not in english_words("How long should I boil an egg if I want a runny yolk?")
    assert "often" not in english_words("How often does the fund pay a dividend?")
    assert "long" in english_words("Is a long position in the ETF leveraged?")


def test_a_term_the_sources_name_only_as_excluded_is_not_evidence():
    from assistant.evidence import excluded_terms

    page = ["以上收费只适用于港股买卖，不包括其他市场（例如美股、a股通）的收费。", "港股经纪佣金为成交金额0.25%。"]
    assert excluded_terms(["美股", "佣金"], page) == ["美股"]
    assert excluded_terms(["港股"], page) == []  # named outside the exclusion too
    # a day range's open end (「（不含）」) excludes a day, not the interest the sentence states
    assert excluded_terms(["利息"], ["须结清自上一还款日（含）至提前还款日（不含）的利息。"]) == []
    assert excluded_terms(["money market"], ["the fee table excludes money market funds."]) == ["money market"]
    # what the asker pays is not what the example leaves out
    note = ["the example does not include brokerage commissions you may pay when buying or selling shares."]
    assert excluded_terms(["pay", "commissions"], note) == ["commissions"]
    # the clause's own verb is not what it excludes: "What other charges apply?" asks no excluded thing
    dealers = ["dealers pay a transaction fee of hk$12,000 per application; this does not apply to investors."]
    assert excluded_terms(["apply", "investors"], dealers) == ["investors"]


def test_an_amount_of_money_is_not_a_name_with_a_number():
    # 「现在24美元」 is a price the asker names; 「中诚150」 is an index the sources never mention
    assert identifier_names("bwrd每个月都分红,现在24美元左右适合买入吗?", mentioned_in("bwrd")) == []
    assert identifier_names("现在30港元买入3198划算吗?", mentioned_in("3198")) == []
    assert identifier_names("中诚150指数的股息率是多少?", mentioned_in("股息率")) == ["中诚150"]


def test_a_rough_amount_is_not_a_name_with_a_number():
    never = lambda term: False  # noqa: E731
    assert identifier_names("如果以后加到500多万份会怎么样?", never) == []
    assert identifier_names("跌到3000余点会怎样?", never) == []
    assert identifier_names("恒泽以股代息价有95折,我应唔应该全部拣收新股?", never) == []  # a discount: 95% of the price


def test_a_question_word_with_its_measure_word_is_no_topic():
    assert not content_terms("定期定额每个月可以选哪几天扣款?", "zh-Hans").count("哪几天")
    assert "扣款" in content_terms("定期定额每个月可以选哪几天扣款?", "zh-Hans")


def test_a_currency_code_is_no_topic_the_sources_must_name():
    terms = content_terms("I've only got about 30 grand RMB in the account, how much more do I need for the IPO?", "en")
    assert "rmb" not in terms and "首次公开发行" in terms
    assert "spy" in [t.lower() for t in content_terms("What is the expense ratio of SPY?", "en")] or \
        "标普500" in content_terms("What is the expense ratio of SPY?", "en")  # a ticker still is


def test_a_code_of_five_or_six_digits_no_source_mentions_is_an_unknown_name():
    from assistant.evidence import unknown_codes

    known = mentioned_in("61258", "700")  # the catalog finds 700 inside 0700.HK
    assert unknown_codes("嘉泓61281嗰隻恒指熊證收回價係幾多？", known) == ["61281"]
    assert unknown_codes("what's the call price of 61281?", known) == ["61281"]
    assert unknown_codes("61258的收回價係幾多？", known) == []
    assert unknown_codes("00700今年派息幾多？", known) == []  # written without its leading zeros
    # amounts and quantities are no codes
    assert unknown_codes("我有50000股，買了10000元，15万份", known) == []
    assert unknown_codes("i hold 20000 units worth 38000 dollars", known) == []
    assert unknown_codes("我本金12800，有30000想投资", known) == [] and unknown_codes("i put 15000 in", known) == []


def test_a_character_and_the_copula_after_it_are_no_term():
    terms = content_terms("嘉泓牛證61258收回價同行使價是幾多?", "zh-Hant")
    assert "价是" not in terms and "價是" not in terms


def test_english_sources_are_counted_by_document_not_by_passage():
    from assistant.evidence import english_sources
    from tests.assistant.answer_evidence import hit

    def as_script(h, script):
        return h.model_copy(update={"chunk": h.chunk.model_copy(update={"script": script})})

    chinese = [hit("russell.txt", rank=1), hit("performance.txt", rank=2)]
    sheet = [as_script(hit("sheet.md", 0, 5, text=f"Fact sheet part {i}.", rank=3 + i), "en") for i in range(3)]
    # three passages of one English fact sheet below two Chinese documents: the sources are Chinese
    assert not english_sources([*chinese, *sheet])
    # the best passage English: English sources
    assert english_sources([sheet[0], *chinese])
    other = as_script(hit("other.md", 0, 5, text="Another page.", rank=6), "en")
    assert english_sources([chinese[0], sheet[0], other])
    # one Chinese document and one English one holding most passages: English sources
    assert english_sources([chinese[0], *sheet])


def test_a_pronoun_glued_to_the_verb_after_it_is_no_topic():
    # 「我會分到幾多手」: the segmenter's 我会 is "I will", not a thing the sources must name
    terms = content_terms(normalize_for_index("如果分配基準一樣，我會分到幾多手？"), "zh-Hant")
    assert "我会" not in terms and "分配" in terms
    terms = content_terms(normalize_for_index("10月那次配息會被扣二代健保嗎？"), "zh-Hant")
    assert "被扣" not in terms and "健保" in terms
    terms = content_terms(normalize_for_index("普通A股能抵多少？储能股票最多能占多少比重？"), "zh-Hans")
    assert "股能" not in terms and "最多能" not in terms and "储能" in terms and "比重" in terms


def test_a_word_pointing_back_at_things_the_question_named_is_no_topic():
    nouns = topic_nouns(normalize_for_index("觀塘寫字樓同荃灣商場續租租金一個跌一個漲，兩者相差多少個百分點？"))
    assert "两者" not in nouns and "商场" in nouns


def test_two_verbs_the_segmenter_glued_are_no_name():
    from assistant.evidence import _check_chinese
    source = "代领费每档30元，去年每档50元。申请次一营业日从交割账户扣款。平台费每股0.004美元。"
    known = mentioned_in("代领", "费", "代领费", "每档", "去年", "申请", "营业日", "扣款", "便宜", "平台", "佣金", "app")
    # 「代領費比去年」: 費 + 比 read as a name; 「隔天會扣多少」: 會 + 扣 read as a noun, 隔天 (the next day) as a name
    for question in ("今年禾晟的代領費比去年便宜多少？", "我用App申請代領，申請隔天會扣多少？"):
        check = _check_chinese(normalize_for_index(question), "zh-Hant", source, known, None)
        assert not check.names and not {"费比", "会扣"} & set(check.unknown)
    # a made-up name is still one, and so is an index the dictionary names (恒生指数: "Hang Seng index")
    check = _check_chinese(normalize_for_index("今年永濠的代領費比去年便宜多少？"), "zh-Hant", source, known, None)
    assert "永濠" in check.names
    check = _check_chinese(normalize_for_index("恒生指数的成分股是怎么选的?"), "zh-Hans", "成分股 选股", mentioned_in("成分股"), None)
    assert "恒生指数" in check.names


def test_cantonese_plus_is_no_name():
    # 「平台費加埋」: the segmenter's 費加 is a fee and the first character of 加埋 (plus)
    from assistant.evidence import _check_chinese
    known = mentioned_in("佣金", "平台", "平台费", "费")
    check = _check_chinese(normalize_for_index("佣金同平台費加埋幾多？"), "zh-Hant", "佣金 平台费", known, None)
    assert not check.names


def test_a_unit_of_time_alone_is_no_topic():
    # 「这四个季度」: the span the asker counts; a quarter named with its number is a period key elsewhere
    assert "季度" not in content_terms("这四个季度一共要扣多少管理费？", "zh-Hans")
    assert "管理费" in content_terms("这四个季度一共要扣多少管理费？", "zh-Hans")
    assert "月份" not in content_terms("哪几个月份要扣月费？", "zh-Hans")


def test_the_askers_weekday_month_and_country_are_no_topic_of_an_english_question():
    from assistant.evidence import check_evidence
    from tests.assistant.answer_evidence import hit

    text = "結束戶口手續費：開戶未滿12個月HK$300，滿12個月免費。餘款電匯去海外銀行每次HK$220。"
    hits = [hit("close.txt", text=text)]

    def mentioned(word: str, whole_token: bool = False) -> bool:
        return word in text.lower() or word in ("账户", "户口")
    # "Friday" is one term, not three (周五, 星期五, 礼拜五); "UK" and "March" are no nouns the sources must write
    e = check_evidence("What are the account closing charges if I apply on Friday 28 March and want the money wired "
                       "to my bank in the UK?", "en", hits, mentioned)
    assert e.sufficient, (e.terms, e.found, e.nouns)
    assert sum(t in ("周五", "星期五", "礼拜五") for t in e.terms) == 1
    assert "uk" not in e.terms and not e.nouns
    assert "aapl" in content_terms("my bank in the UK and US shares of AAPL", "en")


def test_a_sentence_after_a_one_letter_class_starts_with_a_capital_that_is_no_name():
    from assistant.evidence import english_names

    assert english_names("I hold units of the fund class A. How much income did it accrue?") == []
    assert english_names("Is it listed in the U.S. Treasury market?") == ["treasury"]  # U.S. is an abbreviation
