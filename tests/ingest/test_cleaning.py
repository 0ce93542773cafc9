"""Each cleaning rule on the real corpus: the boilerplate goes, the article text around it stays."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest.cleaning import CleaningReport, clean_text

DOCS = {
    "000": "000_4b08b8b848a4e809.txt",
    "001": "001_aab619b458c5b363.txt",
    "002": "002_9dbfc5c8b08aa693.txt",
    "003": "003_50d57fdeb84ad35c.txt",
    "004": "004_07ababd27a3295c0.txt",
}


def cleaned(corpus_dir: Path, key: str) -> tuple[str, str, CleaningReport]:
    raw = (corpus_dir / DOCS[key]).read_text(encoding="utf-8")
    report = CleaningReport()
    return raw, clean_text(raw, report), report


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n")]


def test_image_credits_are_removed(corpus_dir: Path) -> None:
    raw, text, report = cleaned(corpus_dir, "003")
    assert raw.count("Image Source: unsplash") == 3
    assert "Image Source" not in text
    assert report.removed["image_credit"] == 3
    assert "想投資美股,卻分不清楚道瓊、標普500?" in text  # the line after the first credit stays

    raw, text, report = cleaned(corpus_dir, "004")
    for credit in ("圖源:TradingView", "圖源:聯準會", "圖源:CME Group"):
        assert credit in raw and credit not in text
    assert report.removed["image_credit"] == 5
    # the sentence the credit sat under survives
    assert "2025年9月18日,代表小型股的羅素2000指數(Russell 2000)創下自2021年以來的新高" in text


def test_login_and_promo_blocks_are_removed(corpus_dir: Path) -> None:
    raw, text, report = cleaned(corpus_dir, "001")
    for promo in ("解锁更多功能", "登录后即可使用", "关于我们", "Ginlix AI"):
        assert promo in raw and promo not in text
    assert report.removed["login_promo"] == 3
    # the title printed again after the promo block is dropped as a repeat, not the article
    assert text.count("罗素2000指数创下历史新高,连续11日跑赢标普500指数") == 1
    assert "2026年1月16日罗素2000指数创下历史新高的收盘价" in text


def test_bare_id_numbers_are_removed_but_numbers_in_text_stay(corpus_dir: Path) -> None:
    raw, text, report = cleaned(corpus_dir, "004")
    assert "759341900040769554" in raw and "759341900040769554" not in text
    assert report.removed["bare_id"] == 1
    assert not any(re.fullmatch(r"\d{6,}", line) for line in lines(text))
    assert "2025年09月30日 22:00 GMT" in text  # a dateline is not an ID
    assert "羅素2,000成分股中約35%的公司尚未獲利" in text


def test_a_year_alone_on_a_line_is_not_an_id() -> None:
    assert clean_text("市場回顧\n2025\n羅素2000全年上漲。") == "市場回顧\n2025\n羅素2000全年上漲。"


def test_image_file_names_are_removed(corpus_dir: Path) -> None:
    raw, text, report = cleaned(corpus_dir, "004")
    name = "analyzing-charts-and-quotes-2023-11-27-04-52-43-utc"
    assert name in raw and name not in text
    assert report.removed["image_file"] == 1
    assert "值得警覺的是,2021年末至2022年的成長股殺估值行情中" in text


def test_hashtag_line_is_removed_but_headings_stay(corpus_dir: Path) -> None:
    raw, text, report = cleaned(corpus_dir, "001")
    assert "#small_cap_analysis #russell_2000" in raw
    assert "#" not in text
    assert report.removed["hashtags"] == 1
    assert clean_text("# 羅素2000指數\n內文一句話。") == "# 羅素2000指數\n內文一句話。"  # Markdown heading


def test_site_navigation_lines_are_removed(corpus_dir: Path) -> None:
    raw, text, report = cleaned(corpus_dir, "004")
    assert lines(raw)[:3] == ["搜尋", "", "我們的服務"]
    assert lines(text)[0] == "美股市場出現的新機會"
    assert report.removed["navigation"] == 5


@pytest.mark.parametrize("key", sorted(DOCS))
def test_no_empty_lines_and_no_inline_reference_markers_remain(corpus_dir: Path, key: str) -> None:
    raw, text, report = cleaned(corpus_dir, key)
    assert text == text.strip()
    assert all(line.strip() for line in text.split("\n")), "empty or whitespace-only line left"
    assert "\r" not in text and "\u00a0" not in text
    assert not re.search(r"\[\d{1,2}\]", text)
    if key == "004":
        assert report.removed["empty_line"] > 100  # the article is double-spaced with NBSP lines


def test_inline_reference_markers_are_removed_without_touching_words(corpus_dir: Path) -> None:
    raw, text, report = cleaned(corpus_dir, "001")
    assert raw.count("[0]") >= 4
    assert report.removed["inline_reference"] == 22
    assert "而标普500指数的涨幅则相对温和。此期间的日波动率标准差为0.86%" in text
    assert "(市盈率18倍 vs 31倍)提供了大盘股主导时期所缺乏的安全边际。" in text


def test_cleaning_keeps_every_content_line_in_order(corpus_dir: Path) -> None:
    """Cleaning removes whole lines or [n] markers, never rewrites wording: every kept line is a raw line."""
    for key in DOCS:
        raw, text, _ = cleaned(corpus_dir, key)
        raw_lines = [re.sub(r"(\[\d{1,2}\])+", "", line).replace("\u00a0", " ").strip() for line in raw.split("\n")]
        position = 0
        for line in text.split("\n"):
            position = raw_lines.index(line, position) + 1


def test_cleaning_is_idempotent(corpus_dir: Path) -> None:
    for key in DOCS:
        _, text, _ = cleaned(corpus_dir, key)
        assert clean_text(text) == text


def test_rules_leave_similar_looking_content_alone() -> None:
    text = "\n".join([
        "圖片顯示,羅素2000指數在9月創下新高。",  # 圖片 inside a sentence, not a credit line
        "標普500指數 2,692.23 點",
        "IWM",
        "small-cap-etf",  # a short slug is not an asset name
    ])
    assert clean_text(text) == text


def test_hard_wrapped_prose_is_joined_and_lists_tables_and_headings_are_not():
    text = ("# Harbour Treasury Fund\n\nIts expense ratio is 0.25% a year, and the\nminimum initial investment is $1,000.\n"
            "- first item\n- second item\n截至2025年底，\n指數成分股共300隻。\n| a | b |\n| c | d |\n## Fees\nSee the table.")
    lines = clean_text(text).split("\n")
    assert "Its expense ratio is 0.25% a year, and the minimum initial investment is $1,000." in lines
    assert "截至2025年底，指數成分股共300隻。" in lines
    assert "- first item" in lines and "- second item" in lines
    assert "| a | b |" in lines and "## Fees" in lines and "See the table." in lines
    # a line ending on a word runs on into a figure; a line ending on a figure or a short label does not
    text = ("Its management fee is\n0.30% a year, charged daily.\nShares were bought back for\n$386.4 million.\n"
            "The fund holds 40 stocks as of\n2031 and more.\nHotline\n2875 4093\nTotal assets were HK$5,000\n2,000 in cash.")
    lines = clean_text(text).split("\n")
    assert "Its management fee is 0.30% a year, charged daily." in lines
    assert "Shares were bought back for $386.4 million." in lines
    assert "Hotline" in lines and "2875 4093" in lines  # one word: a label, not prose
    assert "Total assets were HK$5,000" in lines  # ends on a figure, not mid-sentence on a word


WRAPPED_NOTICE = """三、重要日子
本行要時間整合客戶指示再交俾過戶處，所以本行截止時間早過過戶處。過咗本行截止時間
先收到嘅指示，本行唔保證可以處理，未能處理嘅一律當收現金。
現金股息（包括特別股息）會喺派發日當日存入你嘅證券戶口；新股會喺2027年7月12日
開市前存入戶口，當日就可以賣。
事項                                   日期及時間
本行網上／App指示截止                  2027年6月24日（四）下午5:00
四、新股數目點計
零碎股權益會以現金派發，計至仙（不足一仙捨去），喺派發日同現金股息一齊存入戶口。
以連權最後一日收市價HK$0.62計，供股前後嘅理論除權價＝（2 × 0.62＋1 × 0.38）÷ 3＝HK$0.54
每份未繳股款供股權理論價值＝0.54－0.38＝HK$0.16，實際價格由市場決定，波幅較大。
新股同現有股份享有同等權益，但唔享有今次末期股息同特別股息，亦唔享有中期股息。
以股代息價格係按過去幾日嘅平均價折讓計算，收新股嘅價值可能少過收現金，請留意。
"""


def test_plain_text_wrapped_at_the_pages_width_is_joined_only_in_plain_text():
    lines = clean_text(WRAPPED_NOTICE, plain=True).split("\n")
    assert "現金股息（包括特別股息）會喺派發日當日存入你嘅證券戶口；新股會喺2027年7月12日開市前存入戶口，當日就可以賣。" in lines
    assert any(line.startswith("本行要時間整合") and line.endswith("一律當收現金。") for line in lines)
    assert "三、重要日子" in lines and "四、新股數目點計" in lines  # headings stay lines of their own
    assert "本行網上／App指示截止                  2027年6月24日（四）下午5:00" in lines  # a fixed-width table row
    # a line ending in a figure is a result of its own, however wide
    assert any(line.startswith("每份未繳股款供股權理論價值") for line in lines)
    # a Markdown or HTML page's lines are its paragraphs
    assert "開市前存入戶口，當日就可以賣。" in clean_text(WRAPPED_NOTICE).split("\n")


def test_a_line_ending_a_sentence_or_followed_by_a_capital_stays_a_line_of_its_own():
    lines = clean_text("The fund invests in bills.\nit is rated AAA\nKey facts\nInception: 2009").split("\n")
    assert lines == ["The fund invests in bills.", "it is rated AAA", "Key facts", "Inception: 2009"]


def test_a_line_of_links_to_other_pages_is_removed():
    text = ("Tessaline reported revenue of S$412.6 million.\n\n"
            "Related releases: [Tessaline wins Johor factory contract](#) | [Tessaline FY2025 results](#)\n\n"
            "See the [annual report](https://example.com/ar) for details, and [notes](#) too.\n")
    cleaned = clean_text(text)
    assert "FY2025" not in cleaned and "Related releases" not in cleaned
    assert "S$412.6 million" in cleaned and "See the [annual report]" in cleaned  # a sentence with links stays
    bar = "[嘉汀資產管理 Kadin Asset Management](#) ｜ [首頁](#) ｜ [基金一覽](#)"
    assert bar in clean_text(f"{bar}\n\n正文。\n")  # a site's bar names the brand in both languages: it stays


FIXED_WIDTH_FEES = """三、收費（新收費由2026年4月1日起）

