"""「前三大成分股權重加起來」 adds the leading rows of the table the question names (not the sector table beside it,
which also has a weight column, and not its unranked total row), and a code the asker writes (「代號1734」, "code 1734") names its row: the
amount split by that row's weight, never the code read as a number of shares. Document written for this test,
real chain."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over, computed_figures

PAGE = """# 澄嶼亞洲消費領先指數

**澄嶼亞洲消費領先指數**（指數代碼CYACL）由澄嶼指數有限公司編製，從亞洲上市的消費類股票中挑選市值較大的公司作為成分股，
共有30隻成分股，單一成分股權重上限為12%。

## 前五大成分股（2026年9月30日）

| 排名 | 成分股 | 代號 | 行業 | 權重 |
|---|---|---|---|---|
| 1 | 嶼星食品 | 1734 | 食品飲料 | 11.20% |
| 2 | 朗悅百貨 | 2091 | 零售 | 9.45% |
| 3 | 禾川酒業 | 6612 | 食品飲料 | 8.05% |
| 4 | 澄光家電 | 3318 | 家電 | 6.70% |
| 5 | 灣岸旅遊 | 5520 | 旅遊 | 5.15% |
| | 前五大合計 | | | 40.55% |

## 行業分布（2026年9月30日）

| 行業 | 權重 |
|---|---|
| 食品飲料 | 34.6% |
| 零售 | 22.1% |
| 家電 | 18.3% |
| 旅遊 | 12.5% |
| 其他 | 12.5% |

## 指數表現

截至2026年9月30日，澄嶼亞洲消費領先指數收報6,215.40點，今年以來上漲7.8%。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("top_rows"), {"cyacl.md": PAGE}).ask


def test_the_leading_rows_of_the_named_table_are_added(ask):
    r = ask("澄嶼亞洲消費領先指數前三大成分股權重加起來是多少？")
    # 11.20 + 9.45 + 8.05: not the sector table's 34.6 + 22.1 + 18.3, nor the unranked total row's 40.55
    assert computed_figures(r) == [("sum", 28.7)]
    assert "11.20%" in r.answer and "8.05%" in r.answer


def test_a_caption_names_the_table_its_rows_list(ask):
    r = ask("澄嶼亞洲消費領先指數前三大行業合共佔幾多權重？")
    assert computed_figures(r) == [("sum", 75.0)]  # 34.6 + 22.1 + 18.3: the sector table, which its caption names


def test_an_english_top_n_question_reads_the_chinese_table(ask):
    r = ask("What is the combined weight of the top three constituents of the CYACL index?")
    assert computed_figures(r) == [("sum", 28.7)]


def test_more_leading_rows_than_the_table_shows_are_not_added(ask):
    r = ask("澄嶼亞洲消費領先指數前八大成分股權重加起來是多少？")
    assert all(name != "sum" for name, _ in computed_figures(r))  # five rows shown: no sum of eight, nor of two


def test_an_amount_split_by_the_weight_of_the_row_a_code_names(ask):
    r = ask("如果我用50萬港元按澄嶼亞洲消費領先指數嘅權重配置，代號2091嘅股票要放幾多錢？")
    assert computed_figures(r) == [("share_of", 47250.0)]  # 500,000 × 9.45%, the row of 2091


def test_an_english_amount_split_by_a_coded_row(ask):
    r = ask("If I copied the CYACL index weighting with HK$200,000, how much would go into the stock with code 6612?")
    assert computed_figures(r) == [("share_of", 16100.0)]  # 200,000 × 8.05%
