"""Answer units: every piece of a document classified once, at ingest, by its structure.

A unit is a sentence, a heading line, or a table line. Its kind says whether it can answer anything:

- `answer`       a sentence that states something (quotable)
- `table_row`    a table row, kept with its header so it reads as header: value pairs (quotable)
- `heading`      a heading, numbered list label, table caption or an introduction ending in a colon
- `question`     a question the document itself asks (FAQ entries, rhetorical questions)
- `table_header` a table's header row
- `promo`        advertising and call-to-action text (sign-up pitches, praise of a trading platform)
- `navigation`   site chrome that survived cleaning (breadcrumbs, pagers, "read more" links)

Classification uses punctuation, length, position, list/heading/table markup and the forms of advertising
copy (`ingest/data/promotional_forms.tsv`, `navigation_forms.tsv`), never the wording of any question.
Only `answer` and `table_row` units are quoted by the offline composer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ingest.chunking import split_units
from knowledge_base.records import QUOTABLE_UNITS as QUOTABLE  # noqa: F401  (re-exported)
from knowledge_base.scripts import normalize_for_index
from knowledge_base.vocabulary_files import read_patterns

KINDS = ("answer", "table_row", "heading", "question", "table_header", "promo", "navigation")

_TABLE_ROW = re.compile(r"^\|.*\|\s*$")
_TABLE_SEP = re.compile(r"^\|[\s:\-|]+\|\s*$")
_CONTENT = re.compile(r"[A-Za-z0-9\u3400-\u4dbf\u4e00-\u9fff]")
_DIGIT = re.compile(r"\d")
_CLOSERS = "」』”’\"')）》]】"
_QUESTION_LEAD = re.compile(r"^(q\s*[&＆]\s*a|faq|q\s*[:：.]|问\s*[:：]|問\s*[:：]|常见问题)", re.I)
_NUMERIC_CELL = re.compile(r"^[約约~≈]?[+\-]?\d[\d,.]*\s*(%|‰|倍|x|家|只|億|亿|萬|万)?$")
_LIST_LINE = re.compile(r"^\s*([-*•·]|\d{1,2}[.、)])")
_KEY_VALUE = re.compile(r"^[^：:]{1,20}[：:]\s*\S")
_BRACKETED = re.compile(r"[（(][^（）()]*[）)]")


@dataclass(frozen=True)
class ClassifiedUnit:
    start: int  # offsets in the text that was classified
    end: int
    kind: str
    header: str = ""  # table rows: the header line, and the caption above the table when there is one


@lru_cache(maxsize=None)
def _forms(name: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(name, pattern) pairs of a forms file in ingest/data/."""
    return read_patterns("ingest.data", name)


def promotional_form(sentence: str) -> str | None:
    """The name of the advertising form a sentence takes (call to action, praise of a provider), if any."""
    norm = normalize_for_index(sentence).lower()
    return next((label for label, pattern in _forms("promotional_forms.tsv") if pattern.search(norm)), None)


def _is_navigation(sentence: str) -> bool:
    norm = normalize_for_index(sentence).lower().strip()
    return any(pattern.search(norm) for _, pattern in _forms("navigation_forms.tsv"))


def classify_sentence(sentence: str) -> str:
    """The kind of one prose unit (not a table line), from its shape alone."""
    text = sentence.strip()
    bare = text.rstrip(_CLOSERS + " ")
    if _is_navigation(text):
        return "navigation"
    if promotional_form(text):
        return "promo"
    if bare.endswith(("?", "？")) or re.search(r"[?？][」』”’\"]?$", bare) or _QUESTION_LEAD.match(text):
        return "question"
    if bare.endswith((":", "：")):
        return "heading"  # an introduction ("以下是…:") or a table caption promises content without stating it
    content = len(_CONTENT.findall(text))
    if content < 8 and not _DIGIT.search(text):
        return "heading"
    return "answer"


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _caption(lines: list[str], index: int) -> str:
    """The line just above a table (blank lines skipped) when it introduces it: short, or ending in a colon."""
    j = index - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    if j < 0 or _TABLE_ROW.match(lines[j]):
        return ""
    above = lines[j].strip()
    if above.endswith((":", "：")):
        return above
    # A short line that is a sentence of its own (「本資料卡整理…基本資料，供投資者查閱。」) states something; a
    # caption names the table (「## 隱含費用」, 「表一 成分股權重」).
    return above if len(above) <= 40 and not above.rstrip(_CLOSERS).endswith(("。", "！", "？", ".", "!", "?")) else ""


def _numeric_values(line: str) -> list[bool]:
    return [bool(_NUMERIC_CELL.match(c.replace(" ", ""))) for c in _cells(line)[1:]]


# 「5.40 years」, 「3个月」, 「500,000單位（500張）」: a figure with its unit of time or count is a value, not a second
# header's label
_DURATION_CELL = re.compile(r"^[約约~≈]?\d[\d,.]*\s*(years?|yrs?|months?|days?|年|个月|個月|天|單位|单位|股|張|张|手|份|"
                            r"units?|shares?|lots?)(?:\s*[（(][^（()）]*[）)])?$", re.I)


