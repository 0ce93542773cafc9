"""Table rows as answers (assistant.tables): the column a question names, whatever script each is written in."""
from __future__ import annotations

import pytest

from assistant.language import normalize_query
from assistant.tables import extreme_row, row_before_after, row_date, row_pair, row_value

HEADER = "| 代號 | 名稱 | 內扣費用率(%) | 資產規模(億美元) |"
ROWS = ["| NAF | 南岳短債ETF | 0.12 | 120 |", "| NLB | 南岳長債ETF | 0.18 | 455 |", "| NMB | 南岳中債ETF | 0.15 | 230 |"]


def test_a_traditional_header_column_is_named_by_the_normalized_question():
    question = normalize_query("NLB的資產規模是NAF的幾倍?")  # Simplified after normalization: 资产规模
    assert row_value(ROWS[1], HEADER, question) == ("455", False)
    assert row_value(ROWS[1], HEADER, normalize_query("NLB的內扣費用率是多少?")) == ("0.18", True)


def test_a_question_naming_no_column_of_several_gets_no_value():
    assert row_value(ROWS[1], HEADER, normalize_query("NLB是什麼?")) is None


def test_the_extreme_row_is_read_in_the_column_the_question_names():
    rows = [(i, row, HEADER) for i, row in enumerate(ROWS)]
    assert extreme_row(rows, largest=False, question=normalize_query("哪檔的內扣費用率最低?")) == 0
    assert extreme_row(rows, largest=True, question=normalize_query("哪檔資產規模最大?")) == 1


SIZE_HEADER = "| 指數 | 成分股數 | 最高股價 | 最低股價 |"
SIZE_ROW = "| 南岳100 | 100 | 812.5 元 | 6.5 元 |"


def test_two_columns_of_one_row_named_by_the_question_give_a_pair():
    question = normalize_query("南岳100最高股價是最低股價的幾倍?")
    assert row_pair(SIZE_ROW, SIZE_HEADER, question) == [("812.5", "元", "812.5 元"), ("6.5", "元", "6.5 元")]


def test_a_pair_needs_two_distinctly_named_columns_in_one_unit():
    assert row_pair(SIZE_ROW, SIZE_HEADER, normalize_query("南岳100的股價是多少?")) is None  # 股价 names both
    assert row_pair(SIZE_ROW, SIZE_HEADER, normalize_query("南岳100最高股價是成分股數的幾倍?")) is None  # 元 vs none


FEE_HEADER = "| 項目 | 調整前 | 調整後 |"


def test_a_rows_before_and_after_figures_pair_when_the_question_names_the_row_and_one_side():
    question = normalize_query("融資年利率比調整前降了幾個百分點?")
    assert row_before_after("| 融資年利率 | 6.50% | 6.20% |", FEE_HEADER, question) == [
        ("6.50", "%", "6.50%"), ("6.20", "%", "6.20%")]
    # another row, an unchanged figure, or no side named: no pair
    assert row_before_after("| 融券手續費 | 0.08% | 0.10% |", FEE_HEADER, question) is None
    assert row_before_after("| 融資年利率 | 6.20% | 6.20% |", FEE_HEADER, question) is None
    assert row_before_after("| 融資年利率 | 6.50% | 6.20% |", FEE_HEADER, normalize_query("融資年利率是多少?")) is None


def test_the_extreme_row_reads_quantities_written_with_qualifiers_and_units():
    header = "| 指數 | 成分股數量 | 計算方式 |"
    rows = [(0, "| 南岳100 | 100 家 | 市值加權 |", header), (1, "| 東海綜合 | 超過 3,000 家 | 市值加權 |", header),
            (2, "| 北辰30 | 約 30 家 | 股價加權 |", header)]
    assert extreme_row(rows, largest=True, question=normalize_query("哪個指數成分股數量最多?")) == 1
    assert extreme_row(rows, largest=False, question=normalize_query("哪個指數成分股最少?")) == 2


def test_a_bilingual_header_cell_is_labelled_in_the_askers_language():
    from assistant.tables import cell_label

    assert cell_label("权重(%) Weight(%)", "zh-Hans") == "权重(%)"
    assert cell_label("权重(%) Weight(%)", "en") == "Weight(%)"
    assert cell_label("年費% (SITCA 各項費用比率)", "zh-Hant") == "年費%"  # no dangling bracket


def test_the_columns_a_question_names_and_a_row_shown_with_them():
    from assistant.tables import named_columns, render_row

    question = normalize_query("各檔的內扣費用率和資產規模分別是多少?")
    assert named_columns(HEADER, question) == [2, 3]
    assert render_row(ROWS[1], HEADER, "zh-Hant", columns=[2, 3]) == "代號: NLB，內扣費用率(%): 0.18，資產規模(億美元): 455"