項目                  新收費                              現行收費
--------------------  ----------------------------------  ------------------
不活動戶口管理費      每季HK$70，總資產低過HK$20,000先收  每季HK$40
分行重啟戶口          每次HK$90                           劃一每次HK$120
電子結單              免費                                免費

收費規則：管理費喺每季第一個月10號扣。
"""


def test_a_plain_text_table_in_fixed_width_columns_is_read_as_a_table():
    lines = clean_text(FIXED_WIDTH_FEES, plain=True).split("\n")
    assert "| 項目 | 新收費 | 現行收費 |" in lines
    assert "| 不活動戶口管理費 | 每季HK$70，總資產低過HK$20,000先收 | 每季HK$40 |" in lines
    assert "| 電子結單 | 免費 | 免費 |" in lines
    assert not any(line.startswith("---") for line in lines)
    assert "收費規則：管理費喺每季第一個月10號扣。" in lines  # the blank line ends the table
    # a Markdown page's dashes are its own business
    assert "| 項目 | 新收費 | 現行收費 |" not in clean_text(FIXED_WIDTH_FEES).split("\n")


def test_a_fixed_width_row_whose_cells_do_not_split_at_their_gaps_is_cut_at_the_rules_columns():
    text = "Item        Charge\n----------  ---------\nPhone desk  HK$45  per order\nApp         Free\n"
    lines = clean_text(text, plain=True).split("\n")
    assert "| Phone desk | HK$45  per order |" in lines and "| App | Free |" in lines


UNRULED_FEES = """二、收費修訂
服務                    現行收費                  新收費（2039年7月1日起）
紙本結單                每月HK$25                 每月HK$30
補發結單                每份HK$50                 每份HK$60
電子結單                免費                      免費

