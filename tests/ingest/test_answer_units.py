"""Answer units are classified by structure at ingest (text written for these tests)."""
from __future__ import annotations

import pytest

from ingest.answer_units import classify_sentence, classify_text, promotional_form, units_in_span

DOC = """# 北辰指數簡介

北辰指數由北辰資訊公司編製，收錄120家上市公司。

## 常見問題

北辰指數多久調整一次成分股？
北辰指數每年三月和九月各調整一次。

1. 北辰科技 (BCT)

以下是成分股的權重：

| 代號 | 名稱 | 權重(%) |
| --- | --- | --- |
| BCT | 北辰科技 | 8.2 |
| NSE | 南山能源 | 5.1 |

## 關於雲端證券

雲端證券是全台領先的線上交易平台，提供零手續費服務。
立即開戶，即可領取新客優惠！

首頁 > 指數 > 北辰指數
"""


@pytest.fixture(scope="module")
def units():
    return {DOC[u.start:u.end].strip(): u for u in classify_text(DOC)}


def test_each_kind_is_recognised_by_its_shape(units):
    assert units["北辰指數由北辰資訊公司編製，收錄120家上市公司。"].kind == "answer"
    assert units["北辰指數每年三月和九月各調整一次。"].kind == "answer"
    assert units["# 北辰指數簡介"].kind == "heading"
    assert units["北辰指數多久調整一次成分股？"].kind == "question"
    assert units["1. 北辰科技 (BCT)"].kind == "heading"  # a numbered list label
    assert units["以下是成分股的權重："].kind == "heading"  # an introduction promises, it does not state
    assert units["| 代號 | 名稱 | 權重(%) |"].kind == "table_header"
    assert units["立即開戶，即可領取新客優惠！"].kind == "promo"
    assert units["雲端證券是全台領先的線上交易平台，提供零手續費服務。"].kind == "promo"
    assert units["首頁 > 指數 > 北辰指數"].kind == "navigation"


def test_a_numbered_line_that_ends_a_statement_is_a_list_item_not_a_heading():
    text = "## 重要提示\n\n1. 本報告經董事會審議通過。\n2. 概覽\n3. 公司擬向全體股東每10股派發現金紅利2.80元（含稅）。\n"
    kinds = {text[u.start:u.end].strip(): u.kind for u in classify_text(text)}
    assert kinds["1. 本報告經董事會審議通過。"] == "answer"
    assert kinds["3. 公司擬向全體股東每10股派發現金紅利2.80元（含稅）。"] == "answer"
    assert kinds["2. 概覽"] == "heading"


def test_table_rows_carry_their_header_and_caption(units):
    row = units["| BCT | 北辰科技 | 8.2 |"]
    assert row.kind == "table_row"
    assert row.header == "以下是成分股的權重：\n| 代號 | 名稱 | 權重(%) |"


def test_units_in_span_are_relative_to_the_chunk():
    all_units = classify_text(DOC)
    start = DOC.index("北辰指數每年")
    inner = units_in_span(all_units, start, len(DOC))
    assert inner[0].start == 0 and DOC[start + inner[0].start: start + inner[0].end].startswith("北辰指數每年")
    assert all(u.start >= 0 for u in inner)


@pytest.mark.parametrize("sentence, kind", [
    ("What is the fund's expense ratio?", "question"),
    ("Sign up today and get our outlook free!", "promo"),
    ("The fund held $4.8 billion in assets at the end of March.", "answer"),
    ("Key points:", "heading"),
    ("上一篇：美股收盤評論", "navigation"),
    ("首頁｜新聞｜基金｜聯絡我們　© 2026 本網版權所有", "navigation"),  # a footer: links, then the copyright
    ("Copyright © 2026 Example Funds. All rights reserved.", "navigation"),
    ("南山證券股份有限公司　許可證照字號：一一四年金管證總字第0001號　客服專線：0800-000-111", "navigation"),
    ("版權費用佔收入的12%。", "answer"),  # the word, not a copyright line
    ("南山綜合證券股份有限公司（Nanshan Securities Co., Ltd.）　客服專線：0800-000-111", "navigation"),
    ("如對分派有疑問，投資者可於辦公時間致電客服專線查詢。", "answer"),
])
def test_classify_sentence(sentence, kind):
    assert classify_sentence(sentence) == kind


