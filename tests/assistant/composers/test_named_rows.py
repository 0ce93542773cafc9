"""Rows a question names by the number that labels them (assistant.composers.named_rows)."""
from __future__ import annotations

from assistant.composers.extractive_candidates import Candidate, sentence_tokens
from assistant.composers.named_rows import number_named_row_ids
from knowledge_base.scripts import normalize_for_index

HEADER = "| 時間段 | 平均年回報率 |"
ROWS = ["| 10 年 (2015 – 2024) | 13.1% |", "| 30 年 (1995 – 2024) | 9.3% |"]


def _rows() -> list[Candidate]:
    return [Candidate(1, i, i + 1, r, sentence_tokens(r), i, "table_row", HEADER) for i, r in enumerate(ROWS)]


def test_a_row_labelled_by_the_number_and_unit_the_question_states_is_named():
    rows = _rows()
    question = normalize_for_index("南岳100過去30年平均年回報幾多?")
    assert number_named_row_ids(rows, question, frozenset({"30", "年"})) == {id(rows[1])}


def test_the_same_number_with_another_unit_names_no_row():
    rows = _rows()
    question = normalize_for_index("南岳100從12只擴到30只用了幾年?")
    assert number_named_row_ids(rows, question, frozenset({"12", "30"})) == set()
