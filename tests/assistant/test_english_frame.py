"""What code says in English about Chinese evidence (assistant.english_frame)."""
from __future__ import annotations

from assistant.english_frame import english_facts, english_terms, facts_of


def test_figures_dates_and_units_are_rendered():
    assert facts_of("南岳指數於2025年9月17日收於8,615點，上漲2.1%。") == ["17 September 2025", "8,615 points", "2.1%"]


def test_a_year_followed_by_nian_is_a_year_not_a_duration():
    facts = facts_of("本文帶你看它如何成為你 2026 年資產配置的關鍵，閉鎖期為 90 天，已運作 12 年。")
    assert "2026" in facts and "2026 years" not in facts
    assert "90 days" in facts and "12 years" in facts


def test_each_fact_carries_its_marker_and_the_list_is_bounded():
    quotes = [("北辰ETF(ticker: NBX)的費用率為0.32%。", 1), ("北辰ETF規模為85億元。", 2)]
    assert english_facts(quotes) == ["0.32% [1]", "ETF [1]", "NBX [1]", "8.5 billion yuan [2]", "ETF [2]"]
    assert len(english_facts(quotes * 10, limit=3)) == 3


def test_finance_terms_in_the_quotes_get_their_english_with_the_quote_marker():
    quotes = [("北辰指數採用流通市值加權，每季再平衡一次。", 1), ("選ETF時要看追蹤誤差與費用率。", 2)]
    terms = english_terms(quotes)
    assert "“流通市值” = float-adjusted market cap [1]" in terms  # the longest word: not 市值 inside it
    assert "“追蹤誤差” = tracking error [2]" in terms and "“費用率” = expense ratio [2]" in terms
    assert not any(t.startswith("市值 =") for t in terms)


def test_terms_the_question_asked_about_come_first_and_the_list_is_bounded():
    quotes = [("北辰指數採用流通市值加權，每季再平衡一次。", 1), ("選ETF時要看追蹤誤差與費用率。", 2)]
    asked = "what is the expense ratio 费用率"
    assert english_terms(quotes, asked)[0] == "“費用率” = expense ratio [2]"
    assert len(english_terms(quotes, limit=2)) == 2


def test_simplified_quotes_show_their_own_characters():
    assert english_terms([("该基金的管理费为0.5%。", 3)]) == ["“管理费” = management fee [3]"]


def test_glossary_words_are_written_as_the_index_normalizes_them():
    from assistant.english_frame import glossary
    from knowledge_base.scripts import normalize_for_index
    words = glossary()
    assert len(words) > 100
    assert [w for w in words if normalize_for_index(w) != w] == []  # else they could never match a quote


def test_a_currency_written_before_the_figure_is_the_figures_currency():
    assert facts_of("基金資產淨值約為港幣42億元。") == ["4.2 billion HK dollars"]
    assert facts_of("發行價格為新台幣 36.98元，手續費為每股2元。") == ["36.98 NT dollars", "2 yuan"]


def test_entity_names_in_the_quotes_get_their_english_name():
    terms = english_terms([("| 那斯達克 (那斯達克) | 超過 3000 家 |", 6), ("標普500與羅素2000的估值差距擴大。", 7)])
    assert "“那斯達克” = Nasdaq [6]" in terms
    assert "“標普500” = S&P 500 [7]" in terms and "“羅素2000” = Russell 2000 [7]" in terms


def test_a_small_count_without_its_word_is_not_listed():
    # 第12期 and 30檔 mean nothing as "12" and "30"; 365天 and 1,860億元 keep their units
    facts = facts_of("「稳盈365天」第12期成分股共30檔,规模约1,860億元。")
    assert "12" not in facts and "30" not in facts
    assert "365 days" in facts and any("186" in f for f in facts)


def test_a_telephone_numbers_digit_groups_are_not_figures():
    assert facts_of("查詢請致電 (852) 2000 2719 或 +852 3100 8800。") == []
    assert facts_of("Call 800-555-0199 about the fund's 0.09% expense ratio.") == ["0.09%"]
    assert "2025" in facts_of("2025-2026年度每基金單位派息0.52港元。")  # a span of years stays


def test_a_licence_or_registration_code_gives_no_facts():
    facts = facts_of("經營證券期貨業務許可證編號：91350000MA2CCQ7X（虛構），收費0.05%")
    assert facts == ["0.05%"]  # not 91350000, MA or CCQ
    assert "BQX417" not in " ".join(facts_of("Westmere Securities (CE No. BQX417) charges 0.50%"))


def test_one_of_a_unit_is_singular():
    assert facts_of("期限1天，佣金0.001%；7天期限佣金0.005%") == ["1 day", "0.001%", "7 days", "0.005%"]



def test_an_amount_keeps_the_currency_sign_written_before_it():
    # not "800,000" and a ticker "HK" apart
    assert facts_of("每人最多認購80手（HK$800,000），最少1手。") == ["HK$800,000"]
    assert facts_of("代收利息手續費0.20%，最低收HK$10；預扣US$76.80。") == ["0.20%", "HK$10", "US$76.80"]
    assert facts_of("申购金额为RMB 2,500,000。") == ["RMB 2,500,000"]


def test_an_english_answer_states_the_facts_of_its_chinese_quotes_only():
    """An English quote is shown as written: its figures and capitalised words ("The July") are no facts to list."""
    from assistant.composers.extractive import ExtractiveComposer
    from assistant.composers.extractive_candidates import Candidate
    from assistant.language import QueryLanguage

    english = "- The July to September 2036 quarter is still charged at the current rates and minimum of HK$100."
    chinese = "新安排（2036年6月2日起）每次最低貸款額HK$2,000。"
    chosen = [Candidate(1, 0, len(english), english, frozenset(), 0),
              Candidate(2, 0, len(chinese), chinese, frozenset(), 0)]
    from types import SimpleNamespace

    contexts = [SimpleNamespace(chunk=SimpleNamespace(doc_id=d)) for d in ("page_en.html", "notice_zh-hant.txt")]
    text = ExtractiveComposer().render(chosen, QueryLanguage("en"), contexts)
    stated = text.split("From the sources")[0]
    assert "HK$2,000 [2]" in stated and "2 June 2036 [2]" in stated
    assert "[1]" not in stated  # nothing of the English line: "The July", HK$100
    assert f"“{english}” [1]" in text  # which is quoted in full
