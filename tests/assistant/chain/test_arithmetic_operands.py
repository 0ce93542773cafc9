"""Arithmetic on stated figures whose two inputs sit in two sentences, the second leaning on the first
(「…南岳100的年化報酬率為9.6%。相較之下，東海中小指數同期年化報酬率為6.1%。」), on text written for this test:
the unit stating the second figure is found even when it shares few words with the question."""
from __future__ import annotations

import re

import pytest

from tests.conftest import assistant_over

REPORT = """# 長期報酬回顧

截至2025年12月的過去十年，南岳100指數的年化報酬率為9.6%。
相較之下，東海中小指數同期年化報酬率為6.1%。
兩者差距主要來自科技股的比重不同。
南岳100指數成立於2004年，最初只有60檔成分股。
"""

PRICES = """# 成分股股價一覽

從估值角度看，西嶺50的本益比往往高於北嶺中型指數，存在一定的估值溢價。
西嶺50的預期本益比約為24倍，而北嶺中型指數約為15倍。

| 指數 | 最高股價 | 最低股價 |
| --- | --- | --- |
| 西嶺50 | 812.5 元 | 6.5 元 |
"""

LEVEL = """# 西嶺200指數簡介

行情方面，西嶺200指數12月1日收報4,215.80點，當日上漲0.62%；該指數基日為2014年12月31日，基點為1000點。

根據編制規則，西嶺200指數每年調整兩次，單一成分股權重上限為8%。
"""

