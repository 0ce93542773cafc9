"""An amount the asker invested, grown through the yearly returns (or the year-end levels) a table states over the
years they name, on text written for this test: the years counted from the asker's words (start or end of a year),
each return shown with its [n], a loss written as a loss, a level table read from the year before the first, and
nothing computed where a year has no row or the asker states no amount."""
from __future__ import annotations

import pytest

from assistant.composers.compound_growth import _years
from tests.conftest import assistant_over

INDEX = """# Corran Coast 30 Index

The Corran Coast 30 is a fictional index of the 30 largest companies listed in Port Halden.

## Annual performance

| Year | Closing level | Price return (%) | Total return (%) |
|---|---|---|---|
| 2019 | 2,410.50 | +7.2 | +9.9 |
| 2020 | 2,217.66 | −8.0 | −5.6 |
| 2021 | 2,594.66 | +17.0 | +19.8 |
| 2022 | 2,361.14 | −9.0 | −6.1 |
| 2023 | 2,691.70 | +14.0 | +17.1 |

The index is reviewed every March and September.
"""

LEVELS = """# 海灣精選指數

海灣精選指數為虛構指數，追蹤海灣交易所市值最大的40家公司。

## 歷年收市點位

| 年份 | 年底收市點位 |
|---|---|
| 2021年 | 8,000.00 |
| 2022年 | 7,200.00 |
| 2023年 | 9,000.00 |

指數每半年檢討一次成分股。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("growth"), {"corran.md": INDEX, "levels.md": LEVELS}).ask


def _grown(r):
    return [round(f.value, 2) for f in r.figures if f.name == "growth"]


def test_an_amount_grows_through_the_returns_of_the_years_held(ask):
    r = ask("If I had put 10,000 into the Corran Coast 30 at the start of 2021 and held it to the end of 2022, "
            "what would it be worth on price returns alone?")
    assert _grown(r) == [round(10000 * 1.17 * 0.91, 2)]
    assert "(1 + 17.0%)" in r.answer and "(1 − 9.0%)" in r.answer  # a loss is written as one
    assert "[" in r.answer and not r.refused


def test_a_year_end_start_in_cantonese_and_the_column_the_question_names(ask):
    r = ask("如果我2020年底投資咗10萬落Corran Coast 30指數，揸到2023年底，而家值幾多？")
    assert _grown(r) == [round(100000 * 1.17 * 0.91 * 1.14, 2)]  # 2021–2023, the first return column
    assert r.disclaimer is None  # a past holding's worth is arithmetic, not a request for a call
    r = ask("If I had invested 10,000 in the Corran Coast 30 at the end of 2020 and held it to the end of 2023, "
            "what would it be worth on a total return basis?")
    assert _grown(r) == [round(10000 * 1.198 * 0.939 * 1.171, 2)]


def test_a_table_of_levels_is_read_from_the_year_before_the_first(ask):
    r = ask("假如我喺2022年初買入10萬元海灣精選指數，到2023年底會變成幾多錢？")
    assert _grown(r) == [round(100000 * 9000 / 8000, 2)]


def test_nothing_is_computed_without_a_row_for_every_year_or_without_an_amount(ask):
    assert _grown(ask("If I had invested 10,000 in the Corran Coast 30 at the start of 2017 and held it to the end "
                      "of 2020, what would it be worth?")) == []
    assert _grown(ask("What would the Corran Coast 30 be worth if I had invested at the start of 2021 and held "
                      "it to the end of 2022?")) == []


@pytest.mark.parametrize("question, years", [
    ("at the start of 2024 and held it to the end of 2025", (2024, 2025, False)),
    ("2023年底买入，到2025年底", (2024, 2025, False)),
    ("bought in 2020, sold at the start of 2023", (2020, 2022, False)),
    ("2021年至今", (2021, 2021, True)),
    ("罗素2000指数2024年", None),
])
def test_the_years_held(question, years):
    assert _years(question) == years


def test_an_index_name_number_is_no_year():
    assert _years("罗素2000指数") is None
