"""Table rows as answers: header: value rendering and the row holding a column's largest or smallest value.

Rows come from answer units classified at ingest (`table_row`, with the header line and the table's caption
in `header`), so a row in a chunk that does not hold the header still reads as "名称: 贵州茅台，权重(%): 3.03".
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache
from typing import Protocol, TypeVar

from assistant.answer_types import ASKS_AMOUNT
from assistant.answer_types import rank_position
from knowledge_base.lexical_tokens import STOPWORDS, english_for, expand_query, regional_forms, tokenize
from knowledge_base.scripts import normalize_for_index

_CJK = re.compile(r"[\u3400-\u9fff]")
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
_LATIN_WORD = re.compile(r"[a-z]+|\d+(?:\.\d+)?")
# A currency sign before the figure ($0.1865, HK$1.02, US$ 12) leaves it a figure.
_CURRENCY = r"(?:[A-Z]{1,3}\$|\$|¥|￥|€|£|(?:HKD|USD|RMB|CNY|NTD|TWD)\s?)"
NUMERIC_CELL = re.compile(rf"^{_CURRENCY}?[+\-\u2212]?\d[\d,]*(\.\d+)?\s*%?$")
# A quantity as tables write it: 「超過 3000 家」「約500家」「71 億美元」「2,010」「0.42%」 -> number, unit.
_QUANTITY_CELL = re.compile(r"^(?:約|约|超過|超过|逾|近|大約|大约|~|≈|>|<)?\s*"
                            rf"(?:{_CURRENCY}|港幣|港币|人民幣|人民币|新臺幣|新台幣|新台币)?\s*([+\-]?\d[\d,]*(?:\.\d+)?)\s*(%|‰|[^\d\s|]{{0,4}})$")


def quantity(cell: str) -> tuple[str, str] | None:
    """(number as written, unit) of a cell that states one quantity, else None."""
    m = _QUANTITY_CELL.match(cell.strip().replace("\u2212", "-"))  # "−12.3": the minus sign typeset tables use
    return (m.group(1), m.group(2)) if m else None
T = TypeVar("T")


def row_cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


# the asker's age: 「58歲」, "a 45 yr old", "aged 44"
_AGE = re.compile(r"(?<![\d.,])(\d{1,3})\s*(?:歲|岁|周岁|週歲|-?\s*(?:yrs?|years?)[\s-]*old\b)|\baged\s+(\d{1,3})\b", re.I)
# a row labelled with a band of ages: 「41–50」, 「41至50歲」, "41 to 50"
_AGE_BAND = re.compile(r"^\s*(\d{1,3})\s*(?:[-–—~～至到]|to)\s*(\d{1,3})\s*(?:歲|岁|years?)?\s*$", re.I)


def asked_ages(question: str) -> set[int]:
    return {int(m.group(1) or m.group(2)) for m in _AGE.finditer(question)}


def in_age_band(label: str, ages: set[int]) -> bool:
    """A row label that is a band of ages (「41–50」) holding one of the asker's."""
    band = _AGE_BAND.match(label)
    return band is not None and any(int(band.group(1)) <= age <= int(band.group(2)) for age in ages)


def label_cell(row: str) -> str | None:
    """The row's label: its first cell that is neither empty nor a number (a numbering column comes before it,
    and leaves its cell empty on a total row: 「| | 合计 | 126,000.00 |」)."""
    return next((cell for cell in row_cells(row) if cell and not NUMERIC_CELL.match(cell)), None)


_TOTAL_LABEL = re.compile(r"^(合计|合計|总计|總計|总额|總額|合共|共计|共計|total|sum|grand total)$", re.I)


def is_total_row(row: str) -> bool:
    """A table's total row (「合计」, "Total"): it sums the others, it is none of the things ranked."""
    return _TOTAL_LABEL.match(label_cell(row) or "") is not None


def header_cells(header: str) -> list[str]:
    return row_cells(header.split("\n")[-1])


def caption(header: str) -> str:
    lines = header.split("\n")
    return lines[0].lstrip("#").strip().rstrip(":： ") if len(lines) > 1 else ""


