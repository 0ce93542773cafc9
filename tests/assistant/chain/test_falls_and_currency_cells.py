"""Percentage changes that are falls, table cells written with a currency sign, and an amount the asker
writes with a thousands comma, on text written for this test (fictional fund)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.arithmetic import Operand, asks_for_a_fall, compute, render
from assistant.composers.extractive_arithmetic import _items_asked
from tests.conftest import assistant_over

DISTRIBUTIONS = """# Pinecrest Short Duration Income Fund (PSDI): distributions

Pinecrest Short Duration Income Fund pays a distribution every quarter from its net investment income.

| Quarter | Record date | Distribution per share |
| --- | --- | --- |
| Q1 2026 | 2026-03-27 | $0.2140 |
| Q2 2026 | 2026-06-26 | $0.1980 |

The fund's net asset value is published after each trading day.
"""

NAV = """# 松嶺收息基金每單位資產淨值

| 日期 | 每單位資產淨值 |
| --- | --- |
| 2026年3月31日 | 15.20 |
| 2026年6月30日 | 14.44 |

基金每季派息一次，派息率由基金經理每季檢討。
"""


CAPS = """# 南港科技30指數本次調整

南港科技30指數本次調入6只、調出6只樣本股，單一樣本股權重上限由15%下調至10%。
前五大樣本股合計權重上限為40%。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    documents = {"psdi.md": DISTRIBUTIONS, "nav.md": NAV, "caps.md": CAPS}
    return assistant_over(tmp_path_factory.mktemp("falls"), documents).ask


def test_a_fall_is_measured_against_the_higher_earlier_figure():
    high, low = Operand(Decimal("15.20"), "15.20", False, 1), Operand(Decimal("14.44"), "14.44", False, 2)
    fall = compute("pct_change", low, high, falling=True)
    assert fall is not None and round(float(fall.value), 2) == 5.0  # 0.76 / 15.20, not 0.76 / 14.44 (5.26)
    assert "÷ 15.20" in render(fall, "zh-Hans")
    rise = compute("pct_change", low, high)
    assert rise is not None and round(float(rise.value), 2) == 5.26
    assert asks_for_a_fall("資產淨值跌咗幾多%?") and asks_for_a_fall("by what percent did it drop")
    assert not asks_for_a_fall("增长了百分之多少")


def test_a_fall_between_two_dated_rows_in_the_askers_cantonese(ask):
    r = ask("松嶺收息基金嘅每單位資產淨值由3月底到6月底跌咗百分之幾?")
    assert [(f.name, round(f.value, 2)) for f in r.figures] == [("pct_change", 5.0)]
    assert "15.20" in r.answer and "14.44" in r.answer


def test_table_cells_with_a_currency_sign_are_figures(ask):
    r = ask("By what percent did PSDI's distribution per share fall from Q1 2026 to Q2 2026?")
    assert [(f.name, round(f.value, 2)) for f in r.figures] == [("pct_change", 7.48)]  # 0.016 / 0.2140
    assert "$0.2140" in r.answer and "$0.1980" in r.answer


def test_two_figures_are_not_the_sum_of_five_things_asked(ask):
    assert _items_asked("最大嗰五隻股票加埋最多可以佔幾多?") == 5 and _items_asked("管理費同託管費加埋幾多?") is None
    r = ask("南港科技30調整之後,最大嗰五隻樣本股加埋最多可以佔幾多?")
    assert not any(f.name == "sum" for f in r.figures)  # not 6 + 6 (調入/調出) nor 15% + 10% (old and new cap)
    assert "≈" not in r.answer