def test_promotional_forms_name_the_form():
    assert promotional_form("現在即可註冊帳號，開啟交易之旅") in ("cta_signup", "cta_account")
    assert promotional_form("指數去年上漲了12%。") is None
    assert promotional_form("開立帳戶即享首年零佣金") == "cta_account"
    assert promotional_form("開立信用帳戶須年滿二十歲，並有半年以上交易紀錄。") is None  # a rule, not a pitch


RULES = """# 信用交易規則

南岳證券提供上市股票之融資服務，立即開戶即享手續費優惠。

當擔保維持率低於130%時，南岳證券將發出追繳通知。

投資人應於2個營業日內補繳差額。
"""


def test_a_one_sentence_paragraph_with_a_pitch_does_not_make_its_section_advertising():
    kinds = [u.kind for u in classify_text(RULES)]
    assert kinds == ["heading", "promo", "answer", "answer"]


SUB_HEADER_TABLE = """## 管理費用

| 年度 | 費用率 |
| --- | --- |
| 南岳100 | 北辰高息 |
| 2021 | 0.38% |
| 2020 | 0.41% |
| 2019 | 0.44% |
"""


def test_a_second_header_row_is_a_header_not_a_row_of_figures():
    units = classify_text(SUB_HEADER_TABLE)
    shown = {SUB_HEADER_TABLE[u.start:u.end]: u for u in units}
    assert shown["| 南岳100 | 北辰高息 |"].kind == "table_header"  # names, not a row of figures to quote
    row = shown["| 2020 | 0.41% |"]
    assert row.kind == "table_row"
    assert row.header == "## 管理費用\n| 年度 | 費用率 |"


def test_a_first_row_of_words_above_rows_of_words_is_an_ordinary_row():
    table = "| 指數 | 編製機構 |\n| --- | --- |\n| 南岳100 | 南岳指數公司 |\n| 北辰高息 | 北辰投信 |\n| 東海50 | 東海證券 |\n"
    kinds = {table[u.start:u.end]: u.kind for u in classify_text(table)}
    assert kinds["| 南岳100 | 南岳指數公司 |"] == "table_row"


def test_a_sentence_above_a_table_is_no_caption():
    text = "本資料卡整理南岳指數的基本資料。\n\n| 項目 | 內容 |\n| --- | --- |\n| 成分股數量 | 100 |\n"
    units = classify_text(text)
    row = next(u for u in units if u.kind == "table_row")
    assert row.header == "| 項目 | 內容 |"
    assert any(u.kind == "answer" and text[u.start:u.end].startswith("本資料卡") for u in units)


def test_a_title_whose_only_numbers_are_in_names_is_a_heading():
    text = "东海300与南山100估值比较\n罗素2000指数创下历史新高\n东海300指数的预期市盈率约为14倍。\n南山100指数约为25倍"
    kinds = {text[u.start:u.end]: u.kind for u in classify_text(text)}
    assert kinds["东海300与南山100估值比较"] == "heading"
    assert kinds["罗素2000指数创下历史新高"] == "heading"
    assert kinds["南山100指数约为25倍"] == "answer"  # a figure with its unit states a fact
    assert kinds["东海300指数的预期市盈率约为14倍。"] == "answer"


def test_a_heading_with_a_code_in_brackets_is_a_heading_and_a_label_with_its_value_a_fact():
    text = ("本頁為示例內容。\n\n# 海澄零售房地產投資信託基金(股份代號:2788)\n\n## 盈富基金（股份代號：2800）簡介\n\n"
            "海澄房託的出租率為96.2%。\n\n## 管理費：0.42%\n")
    kinds = {text[u.start:u.end].strip(): u.kind for u in classify_text(text)}
    assert kinds["# 海澄零售房地產投資信託基金(股份代號:2788)"] == "heading"
    assert kinds["## 盈富基金（股份代號：2800）簡介"] == "heading"
    assert kinds["## 管理費：0.42%"] == "answer"  # a label with its value states a fact