def test_latin_words_and_numbers_name_columns_whole():
    from assistant.tables import named_columns

    header = "| 代码 Code | 交易所 Exchange | 权重(%) Weight(%) |"
    assert named_columns(header, normalize_query("how big was it as of jan 2018?")) == []  # "jan" is not "Exchange"
    assert named_columns(header, normalize_query("which exchange, and what weight?")) == [1, 2]
    years = "| 項目 | 2014年 | 2017年 |"
    assert named_columns(years, normalize_query("2017年配息多少?")) == [2]  # not 2014年: "20" is no shared word


def test_columns_sharing_a_word_are_named_by_the_qualifier_in_brackets():
    from assistant.tables import named_columns

    header = "| 基金 | 最短持有期 | 管理費（I） | 管理費（C，參考） | 銷售服務費（C，參考） |"
    assert named_columns(header, normalize_query("I類份額的管理費和最短持有期各是多少？")) == [1, 2]
    assert named_columns(header, normalize_query("C類的管理費呢？")) == [3]  # its 銷售服務費 is not asked
    assert named_columns(header, normalize_query("管理費是多少？")) == []  # no class named: neither column


def test_a_percentage_change_is_asked_of_the_amount_not_of_the_rate_the_same_word_names():
    header = "| 除息日 | 每單位派息(元) | 單次派息率 |"
    row = "| 2025/09/16 | 0.36 | 4.60% |"
    question = "2025年9月嗰次派息比2025年3月多了百分之几?"  # 次派 names the rate column more closely
    assert row_value(row, header, question, rate_change=True) == ("0.36", False)
    assert row_value(row, header, question) == ("4.60%", True)  # a difference may be asked of either


def test_the_column_named_by_most_of_the_question_words_is_the_one_asked():
    header = "| Week ending | 7-day SEC yield | 7-day yield without waivers |"
    row = "| October 9, 2026 | 4.18% | 4.07% |"
    assert row_value(row, header, "how much did the 7-day sec yield fall in october?") == ("4.18%", True)
    assert row_value(row, header, "what was the 7-day yield without waivers?") == ("4.07%", True)


def test_a_typeset_minus_sign_is_a_negative_figure_and_best_and_worst_rank():
    from assistant.answer_types import answer_type
    from assistant.tables import extreme_row, quantity

    header = "| Year | Closing level | Price return (%) |"
    rows = [(y, f"| {y} | 1,000.00 | {v} |", header) for y, v in
            [(2016, "+8.4"), (2018, "\u221212.3"), (2022, "\u221215.9"), (2024, "+24.1"), (2025, "+3.0")]]
    assert quantity("\u221212.3") == ("-12.3", "")
    # the year column labels the rows: "the best calendar year" ranks the returns, not the years
    assert extreme_row(rows, True, "best calendar year") == 2024 and extreme_row(rows, False, "worst year") == 2022
    assert answer_type("which was the index's best calendar year, and by how much did it rise?") == "rank_max"
    assert answer_type("what was its worst year?") == "rank_min"
    assert answer_type("what is the best way to buy it?") != "rank_max"


def test_an_english_rank_question_names_a_chinese_tables_column_through_its_index_words():
    from assistant.tables import extreme_row

    header = "| 月份 | 營收（億元） | 年增率 |"
    rows = [(m, f"| 2026年{m}月 | {v} | {g} |", header) for m, v, g in
            [(3, "12.40", "61.2%"), (4, "15.85", "20.4%"), (5, "14.02", "33.0%")]]
    # without the column named the last numeric one (growth) would rank: March
    assert extreme_row(rows, True, "Which month had the highest revenue?") == 4
    assert extreme_row(rows, True, "哪個月年增率最高?") == 3


def test_the_largest_of_a_rank_column_is_the_row_ranked_first():
    from assistant.tables import extreme_row

    header = "| 排名 | 公司名稱 | 代碼 |"
    rows = [(name, f"| {rank} | {name} | {code} |", header)
            for rank, name, code in ((1, "嵐泰科技", "LT"), (2, "澄灣能源", "CW"), (3, "霽川醫療", "JC"))]
    assert extreme_row(rows, True, "which company is the biggest holding?") == "嵐泰科技"
    assert extreme_row(rows, False, "the smallest of the ten listed?") == "霽川醫療"


@pytest.mark.parametrize("row, date", [
    ("| 2026/07/17 | 0.45 |", (2026, 7, 17)),
    ("| 2026年3月27日 | 0.41 |", (2026, 3, 27)),
    ("| 9 July 2025 | 25 July 2025 | 0.0510 |", (2025, 7, 9)),
    ("| July 9, 2025 | 0.0510 |", (2025, 7, 9)),
    ("| Sep 2024 | 1.2 |", (2024, 9, 0)),
    ("| Fund (NAV) | 27.42% |", None),
])
def test_row_date_reads_chinese_numeric_and_english_dates(row, date):
    assert row_date(row) == date