def cell_label(cell: str, lang: str) -> str:
    """A bilingual header cell ("权重(%) Weight(%)") in the asker's language."""
    if _CJK.search(cell) and re.search(r"[A-Za-z]{3,}", cell):
        zh = re.match(r"^[^A-Za-z]*[\u3400-\u9fff][^A-Za-z]*", cell)
        if lang != "en" and zh:
            return re.sub(r"[\s(（]+$", "", zh.group(0))  # 「年費% (SITCA 各項費用比率)」: not 「年費% (」
        latin = re.sub(r"^[^A-Za-z]*", "", cell).strip()
        if latin.endswith(")") and "(" not in latin:
            latin = latin[:-1].strip()
        if lang == "en" and latin and not _CJK.search(latin):
            return latin
    return cell


def render_row(row: str, header: str, lang: str, with_caption: bool = True,
               columns: Sequence[int] = ()) -> str:
    """A table row as "header: value" pairs, after the table's caption; with `columns`, only the row's name
    (its first cell) and those columns."""
    names = [cell_label(c, lang) for c in header_cells(header)]
    keep = {0, *columns} if columns else None
    pairs = [f"{name}: {value}" if name else value for i, (name, value) in enumerate(zip(names, row_cells(row)))
             if value and (keep is None or i in keep)]
    body = ("; " if lang == "en" else "，").join(pairs)
    cap = caption(header) if with_caption else ""
    if not cap:
        return body
    return f"{cap}: {body}" if lang == "en" else f"{cap}：{body}"


@lru_cache(maxsize=4096)
def _bigrams(text: str) -> frozenset[str]:
    """Two-character words of the Chinese runs and whole Latin words and numbers: what a question and a column
    name can share. Simplified and lower-cased, so a Traditional header (資產規模) meets the normalized
    question (资产规模); Latin words and numbers are compared whole ("Exchange" and "jan" share the letters
    "an"; 2014年 and 2017年 share "20"). Cached: every row of a table asks it of the same question and header."""
    norm = normalize_for_index(text).lower()
    norm = " ".join([norm, *regional_forms(norm)])  # 殖利率 asked, 股息率 in the header: one word
    grams = {run[i: i + 2] for run in _CJK_RUN.findall(norm) for i in range(len(run) - 1)}
    return frozenset(grams | {w for w in _LATIN_WORD.findall(norm) if len(w) >= 2})


def cell_number(cell: str) -> Decimal:
    """The value of a numeric cell (NUMERIC_CELL) as written: currency sign, thousands commas and % dropped."""
    return Decimal(re.sub(rf"^{_CURRENCY}", "", cell.strip().replace("\u2212", "-")).rstrip("%").replace(",", "").strip())


_RANK_COLUMN = re.compile(r"^(排名|名次|排行|rank|ranking)$", re.I)


def ranked_rows(rows: Sequence[tuple[T, str, str]], largest: bool, question: str) -> tuple[str, list[tuple[T, str]]]:
    """rows: (key, row text, header). The name of the numeric column the question names by a shared
    two-character word (else the table's last numeric column), and the first row's table's rows with a number in
    it, largest first (smallest first with `largest` False; a rank column ranks its 1 as the largest), each key
    with that column's cell."""
    if len(rows) < 2:
        return "", []
    header = rows[0][2]
    same = [r for r in rows if r[2] == header]
    names = header_cells(header)

    def cell(text: str, i: int) -> str:
        cells = row_cells(text)
        return cells[i].replace(" ", "") if i < len(cells) else ""

    def is_number(text: str, i: int) -> bool:
        return quantity(cell(text, i)) is not None

    def is_year(text: str, i: int) -> bool:
        return re.fullmatch(r"(18|19|20)\d\d", cell(text, i)) is not None

    # A column is numeric when nearly all its rows are numbers (an elision row "| …… |" does not count); a column of
    # years labels the rows, it ranks nothing ("the best year" asks the returns column, not the latest year).
    numeric = [i for i in range(len(names)) if sum(is_number(t, i) for _, t, _ in same) >= 0.8 * len(same)
               and not all(is_year(t, i) for _, t, _ in same)]
    if not numeric:
        return "", []
    asked = _bigrams(expand_query(question))  # an English question's words in Chinese name a Chinese table's columns
    named = [i for i in numeric if _bigrams(re.sub(r"[()（）%]", "", names[i])) & asked]
    column = (named or numeric)[-1]

    def value(r: tuple[T, str, str]) -> float:
        return float(quantity(cell(r[1], column))[0].replace(",", ""))

    if _RANK_COLUMN.match(names[column].strip()):
        largest = not largest  # a rank column: the largest is ranked 1
    valued = sorted((r for r in same if is_number(r[1], column) and not is_total_row(r[1])), key=value, reverse=largest)
    return names[column].strip(), [(r[0], cell(r[1], column)) for r in valued]