def test_a_bold_faq_question_is_a_question_and_lends_its_words_to_the_answer():
    text = "## 常見問題\n**問:如何聯絡投資者關係部?**\n答:請電郵至 ir@haicheng-reit.example。\n"
    kinds = {text[u.start:u.end]: u.kind for u in classify_text(text)}
    assert kinds["**問:如何聯絡投資者關係部?**"] == "question"
    assert kinds["答:請電郵至 ir@haicheng-reit.example。"] == "answer"


def test_slogans_offers_and_account_pitches_are_advertising():
    text = ("## 配息紀錄\n基金採季配息,除息月份為1月、4月、7月及10月。2026年7月的配息中,來自收益平準金的比例約為18%。\n"
            "---\n📣 存股族首選!每月定期定額00968,輕鬆打造你的被動收入!\n"
            "## Why wait?\nPut your idle cash to work today: open a Larkspur account in minutes and get a $200 bonus when "
            "you deposit $25,000!\n## 市場\n指數上漲3%!市場情緒轉好,成交額放大至1,200億元。")
    kinds = {text[u.start:u.end]: u.kind for u in classify_text(text)}
    assert kinds["📣 存股族首選!"] == "promo"
    assert kinds["每月定期定額00968,輕鬆打造你的被動收入!"] == "promo"  # the rest of the slogan's line
    assert kinds["Put your idle cash to work today: open a Larkspur account in minutes and get a $200 bonus when "
                 "you deposit $25,000!"] == "promo"
    assert kinds["基金採季配息,除息月份為1月、4月、7月及10月。"] == "answer"
    assert kinds["指數上漲3%!"] == "answer"  # an exclamation alone is no advertising
    assert promotional_form("🎉 首购客户专享:即可抽取最高888元话费券!") is not None
    assert promotional_form("The board approved a bonus share issue of 1 for 10.") is None


def test_a_first_row_whose_value_is_a_span_of_time_is_a_row_not_a_second_header():
    table = "| Item | Value |\n| --- | --- |\n| Effective duration | 5.40 years |\n| SEC yield | 4.10% |\n| Expense ratio | 0.07% |\n"
    assert [u.kind for u in classify_text(table)] == ["table_header", "table_row", "table_row", "table_row"]


def test_a_first_row_whose_values_are_counts_with_their_unit_is_a_row_not_a_second_header():
    table = ("| 項目 | 00981 澄豐科技ETF | 00982B 澄豐債ETF |\n|---|---|---|\n| 申購基數 | 200,000單位（200張） | 400,000單位 |\n"
             "| 預收申購價金比率 | 105% | 101% |\n| 申購交易費率 | 0.08% | 0.02% |\n")
    assert [u.kind for u in classify_text(table)] == ["table_header", "table_row", "table_row", "table_row"]
    # a second header row still is one: names in every value column
    wiki = "| 項目 | 甲 | 乙 |\n|---|---|---|\n| 代號 | 0050 台灣50 | 0057 FB摩台 |\n| 2025 | 1.2 | 3.4 |\n| 2026 | 1.5 | 3.1 |\n"
    assert [u.kind for u in classify_text(wiki)][:2] == ["table_header", "table_header"]


def test_a_line_of_links_is_navigation_whatever_its_label_and_inline_links_are_not():
    text = ("全年分派已經連跌咗四年。\n\n"
            "**延伸閱讀**：[港股收息股攻略](#) ｜ [REIT同收租股有咩分別？](#) ｜ [高息ETF懶人包](#)\n\n"
            "- [Harbour Foods reports annual results](#) · [Kestrel Logistics wins contract](#)\n\n"
            "睇返[派息表](https://example.com/t)同[年報](https://example.com/r)，管理人嘅政策係分派不少於九成。\n")
    kinds = {text[u.start:u.end].strip(): u.kind for u in classify_text(text)}
    links = [k for k in kinds if "](#)" in k or k.startswith(("**延伸", "- [Harbour"))]
    assert len(links) >= 3 and all(kinds[k] == "navigation" for k in links)  # the 「？」 split it into pieces
    assert kinds["睇返[派息表](https://example.com/t)同[年報](https://example.com/r)，管理人嘅政策係分派不少於九成。"] == "answer"
    assert kinds["全年分派已經連跌咗四年。"] == "answer"
