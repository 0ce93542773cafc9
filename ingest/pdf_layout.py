"""Reading order for one PDF page, from positioned words (a text layer or OCR lines) and tables.

No PDF library here: the loader hands in `Word`s and `Table`s in PDF points (origin top-left), so the same
rules serve text pages and scanned pages read by OCR.

- Two columns: a vertical gutter that no word crosses, with lines on both sides that fill their column
  (label/value layouts, whose left lines stop short of the gutter, are not columns). The left column is
  read before the right one within each stretch the right column covers; lines crossing the gutter
  (titles, full-width paragraphs, tables) are read in place.
- Paragraphs: wrapped lines of one column are joined (no space between Chinese characters); a larger gap,
  a change of font size or a short previous line starts a new paragraph, so the chunker's heading and
  sentence rules see whole paragraphs rather than visual lines.
- Tables become Markdown rows (a header row and a separator), so the chunker keeps them with their header.
- Headers and footers: lines in the top or bottom margin that repeat on most pages (digits ignored), and
  bare page numbers ("3", "- 3 -", "Page 3 of 9", 「第3頁」), are dropped (`margin_signature`).
"""
from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
_PAGE_NUMBER = re.compile(
    r"^[\s\-–—|·•]*(page|p\.|第)?\s*\d{1,4}\s*(頁|页)?\s*((/|／|of|共)\s*\d{1,4}\s*(頁|页)?)?[\s\-–—|·•]*$", re.I
)
_BULLET = re.compile(r"^([•●▪■◆\-–*]|\(?\d{1,2}[.)、]|[一二三四五六七八九十]+、)\s*")
MARGIN_SHARE = 0.10  # top and bottom tenth of the page hold running headers and footers


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def size(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass
class Line:
    words: list[Word]

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def size(self) -> float:
        return statistics.median(w.size for w in self.words)

    @property
    def has_fields(self) -> bool:
        """Words set apart by wide gaps (a label and its value, cells of an unruled table)."""
        ordered = sorted(self.words, key=lambda w: w.x0)
        return any(b.x0 - a.x1 > 2 * a.size for a, b in zip(ordered, ordered[1:]))

    @property
    def text(self) -> str:
        ordered = sorted(self.words, key=lambda w: w.x0)
        out = ordered[0].text
        for prev, word in zip(ordered, ordered[1:]):
            out += join_fragments(out, word.text, gap=word.x0 - prev.x1, size=prev.size)
        return out


@dataclass
class Block:
    """A line or a table, with the side of the gutter it lies on (None: crosses it or no gutter)."""

    top: float
    bottom: float
    side: str | None
    line: Line | None = None
    table: Table | None = None


@dataclass
class PageLayout:
    """What `lay_out` read from one page: its text lines and whether its last/first block is a table."""

    lines: list[str] = field(default_factory=list)
    starts_with_table: Table | None = None
    ends_with_table: Table | None = None
    continued: bool = False  # the first table continued the previous page's table


def join_fragments(before: str, after: str, gap: float | None = None, size: float = 10.0) -> str:
    """What goes between two pieces of one line or paragraph: nothing between Chinese characters (or after
    a hyphen), a space between Latin words."""
    if not before or not after:
        return after
    if before.endswith("-") and not before.endswith(" -"):
        return after
    if gap is not None and gap > size * 0.9:
        return " " + after  # a visible gap: separate fields or words
    if _CJK.match(before[-1]) or _CJK.match(after[0]):
        return after
    return " " + after


def group_lines(words: Iterable[Word]) -> list[Line]:
    """Words on one baseline band, top to bottom: a word joins a line when most of its height overlaps it."""
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        for line in reversed(lines[-4:]):
            overlap = min(line.bottom, word.bottom) - max(line.top, word.top)
            if overlap >= 0.5 * min(word.size, line.bottom - line.top):
                line.words.append(word)
                break
        else:
            lines.append(Line([word]))
    return sorted(lines, key=lambda line: (line.top, line.x0))


# --- headers, footers, page numbers --------------------------------------------------------------------


def margin_signature(line: Line, page_height: float) -> str | None:
    """A key for a line in the top or bottom margin ("T:財問證券研究報告", "B:第#/#"), None for body lines.
    Digits are masked so "Page 3" and "Page 4" share a key."""
    if line.bottom <= page_height * MARGIN_SHARE:
        zone = "T"
    elif line.top >= page_height * (1 - MARGIN_SHARE):
        zone = "B"
    else:
        return None
    return zone + ":" + re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text))


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text.strip()))


