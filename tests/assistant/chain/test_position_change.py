"""A position's gain or loss between two prices a product page states in two tables: units held × (the price
valued at − the price bought at), each read from the row naming the product under the column the question names;
and the cost of board lots at one of them.
Documents written for this test, real chain."""
from __future__ import annotations

import pytest

from assistant.composers.position_change import states_price_of
from tests.conftest import assistant_over

PAGE = """# 嶺峰證券 恒生指數牛熊證（2026年9月發行系列）

## 一、條款

以下牛熊證全部屬R類，以現金結算。

| 牛熊證編號 | 類別 | 發行價（港元） | 行使價 | 收回價 | 每手買賣單位（份） |
|---|---|---|---|---|---|
| 67401 | 牛證 | 0.320 | 18,600 | 18,800 | 10,000 |
| 67402 | 熊證 | 0.280 | 23,800 | 23,600 | 10,000 |

## 二、最新參考資料（截至2026年10月30日收市）

| 牛熊證編號 | 狀態 | 收市價（港元） | 距收回價 |
|---|---|---|---|
| 67401 | 交易中 | 0.275 | 9.55% |
| 67402 | 交易中 | 0.305 | 11.91% |

牛熊證屬槓桿產品，觸及收回價即提早終止，投資者可能損失全部投資。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("position_change"), {"cbbc.md": PAGE}).ask


def test_a_loss_between_the_issue_price_and_the_close(ask):
    r = ask("我在发行价买了20万份67401，按10月30号的收市价算亏了多少钱？")
    assert [(f.name, round(f.value, 2)) for f in r.figures] == [("formula", 9000.0)]  # 200,000 × (0.320 − 0.275)
    assert "0.320" in r.answer and "0.275" in r.answer


def test_a_gain_reads_the_other_products_rows(ask):
    r = ask("我喺發行價買咗5萬份67402，按收市價計賺咗幾多？")
    assert [(f.name, round(f.value, 2)) for f in r.figures] == [("formula", 1250.0)]  # 50,000 × (0.305 − 0.280)


def test_the_cost_of_lots_at_a_price_the_rows_state(ask):
    r = ask("67401按發行價一手要幾錢？")
    assert [(f.name, round(f.value, 2)) for f in r.figures] == [("formula", 3200.0)]  # 1 × 10,000 × 0.320
    r = ask("67402按收市價買三手要俾幾多錢？")
    assert [(f.name, round(f.value, 2)) for f in r.figures] == [("formula", 9150.0)]  # 3 × 10,000 × 0.305


def test_a_row_naming_the_product_under_the_price_column_states_it():
    table = "| 編號 | 發行價（港元） |\n|---|---|\n| 67401 | 0.320 |"
    assert states_price_of(table, "67401", ["发行价"])
    assert not states_price_of(table, "67402", ["发行价"])
    assert not states_price_of("註：發行價按9月14日收市釐定。67401", "67401", ["发行价"])  # no row names it
