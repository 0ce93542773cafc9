"""Table rows as answers (assistant.tables): the column a question names, whatever script each is written in."""
from __future__ import annotations

from assistant.language import normalize_query
from assistant.tables import extreme_row, row_value

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
