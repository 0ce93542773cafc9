"""Two text columns on a page: the gutter between them, and the order their blocks are read in (the left
column before the right within each stretch the right column covers; blocks crossing the gutter in place)."""
from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.pdf_lines import Line, Table


@dataclass
class Block:
    """A line or a table, with the side of the gutter it lies on (None: crosses it or no gutter)."""

    top: float
    bottom: float
    side: str | None
    line: Line | None = None
    table: Table | None = None


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
    parts = split_by_side(list(lines), best)
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


def split_by_side(lines: list[Line], gutter: tuple[float, float]) -> list[Line]:
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


def side_of(x0: float, x1: float, gutter: tuple[float, float] | None) -> str | None:
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
