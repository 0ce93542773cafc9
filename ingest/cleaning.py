"""Boilerplate removal: each rule is named, line-based or inline, and tested on the real corpus.

The cleaned text is the document's "original text" from here on: chunk spans and citation quotes point
into it, so rules remove whole lines or clearly non-content fragments and never rewrite wording.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from ingest.markdown_tables import clean_table, markdown_rows


@dataclass(frozen=True)
class LineRule:
    name: str
    pattern: re.Pattern[str]


LINE_RULES: tuple[LineRule, ...] = (
    # Image credits: "Image Source: unsplash", 「圖源：TradingView」, 图片来源, Photo by ...
    LineRule("image_credit", re.compile(
        r"^\s*(image\s+(source|credit)s?|photo(\s+(by|credit))?|圖源|图源|圖片來源|图片来源|圖片|图片|來源圖片)\s*[:：].{0,80}$",
        re.I)),
    # Login / paywall / promo blocks.
    LineRule("login_promo", re.compile(
        r"(解锁更多功能|解鎖更多功能|登录后即可|登入後即可|登錄後即可|立即登录|立即登入|立即注册|立即註冊|免费注册|免費註冊"
        r"|sign\s+in\s+to|log\s*in\s+to\s+(unlock|read|continue)|subscribe\s+(now|to\s+unlock)|关于我们[:：]|關於我們[:：])",
        re.I)),
    # Navigation / widget words alone on a line (site chrome copied with the article).
    LineRule("navigation", re.compile(
        r"^\s*(搜尋|搜索|搜寻|我們的服務|我们的服务|更多|相关个股|相關個股|分享|收藏|返回|首页|首頁|menu|search|share|--+|—+)\s*$",
        re.I)),
    # A labelled line of links ("Related releases: [A](#) | [B](#)", 「相關新聞：[A](#)｜[B](#)」): other pages'
    # titles, whose periods and figures this page does not state. (A site's bar of links without a label stays: its
    # first link often writes the brand's name in both languages.)
    LineRule("link_list", re.compile(
        r"^\s*[^\[\]:：]{2,30}[:：]\s*(\[[^\]]{1,120}\]\([^)]*\)\s*[|｜,，·/]?\s*){2,}$")),
    # Bare ID numbers on their own line (six digits or more: a year alone on a line is kept).
    LineRule("bare_id", re.compile(r"^\s*\d{6,}\s*$")),
    # Image file names and slug-like asset names on their own line.
    LineRule("image_file", re.compile(
        r"^\s*([\w\-.]+\.(jpe?g|png|gif|webp|svg|bmp)|[a-z0-9]+(-[a-z0-9]+){4,})\s*$", re.I)),
    # Hashtag lines: "#small_cap_analysis #russell_2000" (a Markdown heading has a space after '#').
    LineRule("hashtags", re.compile(r"^\s*#[^\s#]+(\s+#[^\s#]+)*\s*$")),
)

# Inline source markers such as "[0]" or "[2][3]" would be confused with the answer's own [n] citations.
INLINE_REFERENCE = re.compile(r"(\[\d{1,2}\])+")

# Non-breaking and zero-width spaces count as blank.
_BLANK = re.compile(r"^[\s\u00a0\u200b\u3000]*$")


@dataclass
class CleaningReport:
    removed: Counter = field(default_factory=Counter)


def clean_text(text: str, report: CleaningReport | None = None, plain: bool = False) -> str:
    report = report if report is not None else CleaningReport()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if plain:
        lines = fixed_width_tables(lines, report)
    kept: list[str] = []
    previous = None
    for raw_line in lines:
        line = raw_line.replace("\u00a0", " ").rstrip()
        if _BLANK.match(line):
            report.removed["empty_line"] += 1
            continue
        rule = next((r for r in LINE_RULES if r.pattern.search(line)), None)
        if rule is not None:
            report.removed[rule.name] += 1
            continue
        stripped = line.strip()
        if stripped == previous or (kept and stripped == kept[0].strip() and len(stripped) > 8):
            # Repeated lines (a title printed twice around a promo block, ticker widgets).
            report.removed["repeated_line"] += 1
            continue
        line, n = INLINE_REFERENCE.subn("", line)
        if n:
            report.removed["inline_reference"] += n
        kept.append(line.strip() if not line.lstrip().startswith("|") else line.strip())
        previous = stripped
    return "\n".join(_unwrapped(kept, plain)).strip()


# A plain-text table laid out in fixed-width columns: a header line, a rule of dash runs one per column
# ("----------  --------"), then one line per row until a blank line. Its rows are written as Markdown rows, cell
# text unchanged, so each row is read with its header (「新收費（2031年4月1日起）: 每季HK$60」) like any other table's.
_COLUMN_RULE = re.compile(r"^\s*-{3,}(?: +-{3,})+\s*$")
_CELL_GAP = re.compile(r"\s{2,}")


def _display_columns(line: str) -> list[int]:
    """Each character's starting display column (CJK characters are two columns wide)."""
    out, col = [], 0
    for ch in line:
        out.append(col)
        col += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return out


