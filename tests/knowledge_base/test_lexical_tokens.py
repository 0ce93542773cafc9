"""Index words (knowledge_base.lexical_tokens.tokenize): what a question and a chunk can share."""
from __future__ import annotations

from knowledge_base.lexical_tokens import expand_query, tokenize
from knowledge_base.scripts import normalize_for_index


def test_lone_letters_and_punctuation_are_not_words():
    tokens = tokenize(normalize_for_index("S&P 500 的 P/E 約為 25 倍，lock-up 期為 90 天"))
    assert not {"s", "p", "e", "-", "/", "&"} & set(tokens)
    assert {"500", "25", "lock", "up", "90"} <= set(tokens)


def test_figures_keep_their_point_and_percent_sign():
    tokens = tokenize(normalize_for_index("費用率 0.35% 降至 0.20%，float-adjusted 市值"))
    assert "0.35%" in tokens and "0.20%" in tokens
    assert {"float", "adjusted"} <= set(tokens) and "-" not in tokens


def test_a_small_number_in_a_question_is_searched_as_a_chinese_numeral_too():
    from knowledge_base.retriever import plan_query

    assert {"0", "零"} <= set(plan_query("市盈率是0是什麼意思?").lexical_tokens)
    assert "十二" in plan_query("道指最初有12只成分股").lexical_tokens
    assert not {"两千", "二千"} & set(plan_query("罗素2000").lexical_tokens)  # only small whole numbers


def test_digits_that_are_no_number_are_left_alone():
    from knowledge_base.retriever import plan_query

    assert plan_query("x³ 與 ²⁵ 是什麼?").lexical_tokens  # planned without error (cn2an rejects ³)


def test_brokerage_words_are_one_index_word_not_single_characters():
    tokens = tokenize(normalize_for_index("整戶擔保維持率低於130%時發出追繳通知；每手500股，孖展認購須付利息。"))
    assert {"维持率", "每手", "孖展"} <= set(tokens)
    assert "率" not in tokens and "手" not in tokens


def test_a_counts_measure_word_is_not_glued_to_the_name_after_it():
    tokens = tokenize(normalize_for_index("我有2,000股瀾嶼儲能，3手長江實業"))
    assert {"澜屿", "储能", "长江"} <= set(tokens)
    assert not any(t.startswith(("股澜", "手长")) for t in tokens)
    # a word the measure starts stays whole
    assert "份额" in tokenize("持有100份额") and "股东" in tokenize("前10股东")


def test_a_share_dividend_wording_is_segmented_into_its_words():
    tokens = tokenize(normalize_for_index("公司擬向全體股東每10股派發現金紅利4.60元（含稅），稅前金額"))
    assert {"派发", "现金", "红利", "税前"} <= set(tokens)
    assert "发现" not in tokens and "金红利" not in tokens
    assert {"发现", "金额"} <= set(tokenize("他发现金额不对"))  # 发现 stays where it is the word


def test_a_weekday_is_searched_by_its_other_names():
    from knowledge_base.lexical_tokens import expand_query

    assert {"周四", "礼拜四"} <= set(tokenize(expand_query("星期四做1天期")))
    assert {"周一", "星期一"} <= set(tokenize(expand_query("a 7-day repo on monday 15 march")))
    assert "周日" in tokenize(expand_query("礼拜天休市吗"))
    assert tokenize(expand_query("周期股")) == tokenize("周期股")  # no weekday in 周期


def test_a_hong_kong_cantonese_word_that_t2s_rewrites_is_still_read_as_mandarin():
    # t2s writes 嗰 as 𠮶: the table's 嗰陣 row must meet the normalized question
    assert "那时" in expand_query(normalize_for_index("跌到最低嗰陣會剩返幾多？"))
    assert "𠮶" not in expand_query(normalize_for_index("嗰隻ETF點樣？"))


def test_an_account_is_one_word_however_either_script_writes_it():
    # t2s turns 帳戶 into 帐户 and 賬戶 into 账户; Hong Kong's 櫃枱 is the mainland's 柜台
    assert tokenize(normalize_for_index("銀行帳戶")) == tokenize(normalize_for_index("银行账户"))
    assert normalize_for_index("臨時櫃枱") == normalize_for_index("临时柜台")
    assert normalize_for_index("帐篷") == "帐篷"  # a tent stays a tent
