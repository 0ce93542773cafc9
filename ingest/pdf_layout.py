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

Words and lines: `pdf_lines`; margins: `pdf_margins`; columns and reading order: `pdf_columns`; Markdown
table rows: `markdown_tables`. This module lays out one page from them.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from ingest.markdown_tables import markdown_rows
from ingest.pdf_columns import Block, find_gutter, reading_order, side_of, split_by_side
from ingest.pdf_lines import Line, Table, join_fragments

_BULLET = re.compile(r"^([•●▪■◆\-–*]|\(?\d{1,2}[.)、]|[一二三四五六七八九十]+、)\s*")


@dataclass
class PageLayout:
    """What `lay_out` read from one page: its text lines and whether its last/first block is a table."""

    lines: list[str] = field(default_factory=list)
    starts_with_table: Table | None = None
    ends_with_table: Table | None = None
    continued: bool = False  # the first table continued the previous page's table


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


def lay_out(lines: list[Line], tables: list[Table], continues: Table | None = None) -> PageLayout:
    """A page's text in reading order. `continues`: the table the previous page ended with, when this page
    starts with one of the same width (a table split across pages), whose header row is not repeated."""
    gutter = find_gutter(lines)
    if gutter is not None:
        lines = split_by_side(lines, gutter)
    blocks = [Block(line.top, line.bottom, side_of(line.x0, line.x1, gutter), line=line) for line in lines]
    blocks += [Block(t.top, t.bottom, side_of(t.x0, t.x1, gutter), table=t) for t in tables]
    ordered = reading_order(blocks)
    layout = PageLayout()
    run: list[Line] = []

    def flush() -> None:
        layout.lines.extend(paragraphs(run))
        run.clear()

    for index, block in enumerate(ordered):
        if block.table is None:
            if run and block.side != side_of(run[-1].x0, run[-1].x1, gutter):
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
