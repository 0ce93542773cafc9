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

# Floors in a column of their own, a tax rounded up to a whole dollar, and a broker named only in its banner
MAINLAND_PAGE = """[霽川證券 Jichuan Securities](#) | [首頁](#) | [開戶](#)

# 港股買賣收費一覽

| 收費項目 | 收費率 | 最低收費 | 備註 |
|---|---|---|---|
| 經紀佣金（網上落盤） | 成交金額 0.06% | 每宗 HK$40 | 經網上平台落盤 |
| 印花稅 | 成交金額 0.1% | — | 代政府收取，計至整數元（向上調整） |

| 股票 | 代號 | 每手股數 |
|---|---|---|
| 澄灣能源 | 2217 | 每手2,000股 |

以上收費唔包括其他市場（例如美股、A股通）嘅收費，詳情請向客戶主任查詢。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("trade"), {"fees.md": FEES, "harrow.md": NO_LOT, "hk.md": HK_PAGE,
                                                                "jichuan.md": MAINLAND_PAGE}).ask


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


def test_two_fees_named_together_are_each_worked_out_and_added(ask):
    # 8手 × 2,000股 × 3.10 = 49,600: commission 0.06% = 29.76 (below the floor of its own column, HK$40) and
    # stamp duty 0.1% = 49.6, rounded up to 50 as the row says: 90 in all; the table's figures are not added up
    r = ask("喺霽川證券網上買8手澄灣能源，每股3.10港元，佣金加印花稅一共要付多少港幣？")
    assert not r.refused
    assert _computed(r) == [90.0]
    assert "HK$40" in r.answer and "向上取整" in r.answer


def test_a_floor_in_its_own_column_applies_to_one_fee(ask):
    r = ask("I buy 1 board lot of 2217 at HK$3.10 a share online with Jichuan. What commission do I pay?")
    assert _computed(r) == [40.0]  # 6,200 × 0.06% = 3.72, below HK$40


def test_a_broker_named_only_in_its_pages_banner_is_the_page_asked_about(ask):
    r = ask("What is the minimum brokerage commission per trade at Jichuan?")
    assert not r.refused
    assert "HK$40" in r.answer


def test_a_market_the_page_says_it_excludes_is_refused(ask):
    r = ask("喺霽川證券買賣美股，佣金要幾多？")
    assert r.refused  # the page names US stocks only to say its fees do not cover them
    assert not ask("喺霽川證券網上買賣港股，經紀佣金係幾多？").refused
