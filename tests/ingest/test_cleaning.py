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
