"""Arithmetic on figures one sentence or one row states among others, and the figure before a stated change, on a
page written for this test: no pair from a sentence naming one of two indices compared, the pair of the
sentence naming the question's words (not another chosen sentence's), the row's two columns in one unit (not a
count column the question also names), last year's revenue from this year's and its growth; and no valuation
figure from a leverage the asker states, no "this year" from the asker's age."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

PAGE = """# 澄峰中型股指數觀察

澄峰中型股指數由澄峰指數公司編製，涵蓋500家中型上市公司。

## 估值

截至2026年6月，澄峰中型股指數未來12個月的預期本益比約為19.2倍，高於2010年以來的長期均值15.0倍。
標普500指數的預期本益比約為22倍，高於其長期均值17倍。
市場預期下月降息一碼的機率為85%，年底前再降一碼的機率約為60%。
羅素2000指數的年化波動率約為24%，高於標普500指數的16%。

## 規模

| 指數 | 公司數量 | 最大市值 | 最小市值 |
|---|---|---|---|
| 澄峰中型股指數 | 500 | 96 億美元 | 4 億美元 |

## 成分股動態

成分股嵐泰科技2026年第一季營收年增60%至4,800萬美元，為指數中成長最快的公司之一。

## 歷史

上一輪減息週期開始後，澄峰中型股指數在隨後三年實現了約45%的累計收益，遠超大型股同期約30%的漲幅。
"""

OTHER = """# 港股收息入門

收息股是指派息穩定的上市公司股票。投資者應分散投資，避免集中於單一行業。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("pairs"), {"page.md": PAGE, "other.md": OTHER}).ask


def _figures(r):
    return [(f.name, round(f.value, 2)) for f in r.figures]


def test_a_comparison_of_two_named_indices_takes_no_pair_from_a_sentence_naming_one(ask):
    # the S&P 500 against its own past (22 vs 17) is no figure of the Russell 2000 against the S&P 500
    r = ask("羅素2000嘅預期本益比比標普500低幾多%？")
    assert not any(f.name == "pct_change" for f in r.figures)
    r = ask("羅素2000嘅年化波動率比標普500高幾多個百分點？")
    assert _figures(r) == [("difference", 8.0)]  # 24% − 16%, from the sentence naming both


def test_the_pair_of_the_sentence_naming_the_question(ask):
    r = ask("On an annualized basis, the Russell 2000's volatility is how many times the S&P 500's?")
    assert _figures(r) == [("ratio", 1.5)]  # 24% ÷ 16%, not the rate-cut odds 85% ÷ 60%


def test_a_rows_two_columns_in_one_unit_beside_a_count_column_the_question_names(ask):
    r = ask("澄峰中型股指數入面最大嗰間公司嘅市值，係最細嗰間嘅幾多倍？")
    assert _figures(r) == [("ratio", 24.0)]  # 96 ÷ 4 億美元; 公司數量 is named by 公司 too


def test_last_years_figure_from_this_years_and_its_growth(ask):
    r = ask("嵐泰科技第一季營收同比增長60%，那去年同期營收大概是多少萬美元？")
    assert _figures(r) == [("formula", 3000.0)]  # 4,800萬美元 ÷ (1 + 60%)
    assert "4,800萬美元" in r.answer and "60%" in r.answer


def test_no_valuation_figure_from_a_leverage_and_no_this_year_from_an_age(ask):
    r = ask("澄峰中型股本益比才19.2倍，比標普500平，我今年58歲，想開3倍槓桿滿倉做多，靠譜嗎？")
    assert not any(f.name in ("premium", "discount", "ratio") for f in r.figures)
    assert "行情" not in r.answer  # no "no market data" line: nothing asked needs today's quote
    assert "不構成投資建議" in r.answer


def test_an_amount_through_the_one_cumulative_return_a_sentence_states(ask):
    r = ask("如果上一輪減息一開始我就買咗5萬蚊澄峰中型股指數，三年後會變成幾多？")
    assert _figures(r) == [("growth", 72500.0)]  # 5萬 × (1 + 45%): the large caps' 30% is no cumulative return
