"""Reading-order rules on positioned words (no PDF library): columns, label/value layouts, paragraphs,
running headers and footers, page numbers, and tables continued from the previous page."""
from __future__ import annotations

from ingest.pdf_layout import lay_out
from ingest.pdf_lines import Table, Word, group_lines
from ingest.pdf_margins import drop_margins, is_page_number, margin_signature, repeated_margins

SIZE = 10.0
PITCH = 15.0  # line-height 1.5


def line(text: str, x0: float, top: float, width: float | None = None, size: float = SIZE) -> Word:
    return Word(text, x0, x0 + (width if width is not None else len(text) * size), top, top + size)


def column(prefix: str, x0: float, top: float, rows: int, width: float = 200) -> list[Word]:
    """`rows` wrapped lines filling a column of `width` points, the last one shorter (paragraph end)."""
    words = [line(f"{prefix}{i}行文字", x0, top + i * PITCH, width) for i in range(rows - 1)]
    return words + [line(f"{prefix}末行。", x0, top + (rows - 1) * PITCH, width / 3)]


def test_two_columns_read_left_then_right_with_the_title_first_and_a_heading_after() -> None:
    words = [line("季度報告", 50, 40, 120, size=20)]
    words += column("左", 50, 80, 8) + column("右", 280, 80, 8)
    words += [line("基金費用一覽", 50, 80 + 8 * PITCH + 20, 90, size=14)]
    words += [line("全寬段落說明費用計算方法。", 50, 80 + 8 * PITCH + 45, 430)]
    text = lay_out(group_lines(words), []).lines
    assert text[0] == "季度報告"
    assert text[1] == "".join(f"左{i}行文字" for i in range(7)) + "左末行。"
    assert text[2] == "".join(f"右{i}行文字" for i in range(7)) + "右末行。"
    assert text[3:] == ["基金費用一覽", "全寬段落說明費用計算方法。"]


def test_columns_whose_lines_sit_at_different_heights_still_split() -> None:
    words = column("左", 50, 80, 8) + column("右", 280, 86, 8)  # baselines offset by less than a line
    text = lay_out(group_lines(words), []).lines
    assert text == ["".join(f"左{i}行文字" for i in range(7)) + "左末行。", "".join(f"右{i}行文字" for i in range(7)) + "右末行。"]


def test_label_value_layout_is_not_taken_for_two_columns() -> None:
    words = []
    for i, (label, value) in enumerate([("基金經理", "陳大文"), ("成立日期", "2019年5月1日"), ("管理費", "每年1.25%"),
                                        ("認購費", "最高5%"), ("基金規模", "12.3億港元"), ("風險等級", "中高")]):
        words += [line(label, 50, 80 + i * PITCH, 40), line(value, 300, 80 + i * PITCH, 80)]
    text = lay_out(group_lines(words), []).lines
    assert text[0] == "基金經理 陳大文" and text[2] == "管理費 每年1.25%"


def test_single_column_paragraphs_join_wrapped_lines_and_keep_paragraph_breaks() -> None:
    words = [line("Small caps rebound as", 50, 80, 400), line("rates fall.", 50, 80 + PITCH, 100),
             line("新段落第一行文字", 50, 80 + 3 * PITCH, 400), line("續行。", 50, 80 + 4 * PITCH, 40)]
    assert lay_out(group_lines(words), []).lines == ["Small caps rebound as rates fall.", "新段落第一行文字續行。"]


def test_running_headers_footers_and_page_numbers_are_dropped() -> None:
    height = 842.0
    pages = []
    for n in (1, 2, 3):
        pages.append(group_lines([
            line("財問證券 研究報告", 250, 20, 90), line(f"本頁內容{n}", 50, 300, 200),
            line(f"第 {n} / 3 頁", 280, 810, 50),
        ]))
    running = repeated_margins([{s for ln in p if (s := margin_signature(ln, height))} for p in pages])
    assert [ln.text for ln in drop_margins(pages[1], height, running)] == ["本頁內容2"]
    # A single page has nothing to compare with: its header stays, a bare page number goes.
    alone = group_lines([line("財問證券 研究報告", 250, 20, 90), line("正文", 50, 300, 20), line("- 1 -", 290, 810, 20)])
    assert [ln.text for ln in drop_margins(alone, height, set())] == ["財問證券 研究報告", "正文"]


def test_page_number_shapes() -> None:
    for text in ("3", "- 3 -", "Page 3 of 9", "p. 3", "第3頁", "第 3 页", "3/9", "第 3 / 9 頁"):
        assert is_page_number(text), text
    for text in ("第3季", "3月", "Russell 2000", "1.25%", "2026年3月31日"):
        assert not is_page_number(text), text


def test_a_table_continued_on_the_next_page_keeps_one_header() -> None:
    header = ("基金", "管理費")
    first = Table((header, ("甲基金", "1.00%"), ("乙基金", "1.10%")), 50, 500, 600, 780)
    page1 = lay_out([], [first])
    assert page1.lines == ["| 基金 | 管理費 |", "| --- | --- |", "| 甲基金 | 1.00% |", "| 乙基金 | 1.10% |"]
    assert page1.ends_with_table is first
    repeated = Table((header, ("丙基金", "1.20%")), 50, 500, 60, 120)
    page2 = lay_out([], [repeated], continues=first)
    assert page2.continued and page2.lines == ["| 丙基金 | 1.20% |"]  # the reprinted header row is dropped
    bare = Table((("丁基金", "1.30%"),), 50, 500, 60, 90)
    assert lay_out([], [bare], continues=first).lines == ["| 丁基金 | 1.30% |"]
    other = Table((("年份", "回報", "波幅"), ("2025", "8%", "15%")), 50, 500, 60, 120)
    assert lay_out([], [other], continues=first).lines[1] == "| --- | --- | --- |"  # a new table


def test_english_columns_under_a_title_that_spans_both() -> None:
    words, x = [], 50.0
    for w in "Quarterly review of small caps and rates in a year of easing".split():  # one phrase across
        words.append(Word(w, x, x + 7 * len(w), 40, 52))
        x += 7 * len(w) + 3
    for side, x0 in (("left", 50), ("right", 280)):
        for row in range(7):
            for k in range(4):
                words.append(line(f"{side[0]}{row}w{k}", x0 + 52 * k, 80 + row * PITCH, 48))
        words.append(line(f"{side}-end.", x0, 80 + 7 * PITCH, 40))
    text = lay_out(group_lines(words), []).lines
    assert text[0] == "Quarterly review of small caps and rates in a year of easing"
    assert text[1].startswith("l0w0 l0w1") and text[1].endswith("left-end.")
    assert text[2].startswith("r0w0") and text[2].endswith("right-end.")
