"""Word (.docx) to text with python-docx (MIT): paragraphs and tables in document order, headings as
Markdown headings, tables as Markdown rows with their header row, so the chunker treats them as it treats
Markdown files. Headers, footers, comments and tracked deletions are not body text and are left out.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from ingest.errors import IngestFileError
from ingest.pdf_layout import clean_table, markdown_rows

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: legacy .doc, or an encrypted Office file


def read_docx(path: Path) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    with path.open("rb") as handle:
        head = handle.read(8)
    if head == _OLE_MAGIC:
        raise IngestFileError("encrypted or legacy Word file (OLE container, not .docx): "
                              "remove the password or save it as .docx")
    try:
        document = docx.Document(str(path))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                text = _paragraph(block)
                if text:
                    lines.append(text)
            elif isinstance(block, Table):
                rows = clean_table(_table_rows(block))
                if len(rows) >= 2 and len(rows[0]) >= 2:
                    lines.extend(markdown_rows(rows))
                else:
                    lines.extend(" ".join(cell for cell in row if cell) for row in rows)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError):  # (their messages name server paths)
        raise IngestFileError("corrupt .docx: not a readable Office Open XML (ZIP) package") from None
    except ValueError as exc:  # lxml's XMLSyntaxError is a ValueError
        raise IngestFileError(f"corrupt .docx: {exc}") from None
    return "\n".join(lines)


def _paragraph(paragraph) -> str:
    text = paragraph.text.strip()
    if not text:
        return ""
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style == "Title":
        return f"# {text}"
    if style.startswith("Heading "):
        level = style.removeprefix("Heading ").strip()
        if level.isdigit():
            return "#" * min(int(level), 6) + " " + text
    return text


def _table_rows(table) -> list[list[str]]:
    rows = []
    for row in table.rows:
        cells, previous = [], None
        for cell in row.cells:
            if cell._tc is previous:  # a horizontally merged cell is listed once per grid column
                continue
            previous = cell._tc
            cells.append(cell.text)
        rows.append(cells)
    return rows
