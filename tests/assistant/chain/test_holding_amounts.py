"""What a holding receives: units the asker states (or board lots, with the lot size the sources state) times a
per-unit amount the sources state, computed in code and shown with its inputs. Documents written for this test,
through the real chain."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

REIT = """# 北嶺物流房託(股份代號:8823)

北嶺物流房地產投資信託基金於2020年在香港聯合交易所主板上市,持有香港及華南的8個物流倉庫。
每手買賣單位為1,000個基金單位,管理人每半年分派一次。

## 分派紀錄

| 分派期 | 每基金單位分派(港仙) | 派付日 |
| --- | --- | --- |
| 2025年末期 | 11.20 | 2026年4月2日 |
| 2026年中期 | 10.85 | 2026年9月15日 |
"""

ETF = """# Lakemont Dividend Growth ETF (LKDG)

LKDG holds 60 U.S. companies that have raised their dividends for at least ten years in a row.

## Distributions

| Ex-date | Income per share |
| --- | --- |
| March 20, 2026 | $0.2150 |
| June 19, 2026 | $0.2230 |
"""


FUND = """# 南湖稳健红利混合基金分红公告

## 本次分红方案

| 下属分级基金 | 南湖稳健红利混合A | 南湖稳健红利混合C |
| --- | --- | --- |
| 基准日基金份额净值(元) | 1.1532 | 1.1408 |
| 本次分红方案(元/10份基金份额) | 0.42 | 0.38 |

本次分红的现金红利发放日为2026年12月10日。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    documents = {"reit.md": REIT, "etf.md": ETF, "fund.md": FUND}
    return assistant_over(tmp_path_factory.mktemp("holding"), documents).ask


def test_units_held_times_a_per_unit_amount_in_hundredths(ask):
    r = ask("我有5,000個北嶺物流房託基金單位,2026年中期分派可以收幾多港元?")
    assert not r.refused
    assert "542.5" in r.answer  # 5,000 × 10.85港仙
    assert "10.85" in r.answer


def test_board_lots_use_the_lot_size_the_sources_state(ask):
    r = ask("我買兩手8823,按2025年末期嘅分派計,可以收幾多港元?")
    assert not r.refused
    assert "224" in r.answer  # 2 × 1,000 units × 11.20港仙
    assert any("1,000" in c.quote for c in r.citations)


def test_an_english_holding(ask):
    r = ask("I hold 400 shares of LKDG. How much income would I receive from the June 2026 distribution?")
    assert not r.refused
    assert "89.2" in r.answer  # 400 × $0.2230


def test_no_holding_stated_no_product(ask):
    r = ask("北嶺物流房託2026年中期每基金單位分派幾多?")
    assert "10.85" in r.answer
    assert "×" not in r.answer


def test_a_per_unit_amount_stated_in_a_sentence():
    from assistant.composers.extractive_candidates import Candidate
    from assistant.composers.holding_amounts import holding_amount
    from knowledge_base.scripts import normalize_for_index

    sentence = Candidate(1, 0, 24, "每基金單位中期分派為12.5港仙,較去年增加。", frozenset(), 0)
    found = holding_amount(normalize_for_index("我有1,000個單位,中期分派可以收幾多港元?"), [sentence], [sentence])
    assert found is not None
    calc, quoted = found
    assert float(calc.value) == 125.0 and calc.b.shown == "12.5港仙" and calc.unit == "港元" and quoted == []
    # no holding stated, or two per-unit amounts to choose from: nothing is computed
    assert holding_amount(normalize_for_index("中期分派可以收幾多港元?"), [sentence], [sentence]) is None
    other = Candidate(2, 0, 24, "每基金單位末期分派為13.1港仙。", frozenset(), 0)
    assert holding_amount(normalize_for_index("我有1,000個單位,分派可以收幾多港元?"), [sentence, other], []) is None


def test_an_amount_per_ten_units_in_the_column_of_the_class_held(ask):
    # a mainland fund's dividend is stated per 10 units, in a row, under one column per share class
    r = ask("我持有30,000份南湖稳健红利混合C,这次分红能拿到多少现金?")
    assert not r.refused
    assert "1,140" in r.answer or "1140" in r.answer  # 30,000 × 0.38 / 10
    assert "0.38" in r.answer and "0.42" not in r.answer.split("。")[0]


def test_a_payout_asked_in_one_markets_word_and_stated_in_another():
    from assistant.composers.extractive_candidates import Candidate
    from assistant.composers.holding_amounts import holding_amount
    from knowledge_base.scripts import normalize_for_index

    # an A-share dividend plan per 10 shares, asked in Taiwan's word (配息) with no money word (可以領多少)
    plan = Candidate(1, 0, 40, "公司擬向全體股東每10股派發現金紅利3.20元（含稅），不送紅股。", frozenset(), 0)
    found = holding_amount(normalize_for_index("我有1,500股，這次配息可以領多少？"), [plan], [plan])
    assert found is not None
    calc, _ = found
    assert float(calc.value) == 480.0 and calc.b.shown == "3.20/10"  # 1,500 × 3.20 / 10
    # a per-share figure that is no payout (每股收益) answers no payout question
    eps = Candidate(1, 0, 30, "基本每股收益為1.52元，較上年下降。", frozenset(), 0)
    assert holding_amount(normalize_for_index("我有1,500股，這次配息可以領多少？"), [eps], [eps]) is None
    # nor is 「可以領多少」 money when no payout is asked
    assert holding_amount(normalize_for_index("我有1,500股，可以領多少？"), [plan], [plan]) is None


def test_a_payout_word_naming_a_products_style_asks_no_payout():
    from assistant.composers.holding_amounts import _asked_payout
    from knowledge_base.scripts import normalize_for_index

    assert _asked_payout(normalize_for_index("我打算買10萬的瀾江高股息ETF，一年的經理費大概多少錢？")) is None
    assert _asked_payout(normalize_for_index("我有2,000張高股息ETF，這次配息可以領多少？")).group(0) == "配息"
