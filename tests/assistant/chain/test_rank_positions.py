"""Rank questions that ask for a place other than the first (第二大, 排第三, second-largest), on a table written
for this test (fictional index)."""
from __future__ import annotations

import pytest

from assistant.answer_types import answer_type, rank_position
from tests.conftest import assistant_over

TABLE = """# 北辰新能源30指數：前五大成分股

北辰新能源30指數每季檢討一次成分股，單一成分股權重上限為12%。

| 代碼 | 公司 | 行業 | 權重 |
| --- | --- | --- | --- |
| 301001 | 澤川儲能 | 儲能 | 11.8% |
| 301002 | 嶺南光伏 | 光伏 | 9.4% |
| 301003 | 東嶼風電 | 風電 | 10.6% |
| 301004 | 星衡電池 | 電池 | 7.2% |
| 301005 | 雲峰氫能 | 氫能 | 5.1% |
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("ranks"), {"index.md": TABLE}).ask


def test_the_place_a_rank_question_asks_for():
    assert (answer_type("权重排第二的是哪家公司"), rank_position("权重排第二的是哪家公司")) == ("rank_max", 2)
    assert (answer_type("which is the third-largest holding"), rank_position("which is the third-largest holding")) \
        == ("rank_max", 3)
    assert rank_position("第2期的收益率最高是多少") == 1  # a series number is no place
    assert answer_type("权重第二小的是哪只") == "rank_min"


@pytest.mark.parametrize("question, company", [
    ("北辰新能源30入面權重第二大嘅係邊間公司?", "東嶼風電"),  # 10.6%, not the first row's order
    ("北辰新能源30中权重排第三的是哪家公司?", "岭南光伏"),  # answered in the asker's script
    ("北辰新能源30權重最高的是哪一家?", "澤川儲能"),
])
def test_the_row_at_the_asked_place_is_the_answer(ask, question, company):
    r = ask(question)
    assert not r.refused
    assert company in r.answer
