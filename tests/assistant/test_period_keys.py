"""The period a question pins its figure to, and the ways a document writes one (assistant/periods.py)."""
from __future__ import annotations

import pytest

from assistant.period_keys import question_periods, unstated_periods


@pytest.mark.parametrize("question, expected", [
    ("00968在2024年10月那次配息每单位多少元?", [("2024年10月", 2024, 10, None, None)]),
    ("What was the 7-day yield for the week ending September 25, 2026?", [("September 25, 2026", 2026, 9, 25, None)]),
    ("稳盈第8期的实际年化收益率是多少?", [("第8期", None, None, None, 8)]),
    ("2026年7月嗰次配息比2025年7月多咗百分之几?", [("2026年7月", 2026, 7, None, None), ("2025年7月", 2025, 7, None, None)]),
    ("2025年的收市价是多少?", [("2025年", 2025, None, None, None)]),
    ("How did the fund do in 2024?", [("in 2024", 2024, None, None, None)]),
    ("3月18日除息吗?", [("3月18日", None, 3, 18, None)]),
    ("近五年的回报是多少?", [("近五年", None, None, None, None)]),  # a span up to now: its length, below
    # a full month name's dot ends the sentence; an abbreviation's is its own
    ("I withdrew HK$3,200 on 22 May. What bonus do I get?", [("22 May", None, 5, 22, None)]),
    ("Paid on 3 Jan. 2026?", [("3 Jan. 2026", 2026, 1, 3, None)]),
])
def test_periods_a_question_names(question, expected):
    assert [(p.text, p.year, p.month, p.day, p.series) for p in question_periods(question)] == expected


@pytest.mark.parametrize("question", ["自2000年以来涨了多少?", "罗素2000指数的市盈率是多少?",
                                      "What happened from 2019 to 2024?"])
def test_a_year_that_bounds_a_span_or_a_number_in_a_name_is_no_period(question):
    assert question_periods(question) == ()


@pytest.mark.parametrize("question, text", [
    ("2026年7月那次配息多少?", "| 2026/07/17 | 0.50 |"),
    ("2026年7月那次配息多少?", "2026年7月的配息中"),
    ("2026年7月那次配息多少?", "paid on July 17, 2026"),
    ("What was paid in October 2026?", "| 10/09/2026 | 4.18% |"),
    ("What was the yield for the week ending October 9, 2026?", "| 2026-10-09 | 4.18% |"),
    ("What was the yield for the week ending October 9, 2026?", "| Oct. 9, 2026 | 4.18% |"),
    ("第8期的收益率?", "| 第 8 期 | 3.10% |"),
    ("2024年的股息率?", "2024 | 5.3%"),
])
def test_a_period_is_found_in_the_forms_documents_write(question, text):
    assert unstated_periods(question, ["unrelated", text]) == []


@pytest.mark.parametrize("question, text", [
    ("2024年10月那次配息多少?", "| 2025/10/16 | 0.40 |\n| 2024/07/17 | 0.41 |"),
    ("What was the yield for the week ending September 25, 2026?", "| Oct 2, 2026 | 4.20% |\n| 2026-10-09 | 4.18% |"),
    ("第8期的收益率?", "| 第9期 | 3.10% |\n| 第18期 | 3.0% |"),
    ("2023年的股息率?", "| 2024 | 5.3% |\n| 12023 |"),
])
def test_a_period_no_text_states_is_reported_as_the_question_wrote_it(question, text):
    assert unstated_periods(question, [text]) == [question_periods(question)[0].text]


def test_a_period_another_chunk_states_is_not_unstated():
    """Retrieval missed the chunk, the sources did not: the knowledge base's chunks holding the anchor count."""
    asked: list[tuple[str, int]] = []

    def texts_with(token: str, limit: int) -> list[str]:
        asked.append((token, limit))
        return ["| 2024/10/16 | 0.40 |"] if token == "2024" else []

    assert unstated_periods("2024年10月那次配息多少?", ["| 2025/10/16 | 0.40 |"], texts_with) == []
    assert asked and asked[0][0] == "2024"
    assert unstated_periods("2023年10月那次配息多少?", ["| 2025/10/16 | 0.40 |"], texts_with) == ["2023年10月"]
    assert unstated_periods("第8期的收益率?", ["| 第9期 | 3.10% |"], lambda token, limit: ["第 8 期 3.2%"]) == []


def assert_stated_only_in(question: str, stated: str, unstated: str) -> None:
    """The question's period is stated by `stated` and, as the question wrote it, unstated by `unstated`."""
    assert unstated_periods(question, [stated]) == []
    assert unstated_periods(question, [unstated]) == [question_periods(question)[0].text]