def _is_sub_header(lines: list[str], i: int, look: int = 6) -> bool:
    """The first body row is a second header row: words in every value column (「0050 台灣50 | 0057 FB摩台」)
    where at least two thirds of the rows below hold figures in all of them."""
    if i >= len(lines) or not _TABLE_ROW.match(lines[i]) or _TABLE_SEP.match(lines[i]):
        return False
    values = _cells(lines[i])[1:]
    if not values or any(not v for v in values) or any(_numeric_values(lines[i])) \
            or any(_DURATION_CELL.match(v) for v in values):
        return False
    below = []
    for line in lines[i + 1: i + 1 + look]:
        if not _TABLE_ROW.match(line):
            break
        below.append(all(_numeric_values(line)) and len(_cells(line)) == len(_cells(lines[i])))
    return len(below) >= 2 and sum(below) * 3 >= len(below) * 2


def classify_text(text: str) -> list[ClassifiedUnit]:
    """Every unit of a cleaned document, in order, with offsets into `text`."""
    lines = text.split("\n")
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    line_at = {offsets[i]: i for i in range(len(lines))}
    headers: dict[int, str] = {}  # line index of a table's header row -> header text for its rows
    units: list[ClassifiedUnit] = []
    for i, line in enumerate(lines):
        if not _TABLE_ROW.match(line) or _TABLE_SEP.match(line):
            continue
        prev_row = i > 0 and _TABLE_ROW.match(lines[i - 1])
        next_sep = i + 1 < len(lines) and _TABLE_SEP.match(lines[i + 1])
        next_row = i + 1 < len(lines) and _TABLE_ROW.match(lines[i + 1])
        wordy = not any(_NUMERIC_CELL.match(c.replace(" ", "")) for c in _cells(line))  # labels, not figures
        if next_sep or (not prev_row and next_row and wordy):  # a separator below always marks a header
            caption = _caption(lines, i)
            headers[i] = f"{caption}\n{line.strip()}" if caption else line.strip()
            start = offsets[i] + len(line) - len(line.lstrip())
            units.append(ClassifiedUnit(start, offsets[i] + len(line.rstrip()), "table_header"))
            first = i + 2 if next_sep else i + 1
            if _is_sub_header(lines, first):
                # A header of two rows (wiki tables): its second row names each column further and is no figure
                # of its own. The rows below keep the first row as their header: with the second row's names
                # in every row's header, each row reads as naming them (measured: dev2 lost an answer to that).
                headers[first] = headers[i]
                start = offsets[first] + len(lines[first]) - len(lines[first].lstrip())
                units.append(ClassifiedUnit(start, offsets[first] + len(lines[first].rstrip()), "table_header"))
    table_of: dict[int, str] = {}
    current = ""
    for i, line in enumerate(lines):
        if i in headers:
            current = headers[i]
        elif not _TABLE_ROW.match(line):
            current = ""
        else:
            table_of[i] = current
    header_lines = {u.start for u in units}
    for unit in split_units(text):
        if unit.kind == "row":
            if unit.start in header_lines:
                continue
            line_index = line_at.get(text.rfind("\n", 0, unit.start) + 1, -1)
            units.append(ClassifiedUnit(unit.start, unit.end, "table_row", table_of.get(line_index, "")))
            continue
        sentence = text[unit.start:unit.end]
        if unit.kind == "heading":
            body = sentence.strip().lstrip("#").strip()
            label = _BRACKETED.sub("", body)  # 「港灃房託(股份代號:2719)」: a code in brackets is part of the name
            if _KEY_VALUE.match(label) and _DIGIT.search(label.split("：", 1)[-1].split(":", 1)[-1]):
                kind = "answer"  # "管理費：0.42%": a label with its value states a fact
            elif body.rstrip(_CLOSERS + "*_ ").endswith(("?", "？")):  # 「**問:…?**」: emphasis closes it
                kind = "question"  # an FAQ entry or a question used as a heading
            elif _is_navigation(body):
                kind = "navigation"
            elif promotional_form(body):
                kind = "promo"
            else:
                kind = "heading"
            units.append(ClassifiedUnit(unit.start, unit.end, kind))
            continue
        kind = classify_sentence(sentence)
        if kind == "answer" and _is_heading_line(text, ClassifiedUnit(unit.start, unit.end, kind)) \
                and not re.search(r"[。．.！!；;…」』”\"）)]$", sentence.strip()) and not _DIGIT.search(_NAME_NUMBER.sub("", sentence)) \
                and not re.match(r"\s*[-*•·]", sentence) and not re.search(r"[=＝]", sentence):
            kind = "heading"  # a short line of its own with no sentence ending, no list bullet, no formula: a title
        units.append(ClassifiedUnit(unit.start, unit.end, kind))
    units.sort(key=lambda u: u.start)
    return _reference_sections(text, _promotional_sections(text, _promotional_lines(text, _link_lines(text, units))))