收費會喺每月最後一個營業日扣除。
熱線        (852) 2111 0000
傳真        (852) 2111 0001
電郵        help@example.com
"""


def test_a_plain_text_table_without_a_rule_is_read_as_a_table_under_its_header():
    lines = clean_text(UNRULED_FEES, plain=True).split("\n")
    assert "| 服務 | 現行收費 | 新收費（2039年7月1日起） |" in lines
    assert "| 紙本結單 | 每月HK$25 | 每月HK$30 |" in lines and "| 電子結單 | 免費 | 免費 |" in lines
    assert "收費會喺每月最後一個營業日扣除。" in lines  # the blank line ends it
    # a label and its value line up the same way, with no header of columns over them: left as lines
    assert "熱線        (852) 2111 0000" in lines
    # only in plain text
    assert "| 服務 | 現行收費 | 新收費（2039年7月1日起） |" not in clean_text(UNRULED_FEES).split("\n")


def test_rows_without_their_header_or_a_header_over_a_rule_are_not_read_as_an_unruled_table():
    # no line of column names over the rows (the first is a row of amounts, the next ones rows under it)
    rows = "電話指示        每次HK$40     每次HK$50\n分行指示        每次HK$60     每次HK$80\n網上指示        免費          免費\n"
    assert not any(line.startswith("|") for line in clean_text(rows, plain=True).split("\n"))
    # a ruled table keeps its rule's columns and no row of dashes
    cleaned = clean_text(FIXED_WIDTH_FEES, plain=True)
    assert "| 項目 | 新收費 | 現行收費 |" in cleaned and "| -------------------- |" not in cleaned