def is_rank_column(name: str) -> bool:
    return _RANK_COLUMN.match(name.strip()) is not None


def extreme_row(rows: Sequence[tuple[T, str, str]], largest: bool, question: str) -> T | None:
    """The key of the row with the largest (smallest) value in the column `ranked_rows` reads; the second largest
    for 第二大 / second-largest (answer_types.rank_position)."""
    _, valued = ranked_rows(rows, largest, question)
    place = rank_position(question)
    return valued[place - 1][0] if len(valued) >= place else None


def named_columns(header: str, question: str) -> list[int]:
    """Columns (after the first, which names the row) that the question names by a two-character word no
    other column has: 「成分股數量和計算方式分別是?」 names 成分股數量 and 計算方式; or by the word two columns share
    and the Latin qualifier in brackets that tells them apart: 「Y份額的管理費」 names 管理費（Y）, not 管理費（A）."""
    names = header_cells(header)
    grams = [_bigrams(re.sub(r"[()（）%]", "", n)) for n in names]
    asked = _bigrams(question)
    norm_question = normalize_for_index(question).lower()
    return [i for i in range(1, len(names))
            if (grams[i] - set().union(*(g for j, g in enumerate(grams) if j != i))) & asked
            or _qualified_column_named(names[i], norm_question)]


_QUALIFIED_NAME = re.compile(r"^(.+?)\s*[（(]([^（()）]+)[）)]\s*$")


def _qualified_column_named(name: str, norm_question: str) -> bool:
    m = _QUALIFIED_NAME.match(name.strip())
    if not m:
        return False
    base = normalize_for_index(m.group(1)).lower().strip()
    if len(base) < 2 or base not in norm_question:
        return False
    qualifiers = (q.strip() for q in re.split(r"[，,、/]", normalize_for_index(m.group(2)).lower()))
    return any(re.search(rf"(?<![a-z0-9]){re.escape(q)}(?![a-z0-9])", norm_question) is not None
               for q in qualifiers if q and q.isascii() and q.isalnum())


def _is_rate_column(cell: str, name: str) -> bool:
    return cell.strip().endswith("%") or "%" in name or name.endswith(("率", "比", "比例"))


# 「多了多少元」 asks an amount of money, 「多了幾個百分點」 a rate: of two columns one word names (配息金額(元) and
# 配息率), the one of that kind
_ASKS_AMOUNT = ASKS_AMOUNT
_ASKS_RATE = re.compile(r"(多少|几多|几|幾多|幾)\s*(个|個)?\s*(百分点|百分點|%)|百分之(几|幾|多少)|percentage points?|percent|%")


def asked_kind(question: str) -> str | None:
    """"amount" for a question asking a sum of money, "rate" for one asking percentage points or a percentage."""
    text = question.lower()
    if _ASKS_AMOUNT.search(text):
        return "amount"
    return "rate" if _ASKS_RATE.search(text) else None


# 2026年6月30日, 2026/07/17, 2026-07: a date cell's year, month and day, when it has one
DATE_CELL = re.compile(r"((?:19|20)\d\d)\s*[/\-.年]\s*(\d{1,2})(?:\s*[/\-.月]\s*(\d{1,2}))?")


_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# 「9 July 2025」, "July 9, 2025", "Jul 2025": an English page's date cell
_ENGLISH_DATE_CELL = re.compile(rf"\b(?:(\d{{1,2}})\s+{_MONTH}|{_MONTH}\s+(\d{{1,2}})?,?)\s*((?:19|20)\d\d)\b", re.I)