@pytest.mark.parametrize("question, stated, unstated", [
    # a half or a quarter of a year is stated only with its year: the dates of 2026 are not its first half
    ("2026年上半年收入是多少?", "2026年中期收入為3.1億元", "| 2025年 | 6.82億元 |\n上市日期: 2026年12月10日"),
    ("2025年第三季的盈利是多少?", "2025年第3季度盈利1.2億元", "2025年全年盈利4.6億元"),
    ("What was revenue in the first half of 2026?", "Revenue in H1 2026 was $3.1 million.", "Revenue in 2026 Q3 was $2m."),
    ("What did the fund earn in Q2 2025?", "In the second quarter of 2025 it earned 1.2%.", "It earned 4.8% in 2025."),
    # results releases write halves and quarters as 1H2026 and 3Q25
    ("What was revenue in the first half of 2026?", "| Segment | Revenue 1H2026 | Revenue 1H2025 |", "Revenue 2H2025: 3.0"),
    ("2025年第三季的盈利是多少?", "Profit 3Q25 rose to $1.2m.", "Profit 2Q25 was $1.0m."),
])
def test_a_half_or_a_quarter_is_stated_only_as_that_part_of_its_year(question, stated, unstated):
    assert_stated_only_in(question, stated, unstated)


@pytest.mark.parametrize("question, stated, unstated", [
    # an ordinal row of a schedule or of tiers, in Chinese or Arabic numerals either side
    ("这只可转债第七年的票面利率是多少?", "| 第7年 | 2.50% |", "| 第一年 | 0.30% |\n| 第六年 | 2.00% |"),
    ("第3年的利率是多少?", "| 第三年 | 1.00% |", "| 第一年 | 0.30% |\n| 第二年 | 0.50% |"),
    ("信用额度第三级上限是多少?", "第三級上限為新臺幣300萬元", "第一級上限為新臺幣50萬元,第五級上限為1,500萬元"),
    ("What is the credit limit of a level-3 account?", "第三級上限為新臺幣300萬元", "第一級上限為新臺幣50萬元,第五級上限為1,500萬元"),
    # the first is also written 首: 首次, 首轮
    ("第一次降息后12个月小盘股平均涨了多少?", "首次降息後12個月平均上漲約15%", "第二次降息後平均上漲約8%"),
])
def test_an_ordinal_row_is_stated_only_as_itself(question, stated, unstated):
    assert_stated_only_in(question, stated, unstated)


def test_a_months_end_without_its_year_is_a_period_of_the_documents_year():
    question = "这只基金10月底的规模是多少？"
    assert [(p.year, p.month) for p in question_periods(question)] == [(None, 10)]
    assert unstated_periods(question, ["截至2026年11月30日，基金规模38.62亿元"]) == ["10月底"]
    assert unstated_periods(question, ["截至2026年10月31日，基金规模38.62亿元"]) == []
    assert unstated_periods(question, ["Fund size as of 31 October 2026: 3.9 billion"]) == []
    assert unstated_periods("10月底到期的那只产品收益率多少?", ["| 2026/10/28 | 3.1% |"]) == []


@pytest.mark.parametrize("question, stated, unstated", [
    ("What's the 3-year return of the fund's Class A?", "| 1 Year | 3 Year | 5 Year |", "| 近1月 | 近6月 | 近1年 |"),
    ("近一年比业绩基准多赚了多少?", "| 近1年 | 11.64% | 6.89% |", "| 近6月 | 7.15% | 5.02% |"),
    ("近一年升咗幾多?", "過去12個月上漲8%", "今年以來上漲5%"),
    ("近三年年化回报是多少?", "three-year annualised return: 5.1%", "近1年 5.1%，成立以來 30%"),
    ("How did it do over the past five years?", "| 1年 | 3年 | 5年 |", "Over the past three years it rose 9%."),
])
def test_a_span_up_to_now_is_stated_only_with_its_length(question, stated, unstated):
    assert_stated_only_in(question, stated, unstated)


def test_a_spans_length_in_a_row_label_or_a_since_phrase_states_it():
    assert unstated_periods("標普五百過去30年平均年回報幾多?", ["| 30 年 (1994 – 2024) | 9.33% |"]) == []
    assert unstated_periods("近十年的年化回报?", ["十年來年化回報約8%"]) == []
    assert unstated_periods("近十年的年化回报?", ["第10年起每年派息"]) == ["近十年"]


@pytest.mark.parametrize("question", ["What was the revenue for the full year 2025?", "FY2025的营收是多少?",
                                      "2025年全年收入多少?"])
