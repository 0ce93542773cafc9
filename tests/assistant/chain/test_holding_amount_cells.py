"""A key-data table states a distribution per unit in words inside its value cell (「最近一次分红 | 每单位新台币0.50元」),
and the asker, in Taiwan wording, asks for the 配息 their units receive: the mainland 分红 is Taiwan's 配息, and the
asker's units times that amount is the answer. Document written for this test, real chain."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

NEWS = """# 澜江高股息ETF规模突破百亿

本报讯 澜江投信旗下的澜江高股息ETF截至11月底规模达新台币103亿元，受益人数较年初增加近四成。

## 费用与分红

澜江高股息ETF的主要数据如下：

| 项目 | 数据 |
|---|---|
| 经理费 | 每年0.30% |
| 保管费 | 每年0.035% |
| 最近一次分红 | 每单位新台币0.50元（2026年10月除息） |
| 11月28日收盘价 | 新台币21.30元 |

上述费用均从基金资产中每日计提，投资人无需另行支付。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("holding_cells"), {"news.md": NEWS}).ask


def test_units_held_times_the_amount_per_unit_a_value_cell_states(ask):
    r = ask("我手上有8,000單位的瀾江高股息ETF，最近一次配息可以領多少錢？")
    assert [(f.name, round(f.value, 2)) for f in r.figures] == [("holding", 4000.0)]
    assert "0.50" in r.answer


def test_two_charges_asked_together_are_added_before_the_askers_amount(ask):
    # 经理费 and 保管费 are words (not 经理 / 费加 / 保管费), and both rates apply to the asker's sum
    r = ask("我打算買10萬新台幣的瀾江高股息ETF，一年的經理費加保管費大概多少錢？")
    assert not r.refused
    assert [(f.name, round(f.value, 2)) for f in r.figures] == [("formula", 335.0)]  # 100,000 × (0.30% + 0.035%)