def row_date(row: str) -> tuple[int, int, int] | None:
    """(year, month, day) of the row's first date cell (2026/07/17, 2026年3月27日, 9 July 2026); day 0 where none is
    written."""
    return next((found[0] for cell in row_cells(row) if (found := _dated(cell)) is not None), None)


def _dated(text: str) -> tuple[tuple[int, int, int], re.Match[str]] | None:
    """((year, month, day), the match) of the first date a cell or a column name writes; day 0 where none is."""
    m = DATE_CELL.search(text)
    if m:
        return (int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)), m
    m = _ENGLISH_DATE_CELL.search(text)
    if m:
        month = m.group(2) or m.group(3)
        return (int(m.group(5)), _MONTH_NAMES.index(month.lower()) + 1, int(m.group(1) or m.group(4) or 0)), m
    return None


@lru_cache(maxsize=256)
def _english_words(question: str) -> frozenset[str]:
    """The English words of a Chinese question's words (权重: weight), to meet an English table's column names."""
    if question.isascii():
        return frozenset()
    return frozenset(w for t in tokenize(normalize_for_index(question).lower()) for f in english_for(t) for w in f.split())


def dates_agree(header: str, months: list[tuple[int, int]]) -> bool:
    """A table's dated columns hold one of the (year, month)s the question names, where it names months and the
    table's columns are dated (「2026年6月30日 | 2025年12月31日」 is not asked 2026年9月); True otherwise."""
    dated = [m for m in (DATE_CELL.search(name) for name in header_cells(header)) if m]
    if not months or not dated:
        return True
    return any((int(m.group(1)), int(m.group(2))) in months for m in dated)


def row_value(row: str, header: str, question: str, rate_change: bool = False) -> tuple[str, bool] | None:
    """The figure a question asks of a row: the numeric column it names, else the last numeric one;
    (as shown, is a percentage). `rate_change`: the question asks a percentage change, which is asked of an
    amount (配息 0.41 → 0.50) rather than of a rate column the same word names (配息率): a rate's change is
    asked in percentage points."""
    names = header_cells(header)
    cells = row_cells(row)
    numeric = [i for i in range(min(len(names), len(cells))) if NUMERIC_CELL.match(cells[i].replace(" ", ""))
               and not re.fullmatch(r"(18|19|20)\d\d", cells[i].strip())]  # a year names the row
    if not numeric:
        return None
    asked = _bigrams(question) | _english_words(question)
    shared = {i: len(_bigrams(re.sub(r"[()（）%]", "", names[i])) & asked) for i in numeric}
    named = [i for i in numeric if shared[i]]
    if not named and len(numeric) > 1:
        return None  # the question names none of several figures: the row cannot say which it asks
    asks = asked_kind(question)
    if (rate_change or asks == "amount") and len(named) > 1:
        amounts = [i for i in named if not _is_rate_column(cells[i], names[i])]
        named = amounts or named
    elif asks == "rate" and len(named) > 1:
        named = [i for i in named if _is_rate_column(cells[i], names[i])] or named
    # "7-day SEC yield" asked: the column named by the most of the question's words, not "7-day yield without waivers"
    named = [i for i in named if shared[i] == max(shared[j] for j in named)]
    column = (named or numeric)[-1]
    cell = cells[column].replace(" ", "")
    return cell, cell.endswith("%") or "%" in names[column]




# A column numbering or ranking the rows: its cells label them, they are no figures
_SEQUENCE_COLUMN = re.compile(r"^(序号|序號|编号|編號|排名|名次|no\.?|#|rank)$", re.I)


def _sequence_columns(header: str) -> set[int]:
    return {i for i, name in enumerate(header_cells(header)) if _SEQUENCE_COLUMN.match(name.strip())}