def _cells(line: str, starts: list[int]) -> list[str]:
    """A row's cells: split at its runs of two spaces where that gives one cell per column, else cut at the rule's
    column starts (a cell left empty)."""
    parts = _CELL_GAP.split(line.strip())
    if len(parts) == len(starts):
        return parts
    columns = _display_columns(line)
    cells = ["" for _ in starts]
    for ch, col in zip(line, columns):
        i = max((k for k, s in enumerate(starts) if col >= s), default=0)
        cells[i] += ch
    return [c.strip() for c in cells]


# Without a rule: a header of three or more columns and two or more rows under it, each cell starting at one of the
# header's columns (a notice's 「項目　現行　新安排」 table). Two columns are left alone: a label and its value ("Hotline
# (852) 1234") line up the same way without being a table with a header.
MIN_UNRULED_COLUMNS = 3
MIN_UNRULED_ROWS = 2


_FIGURE_CELL = re.compile(r"[$＄%％]|^[\d,.\s]+$")  # an amount, a rate or a bare number: a row's cell, no column's name


def _cell_starts(line: str) -> list[int]:
    """The display column where each of a line's cells (text between runs of two or more spaces) starts."""
    columns = _display_columns(line)
    return [columns[m.start()] for m in re.finditer(r"(?:(?<=\s\s)|^)\S", line)]


def _aligned(cells: list[int], starts: list[int]) -> bool:
    """Two or more cells, the first at the margin, each starting at one of the header's columns."""
    return len(cells) >= 2 and cells[0] == 0 and all(min(abs(c - s) for s in starts) <= 1 for c in cells)


def _unruled_table(lines: list[str], i: int) -> tuple[list[int], int] | None:
    """The header's column starts and the end of the rows, where a table without a rule starts at line `i`."""
    cells = _CELL_GAP.split(lines[i].strip())
    if len(cells) < MIN_UNRULED_COLUMNS or any(_FIGURE_CELL.search(cell) for cell in cells[1:]):
        return None  # (a line of amounts is a row whose header, if any, is not the line above it)
    starts = _cell_starts(lines[i])
    if starts[0] != 0:
        return None
    if i + 1 < len(lines) and _COLUMN_RULE.match(lines[i + 1]):
        return None  # a header over a rule: read with the rule's columns
    if i > 0 and _aligned(_cell_starts(lines[i - 1].rstrip()), starts):
        return None  # a row in the middle of a table whose header is further up (or is no header)
    j = i + 1
    while j < len(lines) and not _BLANK.match(lines[j]) and not _COLUMN_RULE.match(lines[j]):
        if not _aligned(_cell_starts(lines[j].rstrip()), starts):
            break
        j += 1
    return (starts, j) if j - i - 1 >= MIN_UNRULED_ROWS else None


def fixed_width_tables(lines: list[str], report: CleaningReport) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        header = out[-1] if out else ""
        if not _COLUMN_RULE.match(line) and (unruled := _unruled_table(lines, i)) is not None:
            starts, j = unruled
            out += markdown_rows(clean_table([_cells(row.rstrip(), starts) for row in lines[i:j]]))
            report.removed["fixed_width_table"] += 1
            i = j
            continue
        if not _COLUMN_RULE.match(line) or not header.strip() or not _CELL_GAP.search(header.strip()):
            out.append(line)
            i += 1
            continue
        starts = [m.start() for m in re.finditer(r"-{3,}", line)]
        # the rule's dashes count display columns as its header's do
        rule_cols = _display_columns(line)
        starts = [rule_cols[s] for s in starts]
        rows = []
        j = i + 1
        while j < len(lines) and not _BLANK.match(lines[j]) and not _COLUMN_RULE.match(lines[j]):
            rows.append(lines[j])
            j += 1
        if not rows:
            out.append(line)
            i += 1
            continue
        out[-1:] = markdown_rows(clean_table([_cells(header, starts), *(_cells(row, starts) for row in rows)]))
        report.removed["fixed_width_table"] += 1
        i = j
    return out


