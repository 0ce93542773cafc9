"""A fee or tax on a trade the asker describes, on text written for this test: the rate is applied to the trade's
value (price per share × shares, or board lots × the lot size the source states), not to the price; the row
naming more of the question wins among a fee table's rows; a rate's floor applies; and nothing is computed
where the lot size is stated nowhere or the price is no price per share."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

FEES = """# 嵐岳證券 交易費用說明

嵐岳證券為虛構券商，本頁說明台股現股交易的費用。

## 交易單位

台股以「張」為交易單位，每張1,000股；不足一張的為零股。

## 費用一覽

| 項目 | 費率 | 說明 |
|---|---|---|
| 經紀手續費 | 0.1425% | 買進、賣出各收一次 |
| 網路下單經紀手續費優惠 | 0.057% | 每筆最低20元 |
| 證券交易稅（現股賣出） | 0.3% | 僅賣出時收取 |

費用依成交金額計算。
"""

NO_LOT = """# Harrow Bay Brokerage fee schedule

Harrow Bay Brokerage is a fictional broker. This page lists its equity trading fees.

| Item | Rate | Notes |
|---|---|---|
| Brokerage commission | 0.25% | on the value of each trade, minimum HK$50 |
| Stamp duty | 0.1% | on the value of each trade |

Fees are charged on the trade date.
"""


HK_PAGE = """# 鴻澤證券 港股收費

港股以「手」為買賣單位，每隻股票每手股數唔同。

| 股票 | 代號 | 每手股數 |
|---|---|---|
| 朗峰電訊 | 3721 | 每手400股 |
| 栢灣地產 | 1588 | 每手1,000股 |

| 收費項目 | 收費率 |
|---|---|
| 經紀佣金（電話落盤） | 成交金額0.2% |
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("trade"), {"fees.md": FEES, "harrow.md": NO_LOT, "hk.md": HK_PAGE}).ask


def _computed(r):
    return [round(f.value, 2) for f in r.figures if f.name == "formula"]


def test_a_tax_on_board_lots_uses_the_lot_size_the_source_states(ask):
    r = ask("我賣出2張股票，成交價每股55元，證券交易稅要繳多少錢？")
    assert _computed(r) == [round(55 * 2 * 1000 * 0.003, 2)]  # 330, not 55 × 0.3%
    assert "1,000股" in r.answer and "0.3%" in r.answer


def test_the_row_naming_more_of_the_question_and_its_floor(ask):
    r = ask("我用網路下單買進1張股票，每股12元，手續費要付多少錢？")
    # 12,000 × 0.057% = 6.84, below the 20元 floor of the online rate's row (the full rate would give 17.1)
    assert _computed(r) == [20.0]
    assert "0.057%" in r.answer and "max(" in r.answer


def test_shares_at_a_price_in_english(ask):
    r = ask("How much stamp duty do I pay if I sell 4,000 shares at HK$15 a share with Harrow Bay?")
    assert _computed(r) == [round(4000 * 15 * 0.001, 2)]  # 60


def test_lots_without_a_lot_size_anywhere_give_no_figure(ask):
    r = ask("How much stamp duty do I pay if I sell 3 lots at HK$15 a share with Harrow Bay?")
    assert _computed(r) == []  # a lot's size is stated nowhere: no guessed figure
    assert all(f.value != 15 * 0.001 for f in r.figures)


def test_an_amount_without_a_price_per_share_is_the_trade_value(ask):
    r = ask("How much stamp duty do I pay on a HK$60,000 trade with Harrow Bay?")
    assert [round(f.value, 2) for f in r.figures if f.name == "share_of"] == [60.0]


def test_the_named_stocks_own_board_lot_and_cantonese_money_words(ask):
    # the page states two lots; 栢灣地產's is 1,000 shares; 「俾幾多」 asks an amount, 「蚊」 is dollars
    r = ask("我打電話落盤買3手栢灣地產，每股6.20蚊，鴻澤證券佣金要俾幾多？")
    assert _computed(r) == [round(6.20 * 3 * 1000 * 0.002, 2)]  # 37.2, not 3 × 400 shares' 14.88
    assert "1,000股" in r.answer