def row_pair(row: str, header: str, question: str) -> list[tuple[str, str, str]] | None:
    """Two figures of one row that the question names by two different columns (「最大市值」 and 「最小市值」 of
    「最大…是最小的幾倍」), as (number, unit, cell as shown), in column order; None unless exactly two columns
    are named by a word no other column shares and both hold a figure in the same unit (of more columns named,
    the two whose unit no other shares)."""
    cells = row_cells(row)
    asked = _bigrams(question)
    own = _own_column_grams(header)
    skip = _sequence_columns(header)
    found = [figure for i, cell in enumerate(cells[:len(own)])
             if i not in skip and (figure := _figure(cell)) is not None and own[i] & asked]
    if len(found) > 2:
        # 「最大嗰間公司嘅市值，係最細嗰間嘅幾倍」 also names 公司數量 by 公司: the two figures in one unit are the pair
        units = [f[1] for f in found]
        found = [f for f in found if f[1] and units.count(f[1]) == 2]
    if len(found) != 2 or found[0][1] != found[1][1]:
        return None
    return found


_YEAR_LABEL = re.compile(r"\**\s*((?:19|20)\d\d)\s*年?(?:度)?\s*\**")


class _Row(Protocol):
    text: str


R = TypeVar("R", bound=_Row)


def year_rows(rows: Sequence[R]) -> dict[int, R]:
    """The rows of a year-row table by the year their label cell names (「| 2022 | … |」, 「| **2026年度** | … |」),
    the first row of each year."""
    by_year: dict[int, R] = {}
    for c in rows:
        cells = row_cells(c.text)
        m = _YEAR_LABEL.fullmatch(cells[0].strip()) if cells else None
        if m:
            by_year.setdefault(int(m.group(1)), c)
    return by_year


_COLUMN_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年?(?!\d)")
def _column_date(name: str) -> tuple[int, str] | None:
    """(a sortable date key, the column's name without its date) of a column named by a date (2026年6月30日,
    2026/06/30, 30 June 2026, Dec 31, 2025: the forms `row_date` reads) or by a year alone."""
    found = _dated(name)
    if found is not None:
        (year, month, day), m = found
        start, end = m.start(), m.end() + (name[m.end():m.end() + 1] in ("日", "号", "號"))
    elif (m := _COLUMN_YEAR.search(name)) is not None:
        (year, month, day), start, end = (int(m.group(1)), 0, 0), m.start(), m.end()
    else:
        return None
    return year * 10000 + month * 100 + day, (name[:start] + " " + name[end:]).strip()


def year_column_pair(row: str, header: str, question: str) -> list[tuple[str, str, str]] | None:
    """The two figures of one measure in two years' columns (「Segment results 2026 | Segment results 2025」) where
    the question names that measure and no other one of the table's year columns: earlier year first. None when
    the measure has other than two years, or the question names several measures."""
    cells, names = row_cells(row), header_cells(header)
    asked = _bigrams(question)
    measures: dict[str, list[tuple[int, tuple[str, str, str]]]] = {}
    for i, (name, cell) in enumerate(zip(names, cells)):
        dated = _column_date(name)
        figure = _figure(cell) if dated else None
        if figure is not None:
            measure = re.sub(r"[（(]\s*[）)]", "", dated[1]).strip()  # 「出租率（2026年6月30日）」 is 出租率
            measures.setdefault(measure, []).append((dated[0], figure))
    named = [m for m in measures if (grams := _bigrams(m)) and grams <= asked or _head_word(m) in asked]
    if not named and len(measures) == 1:
        named = list(measures)  # 「項目 | 截至2026年6月30日止六個月 | 截至2025年…」: the columns are periods of the row's measure
    if len(named) != 1 or len(years := measures[named[0]]) != 2 or years[0][0] == years[1][0]:
        return None
    pair = [f for _, f in sorted(years)]
    return pair if pair[0][1] == pair[1][1] else None


def _head_word(measure: str) -> str:
    """A Chinese measure's last two characters, its unit in brackets aside: 收入 of 「营业收入（万元）」 (a compound's
    head comes last, so 「业务收入」 asked names it)."""
    runs = _CJK_RUN.findall(normalize_for_index(re.sub(r"[（(][^）)]*[）)]", "", measure)).lower())
    return runs[-1][-2:] if runs and len(runs[-1]) >= 2 else ""


