"""A figure of now against a year a question names, from a year-row table: the named year's row and the table's
latest row, a fall measured from the earlier figure; and a move of a reported figure asked with a word of now is
answered from the sources, not refused as a market quote. Text written for this test; the real chain."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

REIT = """# 嶺灣產業信託 派息回顧

嶺灣產業信託（虛構）持有三座商場，每半年派息一次。

## 歷年每基金單位分派（港仙）

| 年度 | 中期分派 | 末期分派 | 全年分派 |
|---|---:|---:|---:|
| 2021 | 15.10 | 15.40 | 30.50 |
| 2022 | 14.80 | 15.00 | 29.80 |
| 2023 | 14.20 | 14.60 | 28.80 |
| 2024 | 13.90 | 14.10 | 28.00 |

管理人表示，分派政策維持不少於可分派收入的九成。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("now_year"), {"reit.md": REIT}).ask


def _computed(r):
    return [(f.name, round(f.value, 2)) for f in r.figures]


def test_now_against_a_named_year_reads_the_latest_row(ask):
    r = ask("嶺灣而家全年分派同2021年比，跌咗幾多%？")
    assert not r.refused
    assert _computed(r) == [("pct_change", round((30.50 - 28.00) / 30.50 * 100, 2))]  # 8.2, from the earlier
    assert "30.50" in r.answer and "28.00" in r.answer


def test_no_latest_row_reading_without_a_word_of_now(ask):
    r = ask("嶺灣全年分派同2021年比，跌咗幾多%？")
    assert ("pct_change", round((30.50 - 28.00) / 30.50 * 100, 2)) not in _computed(r)
