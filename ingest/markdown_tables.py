"""Table cells as Markdown rows: cell text on one line, empty rows and columns dropped, a header separator."""
from __future__ import annotations

from collections.abc import Sequence

from ingest.pdf_lines import join_fragments


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