_EXCLAIMS = re.compile(r"[!！]\s*$")
_MARKDOWN_LINK = re.compile(r"\[[^\]\n]*\]\([^)\n]*\)")
# What a list of links holds besides them: separators, emphasis, a bullet and a short label (「延伸閱讀：」)
_LINK_LIST_REST = re.compile(r"[\s|｜/·•,，、;；:：*_>#-]+")


def _link_lines(text: str, units: list[ClassifiedUnit]) -> list[ClassifiedUnit]:
    """A line of two or more Markdown links with little else (「**延伸閱讀**：[…](#) ｜ […](#)」) is a list of links
    to other pages, whatever its label, and every unit of it navigation (a link's 「？」 splits it into several)."""
    lines: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        links = _MARKDOWN_LINK.findall(line)
        if len(links) >= 2 and len(_LINK_LIST_REST.sub("", _MARKDOWN_LINK.sub("", line))) <= 6:
            lines.append((start, end))
        start = end + 1
    if not lines:
        return units
    return [ClassifiedUnit(u.start, u.end, "navigation", u.header)
            if u.kind != "table_row" and any(a <= u.start < b for a, b in lines) else u for u in units]


def _promotional_lines(text: str, units: list[ClassifiedUnit]) -> list[ClassifiedUnit]:
    """The exclaiming sentences of a line that opens with advertising are its slogan too (「📣 存股族首選!
    每月定期定額00968,輕鬆打造你的被動收入!」): only the first carries the form."""
    out = list(units)
    for i, u in enumerate(units):
        if u.kind != "promo":
            continue
        line_end = text.find("\n", u.end)
        line_end = len(text) if line_end < 0 else line_end
        for j in range(i + 1, len(units)):
            v = units[j]
            if v.start >= line_end or v.kind != "answer" or not _EXCLAIMS.search(text[v.start:v.end]):
                break
            out[j] = ClassifiedUnit(v.start, v.end, "promo")
    return out


def _reference_sections(text: str, units: list[ClassifiedUnit]) -> list[ClassifiedUnit]:
    """Everything under a "References" / 「外部链接」 / 「相关阅读」 heading is link lists and citations."""
    section = next(p for label, p in _forms("navigation_forms.tsv") if label == "reference_section")
    out, inside = [], False
    for u in units:
        line = normalize_for_index(text[u.start:u.end]).lower().strip()
        if u.kind in ("heading", "navigation") and _is_heading_line(text, u) and not _LIST_LINE.match(line):
            inside = bool(section.search(line))
            out.append(ClassifiedUnit(u.start, u.end, "navigation" if inside else u.kind, u.header))
            continue
        out.append(ClassifiedUnit(u.start, u.end, "navigation", u.header) if inside else u)
    return out


def _promotional_sections(text: str, units: list[ClassifiedUnit]) -> list[ClassifiedUnit]:
    """A section (heading to heading) where advertising makes up at least half of the prose, or whose
    heading is itself promotional, is advertising as a whole ("About <platform>" blocks)."""
    out = list(units)
    bounds = [i for i, u in enumerate(units) if u.kind in ("heading", "promo", "question") and _is_heading_line(text, u)]
    starts = [0] + bounds
    ends = bounds + [len(units)]
    for s, e in zip(starts, ends):
        section = range(s, e)
        prose = [i for i in section if units[i].kind in ("answer", "promo")]
        promo = [i for i in prose if units[i].kind == "promo"]
        heading_promo = units[s].kind == "promo" and _is_heading_line(text, units[s])
        if prose and (heading_promo or (len(promo) >= 2 and len(promo) * 2 >= len(prose))):
            for i in prose:
                out[i] = ClassifiedUnit(units[i].start, units[i].end, "promo")
    return out


# The number of a name (东海300, 罗素2000指数) in a title: glued to the word before it, no unit or % after it.
_NAME_NUMBER = re.compile(r"(?<=[\u4e00-\u9fff])\d+(?=[\u4e00-\u9fff]|\s*$)(?![年月日号號%％点點倍元只隻家个個])")


def _is_heading_line(text: str, unit: ClassifiedUnit) -> bool:
    """The unit is a whole line of at most 40 characters (a heading, not a sentence inside a paragraph) that does
    not end a statement with a full stop (a one-sentence paragraph is not a heading)."""
    line_start = text.rfind("\n", 0, unit.start) + 1
    line_end = text.find("\n", unit.end)
    line_end = len(text) if line_end < 0 else line_end
    return (not text[line_start:unit.start].strip() and not text[unit.end:line_end].strip()
            and unit.end - unit.start <= 40 and not text[unit.start:unit.end].rstrip().endswith(("。", ".")))


def units_in_span(units: list[ClassifiedUnit], start: int, end: int) -> list[ClassifiedUnit]:
    """The units inside [start, end) with offsets made relative to `start` (a chunk's own text)."""
    return [ClassifiedUnit(u.start - start, u.end - start, u.kind, u.header)
            for u in units if u.start >= start and u.end <= end]