# A line that runs on into the next: hard-wrapped prose ("…is 0.25% a year, and the" / "minimum initial…",
# 「…截至2025年底，」/「指數成分股…」). Every line break ends a sentence downstream, so a wrapped sentence would be
# quoted in halves. Only the unmistakable cases join: a Latin line without end punctuation followed by a
# lower-case word, a Latin line ending in a lower-case word followed by a figure ("…management fee is" /
# "0.30% a year…", "…for" / "$386.4 million."), and a Chinese line ending in a comma followed by Chinese text.
_RUNS_ON_LATIN = re.compile(r"[A-Za-z0-9,;:)%\-]$")
_CONTINUES_LATIN = re.compile(r"^[a-z(]")
_ENDS_ON_WORD = re.compile(r"[a-z]{2,}$")
_OPENS_ON_FIGURE = re.compile(r"^(?:[A-Z]{0,3}[$€£¥])?\d[\d,]*(?:\.\d+)?%?(?:\s|[,.;:]|$)")
_RUNS_ON_CJK = re.compile(r"[，、；：（]$")
_CONTINUES_CJK = re.compile(r"^[\u4e00-\u9fff「“0-9A-Za-z]")
_NOT_PROSE = re.compile(r"^\s*(\||#|[-*•·>]\s|\d{1,2}[.、)]\s)")


# Plain text wrapped by hand or by a tool (「…新股會喺2027年7月12日」/「開市前存入戶口…」): a Chinese line about as wide as
# the page's widest prose lines that ends mid-sentence runs on into the next. Only in plain text: a Markdown or HTML
# page's lines are its paragraphs, whatever their width.
_STARTS_SECTION = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(]\d{1,2}[)）]|\d{1,2}[.、)]|第[一二三四五六七八九十\d]+[章節节条條])")
_TABLE_GAP = re.compile(r"\S {2,}\S")  # a fixed-width table's columns
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
WRAP_SHARE = 0.8  # of the page's wide prose lines' width (their 90th percentile): a line this wide fills the page


def _width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in line)


def _is_cjk_prose(line: str) -> bool:
    return bool(_CJK_CHAR.search(line)) and not _NOT_PROSE.match(line) and not _TABLE_GAP.search(line) \
        and "://" not in line


def _page_width(lines: list[str]) -> int | None:
    widths = sorted(_width(line) for line in lines if _is_cjk_prose(line))
    return widths[int(len(widths) * 0.9)] if len(widths) >= 10 else None


def _runs_on_wrapped(last: str, line: str, width: int | None) -> bool:
    # (a line ending in a figure is a result written on a line of its own: 「…＝HK$0.54」 then the next step)
    return width is not None and _is_cjk_prose(last) and _is_cjk_prose(line) and _width(last) >= WRAP_SHARE * width \
        and _CJK_CHAR.match(last[-1]) is not None and not _STARTS_SECTION.match(line) and not _STARTS_SECTION.match(last)


def _unwrapped(lines: list[str], plain: bool = False) -> list[str]:
    out: list[str] = []
    width = _page_width(lines) if plain else None
    for line in lines:
        last = out[-1] if out else ""
        if last and _runs_on_wrapped(last, line, width) and _CONTINUES_CJK.match(line):
            out[-1] = f"{last}{line}"
            continue
        if last and not _NOT_PROSE.match(last) and not _NOT_PROSE.match(line):
            # a wrapped line is a long one: a ticker or tag line ("IWM") followed by a slug is not prose
            if _RUNS_ON_LATIN.search(last) and (
                    _CONTINUES_LATIN.match(line) and len(last.split()) >= 5
                    or _ENDS_ON_WORD.search(last) and _OPENS_ON_FIGURE.match(line) and len(last.split()) >= 4):
                out[-1] = f"{last} {line}"
                continue
            if _RUNS_ON_CJK.search(last) and _CONTINUES_CJK.match(line) and len(last) >= 8:
                out[-1] = f"{last}{line}"
                continue
        out.append(line)
    return out