def repeated_margins(signatures_per_page: Sequence[set[str]], min_share: float = 0.5) -> set[str]:
    """Margin lines found on at least half of the pages (and on two or more) are running headers/footers."""
    pages = len(signatures_per_page)
    if pages < 2:
        return set()
    counts: dict[str, int] = {}
    for signatures in signatures_per_page:
        for signature in signatures:
            counts[signature] = counts.get(signature, 0) + 1
    return {s for s, n in counts.items() if n >= 2 and n >= pages * min_share}


def drop_margins(lines: list[Line], page_height: float, running: set[str]) -> list[Line]:
    kept = []
    for line in lines:
        signature = margin_signature(line, page_height)
        if signature is not None and (signature in running or is_page_number(line.text)):
            continue
        kept.append(line)
    return kept


# --- columns -------------------------------------------------------------------------------------------


def find_gutter(lines: Sequence[Line]) -> tuple[float, float] | None:
    """The x-interval between two text columns, or None for a single-column page."""
    if len(lines) < 6:
        return None
    left_edge = min(line.x0 for line in lines)
    right_edge = max(line.x1 for line in lines)
    width = right_edge - left_edge
    if width <= 0:
        return None
    size = statistics.median(line.size for line in lines)
    best: tuple[float, float] | None = None
    best_score = -1.0
    step = max(1.0, width / 400)
    x = left_edge + 0.25 * width
    while x <= left_edge + 0.75 * width:
        crossers = [line for line in lines if line.x0 < x < line.x1 and _crosses(line, x)]
        crossing = len(crossers)
        if crossing <= max(1, len(lines) // 10):
            # The gap's width counts only lines that leave it open (a title across both columns does not).
            open_lines = [line for line in lines if line not in crossers]
            gap_lo = max((w.x1 for line in open_lines for w in line.words if w.x1 <= x), default=left_edge)
            gap_hi = min((w.x0 for line in open_lines for w in line.words if w.x0 >= x), default=right_edge)
            score = gap_hi - gap_lo - crossing * size
            if gap_hi - gap_lo >= 0.8 * size and score > best_score:
                best, best_score = (gap_lo, gap_hi), score
        x += step
    if best is None:
        return None
    parts = _split_by_side(list(lines), best)
    left = [line for line in parts if line.x1 <= best[0] + 0.5]
    right = [line for line in parts if line.x0 >= best[1] - 0.5]
    if len(left) < 3 or len(right) < 3:
        return None
    widths = [edge - min(line.x0 for line in side) for side, edge in
              ((left, best[0]), (right, max(line.x1 for line in right)))]
    if min(widths) < 6 * size or best[1] - best[0] > 0.5 * min(widths):
        return None  # a gap wider than half a column separates labels from values, not columns
    # Real columns are filled by wrapped text: most lines on each side reach close to the side's own edge.
    for side, edge in ((left, best[0]), (right, max(line.x1 for line in right))):
        column_width = edge - min(line.x0 for line in side)
        full = sum(1 for line in side if line.x1 >= edge - 0.15 * column_width)
        if full < 0.5 * len(side):
            return None
    return best


def _crosses(line: Line, x: float) -> bool:
    """Does any word of the line (or the space between two of its words that read as one phrase) cover x?"""
    if any(w.x0 < x < w.x1 for w in line.words):
        return True
    ordered = sorted(line.words, key=lambda w: w.x0)
    return any(a.x1 <= x <= b.x0 and b.x0 - a.x1 < 0.8 * a.size for a, b in zip(ordered, ordered[1:]))


def _split_by_side(lines: list[Line], gutter: tuple[float, float]) -> list[Line]:
    """A line that has words on both sides but none over the gutter is two column lines at one height."""
    out = []
    middle = (gutter[0] + gutter[1]) / 2
    for line in lines:
        if _crosses(line, middle):
            out.append(line)
            continue
        left = [w for w in line.words if w.x1 <= middle]
        right = [w for w in line.words if w.x0 >= middle]
        out.extend(Line(part) for part in (left, right) if part)
    return out


def _side(x0: float, x1: float, gutter: tuple[float, float] | None) -> str | None:
    if gutter is None:
        return None
    middle = (gutter[0] + gutter[1]) / 2
    if x1 <= middle:
        return "L"
    if x0 >= middle:
        return "R"
    return None


def reading_order(blocks: list[Block]) -> list[Block]:
    """Left column before right column within each stretch of the page the right column covers; blocks
    that cross the gutter (or pages without one) stay in top-to-bottom order."""
    blocks = sorted(blocks, key=lambda b: (b.top, b.side or ""))
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.side is None:
            out.append(block)
            i += 1
            continue
        # A column stretch: side blocks up to the next block crossing the gutter.
        j = i
        while j < len(blocks) and blocks[j].side is not None:
            j += 1
        stretch = blocks[i:j]
        right = [b for b in stretch if b.side == "R"]
        if not right:
            out.extend(stretch)
        else:
            # Left blocks after the right column ends, set apart by a new font size or a wide gap, follow it
            # (a heading under balanced columns); the rest of the left column precedes it.
            right_bottom = max(b.bottom for b in right)
            left = [b for b in stretch if b.side == "L"]
            inside = [b for b in left if b.top <= right_bottom]
            after: list[Block] = []
            for b in left[len(inside):]:
                prev = (inside or [None])[-1]
                if after or prev is None or _starts_new_section(prev, b):
                    after.append(b)
                else:
                    inside.append(b)
            out.extend(inside + right + after)
        i = j
    return out


def _starts_new_section(prev: Block, block: Block) -> bool:
    if prev.line is None or block.line is None:
        return True
    size = prev.line.size
    return abs(block.line.size - size) > 0.5 or block.top - prev.bottom > 1.2 * size


# --- paragraphs and tables -------------------------------------------------------------------------------


def paragraphs(lines: list[Line]) -> list[str]:
    """Join the wrapped lines of one column into paragraphs."""
    if not lines:
        return []
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:])
            if b.top >= a.bottom - 1 and abs(a.size - b.size) <= 0.5]
    # The usual gap between wrapped lines of one size; with few lines to learn it from, half a line at most.
    body_size = statistics.median(line.size for line in lines)
    usual_gap = min(statistics.median(gaps), 0.5 * body_size) if gaps else 0.0
    right_edge = max(line.x1 for line in lines)
    out: list[str] = []
    current = lines[0].text
    for prev, line in zip(lines, lines[1:]):
        size = prev.size
        new = (
            abs(line.size - size) > 0.5
            or line.top - prev.bottom > usual_gap + 0.6 * size
            or prev.x1 < right_edge - 2.5 * size  # the previous line stopped short: its paragraph ended
            or line.top < prev.top  # a block further up (another column stretch)
            or bool(_BULLET.match(line.text))
            or prev.has_fields or line.has_fields  # rows of fields are not wrapped prose
        )
        if new:
            out.append(current)
            current = line.text
        else:
            current += join_fragments(current, line.text)
    out.append(current)
    return out