@pytest.mark.parametrize("text", ["| 收入 | 1H2026: 412.6 | 1H2025: 368.9 |", "截至2025年6月30日止六个月: 921.6",
                                  "Balance sheet at 31 Dec 2025: total assets 1,203", "H1 2025 revenue rose 12%"])
def test_a_half_a_quarter_or_a_day_of_a_year_does_not_state_the_full_year(question, text):
    assert unstated_periods(question, [text]) != []


@pytest.mark.parametrize("text", ["Revenue for the year ended 31 December 2025 was S$800m",
                                  "截至2025年12月31日止年度收入为50亿元", "2025年全年营收50亿元", "| 2025 | 50 |",
                                  "FY2025 results"])
def test_the_full_year_is_stated_by_the_year_or_its_closing_day(text):
    assert unstated_periods("What was the revenue for the full year 2025?", [text]) == []


def test_a_bare_year_is_still_stated_by_a_half_of_it():
    # no "full year" in the question: 1H2025 is the nearest the sources come, and the answer says which it is
    assert unstated_periods("What was the revenue in 2025?", ["1H2025: 368.9"]) == []


def test_a_period_another_subjects_chunk_states_is_still_unstated_for_this_one():
    retrieved = ["| 项目 | 2026年1-6月 | 2025年度 |\n| 归属于母公司所有者的净利润 | 6,215.08 | 13,652.90 |"]
    elsewhere = ["corvane's fiscal 2026 revenue outlook remains unchanged for 2026 as a whole"]
    question = "曜衡精密2026年全年净利润预计能到多少？"
    assert unstated_periods(question, retrieved, lambda token, limit: elsewhere, ["曜衡精密", "净利润"]) == ["2026年全年"]
    # without the question's topic words, any chunk stating the year counts (retrieval may have missed it)
    assert unstated_periods(question, retrieved, lambda token, limit: elsewhere) == []
    own = ["曜衡精密预计2026年全年净利润为2.6亿元至2.9亿元"]
    assert unstated_periods(question, retrieved, lambda token, limit: own, ["曜衡精密", "净利润"]) == []


def test_a_fiscal_year_is_a_whole_year_its_quarters_and_months_do_not_state():
    (p,) = question_periods("how much did it spend buying back stock in fiscal 2025?")
    assert p.whole_year and p.year == 2025
    assert question_periods("what was revenue in fiscal year 2025?")[0].whole_year
    assert not p.stated_in("revenue  q3 fy2026  q3 fy2025  change")
    assert not p.stated_in("nine months ended september 27, 2026: revenue $3,652.8 million (nine months fiscal 2025: $2,9")
    assert p.stated_in("fiscal 2025 revenue was $4.1 billion")


def test_a_period_the_retrieved_documents_state_anywhere_counts_whatever_the_chunk_names():
    question = "Harbourlight黄金ETF过去五年有冇跑赢基准？"
    retrieved = ["Harbourlight Physical Gold ETF: ongoing charges 0.40%"]
    table = "| | 1 year | 3 years (annualised) | 5 years (annualised) |\n| Fund | 18.42% | 14.07% | 9.83% |"
    other = "Northgate Bond Fund 5 years (annualised) 3.10%"
    about = ["harbourlight", "etf"]
    # the fact sheet's own table names "Fund", not the fund: stated, being in a retrieved document
    assert unstated_periods(question, retrieved, lambda t, n: [other], about, lambda: [retrieved[0], table]) == []
    # another fund's chunk stating five years does not state it for this one
    assert unstated_periods(question, retrieved, lambda t, n: [other], about, lambda: retrieved) == ["过去五年"]


@pytest.mark.parametrize("question, text", [
    ("How much will the REIT pay as its final distribution for 2026?", "分派期間: 2025年末期，每基金單位分派: 21.90"),
    ("翠嶺房託2026年末期息幾多？", "2026年中期分派每基金單位22.18港仙"),
    ("What is the 2026 final dividend?", "The Board declared an interim dividend of 12 cents for 2026."),
])
def test_a_years_final_payout_is_not_stated_by_its_interim_one_or_last_years_final(question, text):
    assert unstated_periods(question, [text]) == [question_periods(question)[0].text]


@pytest.mark.parametrize("question, text", [
    ("How much will the REIT pay as its final distribution for 2026?", "截至2026年12月31日止年度之末期分派"),
    ("2026年度末期股息係幾多？", "The Board recommends a 2026 final dividend of 18.0 cents per share."),
    ("What is the final dividend for 2025?", "a final dividend for the year ended 31 December 2025 of HK18.0 cents"),
])
def test_a_years_final_payout_is_found_where_a_document_states_it(question, text):
    assert unstated_periods(question, ["unrelated", text]) == []