OTHER = """債券基金的風險

債券價格與利率反向變動，利率上升時債券基金的淨值通常下跌。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    documents = {"report.md": REPORT, "bonds.txt": OTHER, "prices.md": PRICES, "level.md": LEVEL}
    return assistant_over(tmp_path_factory.mktemp("operands"), documents).ask


def test_the_second_figure_of_a_comparison_is_found_in_the_sentence_that_follows(ask):
    r = ask("過去十年南岳100比東海中小每年多賺幾個百分點?")
    assert any(f.name == "difference" and abs(f.value - 3.5) < 1e-9 for f in r.figures)
    computed = next(line for line in re.split(r"[。\n]", r.answer) if "3.5" in line)
    assert "9.6%" in computed and "6.1%" in computed
    assert "6.1%" in " ".join(c.quote for c in r.citations)  # the partner sentence is quoted and cited


def test_a_month_in_a_date_is_not_taken_for_a_figure(ask):
    r = ask("南岳100的年化報酬率比東海中小高多少?")
    # 「截至2025年12月…9.6%」 states one figure: 12 is the month, not an operand to subtract from
    assert [(f.name, round(f.value, 6)) for f in r.figures] == [("difference", 3.5)]


def test_a_comparison_shows_the_figure_of_each_thing_compared(ask):
    r = ask("長期持有南岳100還是東海中小，誰的報酬比較高?")
    assert "9.6%" in r.answer and "6.1%" in r.answer
    assert {"9.6%", "6.1%"} <= {m for c in r.citations for m in re.findall(r"\d+\.\d%", c.quote)}


def test_each_part_of_a_two_part_question_gets_its_answer(ask):
    r = ask("南岳100是哪一年成立的?過去十年年化報酬多少?")  # 報酬 is inside the source's word 報酬率
    assert "2004" in r.answer and "9.6%" in r.answer


def test_a_ratio_of_two_columns_of_the_one_row_chosen(ask):
    r = ask("西嶺50最高股價是最低股價的幾倍?")
    assert [(f.name, round(f.value, 6)) for f in r.figures] == [("ratio", 125.0)]
    assert "812.5 元" in r.answer and "6.5 元" in r.answer


def test_figures_of_different_kinds_are_not_combined():
    from assistant.composers.extractive_arithmetic import _comparable, _unit_after

    assert _unit_after("發行價格為新台幣36.98元。", "36.98") == "元"
    assert _unit_after("收於8,615點。", "8,615") == "點"
    assert not _comparable([(True, ""), (False, "元")])  # a table cell and a sentence's amount
    assert not _comparable([(False, "點"), (False, "元")])
    assert _comparable([(False, "元"), (False, "")]) and _comparable([(True, ""), (True, "")])


def test_a_comparison_is_answered_by_the_unit_stating_both_sides_figures(ask):
    r = ask("西嶺50 vs 北嶺中型，本益比哪個高?")
    assert "24倍" in r.answer and "15倍" in r.answer


def test_a_cell_writing_a_sum_of_two_payouts_is_added_up():
    from assistant.composers.extractive_arithmetic import _sum_in_one_cell
    from assistant.composers.extractive_candidates import Candidate, sentence_tokens

    header = "## 收益分配\n| 2016年 | 2017年 | 2018年 |"
    row = "| 850+1700 | 700+2200 | 700+2300+700 |"
    c = Candidate(1, 0, len(row), row, sentence_tokens(row), 0, "table_row", header)
    operands = _sum_in_one_cell([c], "2017年全年配息加起来多少")
    assert [(str(o.value), o.n) for o in operands] == [("700", 1), ("2200", 1)]
    assert _sum_in_one_cell([c], "2018年全年配息加起来多少") == []  # three terms: not a pair


def test_two_clauses_each_naming_one_side_give_the_pair(ask):
    # 4,215.80 and 1000 sit in two clauses of one sentence (the thousands comma ends no clause); the cap (8%)
    # of the next sentence is a rate, no partner for a level
    r = ask("西嶺200現在的點位大約是基點的幾倍?")
    assert [(f.name, round(f.value, 2)) for f in r.figures] == [("ratio", 4.22)]


def test_multiples_that_differ_by_so_many_multiples(ask):
    # P/Es are stated in 倍: 「差多少倍」 asks 24 − 15, not 24 ÷ 15
    r = ask("西嶺50同北嶺中型指數嘅預期本益比差多少倍?")
    assert [(f.name, round(f.value, 2)) for f in r.figures] == [("difference", 9.0)]


def test_a_multiple_of_figures_not_stated_in_multiples_is_their_ratio(ask):
    r = ask("西嶺50最高股價同最低股價差多少倍?")
    assert [(f.name, round(f.value, 2)) for f in r.figures] == [("ratio", 125.0)]


def test_a_clock_time_is_part_of_a_time_not_two_figures():
    from assistant.composers.extractive_arithmetic import _is_date_part
    from assistant.number_tokens import numbers_in

    text = "網上申請截止2027年9月23日下午5:00，分行截止9月22日下午4:00，手續費3.5元。"
    figures = [t.raw for t in numbers_in(text) if not _is_date_part(text, t)]
    assert figures == ["2027", "3.5"]  # not 5, 00, 4 and 00


BOND_NOTICE = """# 嵐澄银行储蓄国债发行公告

## 一、发行要素

| 项目 | 第一期 | 第二期 |
| --- | --- | --- |
| 期限 | 3年 | 5年 |
| 票面年利率 | 2.31% | 2.46% |
| 付息方式 | 按年付息 | 按年付息 |

每年利息 ＝ 持有本金 × 票面年利率，四舍五入至分。

## 二、退款

提前终止的退款 ＝ 本金 ÷ 12 × 未使用月数，款项于7个工作日内到账。
例：60,000 ÷ 12 × 7 ＝ 35,000.00元。
"""


@pytest.fixture(scope="module")
def ask_bond(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("bond_terms"), {"bond.md": BOND_NOTICE}).ask


def test_the_terms_of_two_issues_are_no_interest_to_add(ask_bond):
    r = ask_bond("我认购了第一期46,000元和第二期71,000元，都持有到期。两期全部利息加起来一共多少？")
    assert "3年 + 5年" not in r.answer and "≈ 8" not in r.answer


def test_a_calculations_divisor_and_multiplier_are_no_figures_to_compare(ask_bond):
    r = ask_bond("退款要几个工作日到账？比一年少多少？")
    assert "12 − 7" not in r.answer and "12 - 7" not in r.answer