def _cell(text: str | None) -> str:
    parts = [p.strip() for p in (text or "").split("\n") if p.strip()]
    joined = ""
    for part in parts:
        joined += join_fragments(joined, part) if joined else part
    return joined.replace("|", "\\|")


def clean_table(rows: Sequence[Sequence[str | None]]) -> tuple[tuple[str, ...], ...]:
    """Cell text on one line, empty rows and columns dropped."""
    cells = [[_cell(c) for c in row] for row in rows]
    cells = [row for row in cells if any(row)]
    if not cells:
        return ()
    width = max(len(row) for row in cells)
    cells = [row + [""] * (width - len(row)) for row in cells]
    keep = [c for c in range(width) if any(row[c] for row in cells)]
    return tuple(tuple(row[c] for c in keep) for row in cells)


def markdown_rows(rows: Sequence[Sequence[str]], with_header: bool = True) -> list[str]:
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    if with_header and lines:
        lines.insert(1, "| " + " | ".join("---" for _ in rows[0]) + " |")
    return lines


# --- one page ------------------------------------------------------------------------------------------


def lay_out(lines: list[Line], tables: list[Table], continues: Table | None = None) -> PageLayout:
    """A page's text in reading order. `continues`: the table the previous page ended with, when this page
    starts with one of the same width (a table split across pages), whose header row is not repeated."""
    gutter = find_gutter(lines)
    if gutter is not None:
        lines = _split_by_side(lines, gutter)
    blocks = [Block(line.top, line.bottom, _side(line.x0, line.x1, gutter), line=line) for line in lines]
    blocks += [Block(t.top, t.bottom, _side(t.x0, t.x1, gutter), table=t) for t in tables]
    ordered = reading_order(blocks)
    layout = PageLayout()
    run: list[Line] = []

    def flush() -> None:
        layout.lines.extend(paragraphs(run))
        run.clear()

    for index, block in enumerate(ordered):
        if block.table is None:
            if run and block.side != _side(run[-1].x0, run[-1].x1, gutter):
                flush()
            run.append(block.line)
            continue
        flush()
        rows = block.table.rows
        if index == 0 and continues is not None and len(continues.rows[0]) == len(rows[0]):
            if rows[0] == continues.rows[0]:
                rows = rows[1:]  # the header printed again on the new page
            layout.lines.extend(markdown_rows(rows, with_header=False))
            layout.continued = True
        else:
            layout.lines.extend(markdown_rows(rows))
        if index == 0:
            layout.starts_with_table = block.table
    flush()
    if ordered and ordered[-1].table is not None:
        layout.ends_with_table = ordered[-1].table
    return layout
