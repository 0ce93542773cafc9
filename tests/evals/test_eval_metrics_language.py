from evals.metrics.language import answer_script, language_matches


def test_english_answer_framing_quoted_chinese_is_english():
    answer = "The article says 「羅素2000指數由富時羅素編製,追蹤美國約2,000家小型公司」[1], so FTSE Russell compiles it."
    assert answer_script(answer) == "en"
    assert language_matches(answer, "en")
    assert not language_matches(answer, "zh-Hant")


def test_stray_chinese_name_in_english_sentence_is_english():
    assert answer_script("The Russell 2000 (羅素2000) tracks about 2,000 US small caps [2].") == "en"


def test_chinese_answers_with_tickers_are_chinese_in_their_script():
    trad = "IWM(iShares Russell 2000 ETF)是全球規模最大、流動性最強的羅素2000 ETF[1]。"
    simp = "IWM(iShares Russell 2000 ETF)是全球规模最大、流动性最强的罗素2000 ETF[1]。"
    assert answer_script(trad) == "zh-Hant" and language_matches(trad, "zh-Hant")
    assert answer_script(simp) == "zh-Hans" and not language_matches(simp, "zh-Hant")


def test_quoted_source_script_does_not_decide_a_chinese_answer():
    # A Simplified answer quoting a Traditional source is still Simplified.
    answer = "文章写道:「羅素2000指數創下歷史新高,連續11日跑贏標普500」[1],说明小盘股走强。"
    assert answer_script(answer) == "zh-Hans"


def test_script_neutral_chinese_matches_either_chinese_script_but_not_english():
    assert language_matches("文章指出", "zh-Hant") and language_matches("文章指出", "zh-Hans")
    assert not language_matches("文章指出", "en")
    assert answer_script("佢哋話係") == "zh-Hant"  # Cantonese particles mark Traditional


def test_empty_answer_matches_nothing():
    assert not language_matches("", "zh-Hans")
