"""Word (.docx) to text with python-docx (MIT): paragraphs and tables in document order, headings as
Markdown headings, tables as Markdown rows with their header row, so the chunker treats them as it treats
Markdown files. Headers, footers, comments and tracked deletions are not body text and are left out.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from ingest.errors import IngestFileError
from ingest.markdown_tables import clean_table, markdown_rows

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: legacy .doc, or an encrypted Office file


def read_docx(path: Path) -> tuple[str, list[str] | None]:
    """The document's text, and its pages when Word recorded where they break (`w:lastRenderedPageBreak`,
    written on every save; python-docx and some converters write none, and then there are no pages)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    with path.open("rb") as handle:
        head = handle.read(8)
    if head == _OLE_MAGIC:
        raise IngestFileError("encrypted or legacy Word file (OLE container, not .docx): "
                              "remove the password or save it as .docx")
    pages: list[list[str]] = [[]]
    try:
        document = docx.Document(str(path))
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                _add_paragraph(block, pages)
            elif isinstance(block, Table):
                _add_table(block, pages)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError):  # (their messages name server paths)
        raise IngestFileError("corrupt .docx: not a readable Office Open XML (ZIP) package") from None
    except ValueError as exc:  # lxml's XMLSyntaxError is a ValueError
        raise IngestFileError(f"corrupt .docx: {exc}") from None
    texts = ["\n".join(lines) for lines in pages]
    return "\n".join(t for t in texts if t), (texts if len(texts) > 1 else None)


def _add_paragraph(paragraph, pages: list[list[str]]) -> None:
    breaks = paragraph.rendered_page_breaks
    if not breaks:
        _append(pages[-1], _paragraph(paragraph, paragraph))
        return
    # The text before the first break ends the current page; a second break inside one paragraph (a
    # paragraph longer than a page) is counted, its text stays with the page the paragraph's tail is on.
    before, after = breaks[0].preceding_paragraph_fragment, breaks[0].following_paragraph_fragment
    if before is not None:
        _append(pages[-1], _paragraph(before, paragraph))
    pages.extend([] for _ in breaks)
    if after is not None:
        _append(pages[-1], _paragraph(after, paragraph))


def _add_table(table, pages: list[list[str]]) -> None:
    """Rows on the page Word rendered them on; a table that runs onto the next page continues there
    without its header (the chunker carries the header into those rows' chunks)."""
    breaks_at = {i for i, row in enumerate(table.rows) if row._tr.xpath(".//w:lastRenderedPageBreak")}
    kept, new_page = [], []
    pending_break = False
    for i, row in enumerate(_table_rows(table)):
        pending_break = pending_break or i in breaks_at
        if any(cell.strip() for cell in row):
            kept.append(row)
            new_page.append(pending_break)
            pending_break = False
    rows = clean_table(kept)
    if len(rows) < 2 or len(rows[0]) < 2:  # a layout table: its cells are text
        for row, breaks in zip(rows, new_page):
            if breaks:
                pages.append([])
            _append(pages[-1], " ".join(cell for cell in row if cell))
        return
    header, separator, *body = markdown_rows(rows)
    if new_page[0]:
        pages.append([])
    pages[-1].extend([header, separator])
    for line, breaks in zip(body, new_page[1:]):
        if breaks:
            pages.append([])
        pages[-1].append(line)


def _append(lines: list[str], text: str) -> None:
    if text:
        lines.append(text)


def _paragraph(paragraph, styled) -> str:
    """The paragraph's text, as a Markdown heading when `styled` (the whole paragraph) is a heading."""
    text = paragraph.text.strip()
    if not text:
        return ""
    style = (styled.style.name if styled.style is not None else "") or ""
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
