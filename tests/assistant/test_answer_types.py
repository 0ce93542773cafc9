"""Whether a question asks for a figure, whatever else it asks (assistant.answer_types.asks_how_much)."""
from __future__ import annotations

import pytest

from assistant.answer_types import answer_type, asks_how_much, top_count
from assistant.language import normalize_query


@pytest.mark.parametrize("question", [
    "北辰指數的換手率是多少?", "调整以后任何一只股票最多能占到多少比重?", "呢隻基金收幾多管理費?",
    "How much does the fund charge?", "What percentage of assets is in bonds?",
])
def test_how_much_questions_ask_for_a_figure(question):
    assert asks_how_much(normalize_query(question))


@pytest.mark.parametrize("question", [
    "北辰指數的成分股由誰拍板?", "新名单从哪天开始生效?", "港灃房託幾時派息?", "Who manages the fund?",
    "哪家公司负责管理这只房托?",
])
def test_who_when_which_questions_do_not(question):
    assert not asks_how_much(normalize_query(question))


def test_a_rank_question_can_also_ask_for_a_figure():
    question = normalize_query("调整以后任何一只股票最多能占到多少比重?")
    assert answer_type(question) == "rank_max" and asks_how_much(question)


@pytest.mark.parametrize("question, kind", [
    ("When was the Harbourview 30 first published?", "date"),  # "first" is the earliest time, not a rank
    ("Which was the first bond fund listed in Singapore?", "name"),
    ("Which company ranks first by weight?", "rank_max"),
    ("Which sector is in first place?", "rank_max"),
])
def test_first_asks_for_the_earliest_unless_it_names_a_place(question, kind):
    assert answer_type(normalize_query(question)) == kind


@pytest.mark.parametrize("question", [
    "What is the expense ratio of the bond ETF?",
    "whats the fund's dividend yield now",
    "What was the trust's total return in 2025?",
    "what's the index's P/E",
])
def test_what_is_a_measure_asks_for_a_figure(question):
    assert answer_type(normalize_query(question).lower()) == "number"


@pytest.mark.parametrize("question, kind", [
    ("What does the expense ratio mean?", "definition"),
    ("What is the Harbourview 30?", None),
])
def test_what_is_a_thing_or_a_meaning_is_not_a_figure(question, kind):
    assert answer_type(normalize_query(question).lower()) == kind


@pytest.mark.parametrize("question, count", [
    ("前三大成分股權重加起來是多少？", 3),
    ("最大嘅五隻成分股合共佔幾多？", 5),
    ("What is the combined weight of the top ten holdings?", 10),
    ("the three largest sectors together", 3),
    ("前3年的年化回報是多少？", None),  # a period, not places of a ranking
    ("第三大成分股是哪隻？", None),  # one place: rank_position's
    ("前1大", None),
])
def test_top_count_reads_the_leading_places_asked_together(question, count):
    assert top_count(normalize_query(question).lower()) == count


@pytest.mark.parametrize("question", ["幾點截單？", "App圈存几点截止？", "By what time must I place the order?",
                                      "what time does after-hours trading end"])
def test_a_time_of_day_asked_is_its_own_kind(question):
    assert answer_type(normalize_query(question)) == "time"


def test_a_clock_time_satisfies_a_time_question_and_a_date_alone_does_not():
    from assistant.answer_types import satisfies
    assert satisfies("time", "App圈存：營業日8:00–13:25，即時生效。")
    assert satisfies("time", "Trade Date: Monday 16 April 2029 (orders close at 12:00 noon).")
    assert satisfies("time", "分行下午4點截止")
    assert not satisfies("time", "認購期：2029年3月5日至2029年3月9日")


def test_a_code_with_digits_is_no_date():
    from assistant.answer_types import satisfies
    assert not satisfies("date", "「頤年延期年金計劃」（認證編號QDAP-0418-27）")
    assert satisfies("date", "Effective 2038-05-01.") and satisfies("date", "由2038年5月1日起修訂")


@pytest.mark.parametrize("question", ["贖回嘅錢幾耐到帳？", "份額幾天確認？", "要幾多日先收到錢？",
                                      "How long until I can sell?", "how many business days does settlement take?"])
def test_a_length_of_time_asked_is_its_own_kind(question):
    assert answer_type(normalize_query(question)) == "duration"


def test_a_length_of_time_satisfies_a_duration_question_and_a_date_does_not():
    from assistant.answer_types import satisfies
    for text in ("過戶一般約10個營業日。", "份額於T+2確認。", "於申請次一營業日扣款。", "Notes are issued two business days later."):
        assert satisfies("duration", text), text
    for text in ("認購期：2030年5月13日至15日。", "Results are published on 17 May."):
        assert not satisfies("duration", text), text


def test_how_long_something_lasts_is_answered_by_when_it_ends():
    from assistant.answer_types import satisfies
    assert satisfies("duration", "The adviser has agreed to waive 0.06% of its fee through December 31, 2027.")
    assert satisfies("duration", "管理費豁免期至2027年12月31日止。")