def _own_column_grams(header: str) -> list[frozenset[str]]:
    """Each column name's two-character words that no other column name shares (整前 of 調整前 beside 調整後)."""
    grams = [_bigrams(re.sub(r"[()（）%]", "", n)) for n in header_cells(header)]
    return [g - frozenset().union(*(o for j, o in enumerate(grams) if j != i)) for i, g in enumerate(grams)]


def _figure(cell: str) -> tuple[str, str, str] | None:
    """A cell's one quantity as (number, unit, cell as shown); None for text and for a year (which names the row)."""
    figure = quantity(cell)
    if figure is None or re.fullmatch(r"(18|19|20)\d\d", cell.strip()):
        return None
    return figure[0].replace(",", ""), figure[1], cell.strip()


def row_before_after(row: str, header: str, question: str) -> list[tuple[str, str, str]] | None:
    """A row's only two figures, in one unit, where the question names the row and one of their columns: 「融資年利率
    比調整前降了幾個百分點」 of 「融資年利率 | 6.45% | 6.12%」 under 「項目 | 調整前 | 調整後」 (the other column is
    the side the question leaves unsaid). As (number, unit, cell as shown), in column order."""
    cells = row_cells(row)
    asked = _bigrams(question)
    own = _own_column_grams(header)
    skip = _sequence_columns(header)
    figures = [(i, f) for i, cell in enumerate(cells) if i not in skip and (f := _figure(cell)) is not None]
    named = any(i < len(own) and own[i] & asked for i, _ in figures)
    labels = [cell for i, cell in enumerate(cells) if i not in dict(figures)]
    figures = [f for _, f in figures]
    if len(figures) != 2 or figures[0][1] != figures[1][1] or figures[0][0] == figures[1][0] or not named:
        return None
    label = _bigrams("".join(labels))
    return figures if label and label & asked else None


def label_overlap(row: str, question: str) -> int:
    """How many two-character words a row's text cells share with the question: which of two rows a question
    names (每基金單位資產淨值 beside 資產負債比率 for "NAV per unit")."""
    labels = "".join(cell for cell in row_cells(row) if _figure(cell) is None)
    return len(_bigrams(labels) & _bigrams(question))


def label_share(row: str, question: str) -> float:
    """The share of a row's label words (two-character) the question names: of two rows it names equally, the one
    it names more exactly (營業收入 beside 研發投入佔營業收入的比例 for "revenue")."""
    labels = _bigrams("".join(cell for cell in row_cells(row) if _figure(cell) is None))
    return len(labels & _bigrams(question)) / len(labels) if labels else 0.0


def header_overlap(header: str, question: str, column: str = "") -> int:
    """How many two-character words a table's caption and header share with the question, those of the column
    read (`column`) aside: which table it names (「前三大成分股權重」 names a constituents table by 成分股, not the
    sector table beside it by 權重, which both have)."""
    asked = _bigrams(question) - _bigrams(column) - STOPWORDS  # "of" names no table
    caption = " ".join(line for line in header.splitlines() if not line.lstrip().startswith("|"))
    # a caption names what the table lists (產業分布), where its columns may merely mention it (成分股's 產業)
    return 2 * len(_bigrams(caption) & asked) + len((_bigrams(header) - _bigrams(caption)) & asked)


def abbreviates(short: str, name: str) -> bool:
    """`short` keeps the first character of `name` and the rest in order (招行 in 招商银行)."""
    if len(short) >= len(name) or short[0] != name[0]:
        return False
    rest = iter(name[1:])
    return all(ch in rest for ch in short[1:])


def holds_code(code: str, row: str) -> bool:
    """A cell of the row is the code (2395), or starts with it (「3157 (HKD counter)」)."""
    return any(re.fullmatch(rf"{re.escape(code)}(?:\s*[(（].*)?", cell.strip()) for cell in row_cells(row))


def names_row(term: str, row: str, header: str) -> bool:
    """A Chinese term of the question names this row: a non-numeric cell holds it, or abbreviates to it,
    and the header does not hold it (header words are in every row)."""
    if not _CJK.search(term) or term in header:
        return False
    for cell in row_cells(row):
        if len(cell) >= 2 and not NUMERIC_CELL.match(cell) and (term in cell or abbreviates(term, cell)):
            return True
    return False
