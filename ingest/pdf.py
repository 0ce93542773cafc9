"""PDF to page texts: pdfplumber on pdfminer.six (MIT) reads the text layer, CID-keyed Chinese fonts
included (ToUnicode maps and the Adobe-CNS1/GB1 CMaps pdfminer ships), and finds ruled tables; pypdfium2
(Apache-2.0/BSD, through pdfplumber) renders pages without a text layer for OCR. PyMuPDF is not used: AGPL.

Reading order, tables, headers and footers are decided in `ingest.pdf_layout` from positioned words.
"""
from __future__ import annotations

import re
import struct
import unicodedata
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfexceptions import PDFException
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import PdfminerException

from ingest.errors import IngestFileError
from ingest.markdown_tables import clean_table
from ingest.ocr import OcrEngine, OcrUnavailableError
from ingest.pdf_layout import lay_out
from ingest.pdf_lines import Line, Table, Word, group_lines
from ingest.pdf_margins import drop_margins, margin_signature, repeated_margins

# Kangxi radicals and CJK compatibility ideographs that some Chinese fonts map their glyphs to (⾦ for 金):
# folded to the unified ideographs so search and quotes see ordinary characters.
_LOOKALIKE_IDEOGRAPHS = re.compile(r"[\u2e80-\u2fdf\uf900-\ufaff]")
_MIN_CHARS = 5  # fewer printable characters than this: the page has no usable text layer
# A page that is mostly one picture with only a few characters of text (a scan with a stamped page number
# or file reference) is read by OCR too, or its body would be lost behind the stamp.
_SCAN_WITH_STAMP_CHARS = 40
_PARSE_ERRORS = (PdfminerException, PDFException, PSException, ValueError, KeyError, TypeError, IndexError,
                 AssertionError, struct.error, zlib.error, RecursionError)


@dataclass(frozen=True)
class PdfOptions:
    max_pages: int
    ocr: OcrEngine | None
    ocr_dpi: int = 200


@dataclass
class PdfText:
    pages: list[str]
    notes: list[str] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)


@dataclass
class _Page:
    lines: list[Line]
    tables: list[Table]
    height: float


def _fold(text: str) -> str:
    return _LOOKALIKE_IDEOGRAPHS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def page_ranges(numbers: list[int]) -> str:
    """[1, 2, 3, 7] -> '1-3, 7'."""
    out: list[str] = []
    for n in sorted(numbers):
        if out and int(out[-1].split("-")[-1]) == n - 1:
            out[-1] = f"{out[-1].split('-')[0]}-{n}"
        else:
            out.append(str(n))
    return ", ".join(out)


def _pages(numbers: list[int]) -> str:
    return f"page {numbers[0]} has" if len(numbers) == 1 else f"pages {page_ranges(numbers)} have"


def read_pdf(path: Path, options: PdfOptions) -> PdfText:
    with path.open("rb") as handle:
        head = handle.read(1024)
    if b"%PDF-" not in head:
        raise IngestFileError("not a PDF file (no %PDF- header)")
    try:
        with pdfplumber.open(path) as pdf:
            count = len(pdf.pages)
            if count == 0:
                raise IngestFileError("corrupt PDF: no pages")
            if count > options.max_pages:
                raise IngestFileError(f"too many pages: {count} > limit {options.max_pages} (CAIWEN_MAX_PAGES)")
            return _read_pages(pdf, options)
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise IngestFileError("encrypted PDF: it needs a password to open; save an unprotected copy") from None
        raise IngestFileError(f"corrupt PDF: {_describe(cause)}") from None
    except _PARSE_ERRORS as exc:
        raise IngestFileError(f"corrupt PDF: {_describe(exc)}") from None


def _describe(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."


def _read_pages(pdf: pdfplumber.PDF, options: PdfOptions) -> PdfText:
    result = PdfText(pages=[])
    pages: list[_Page] = []
    no_text: list[int] = []
    unmapped: list[int] = []
    ocr_error: str | None = None
    for number, page in enumerate(pdf.pages, start=1):
        chars = [c for c in page.chars if c["text"].strip()]
        garbled = sum(1 for c in chars if c["text"].startswith("(cid:"))
        readable = len(chars) - garbled >= _MIN_CHARS and garbled <= 0.3 * len(chars)
        if readable and not (len(chars) < _SCAN_WITH_STAMP_CHARS and _mostly_image(page)):
            pages.append(_text_layer(page))
        elif not chars and not page.images:
            pages.append(_Page([], [], float(page.height)))  # a blank page: nothing to read
        elif options.ocr is not None and ocr_error is None:
            try:
                pages.append(_ocr_page(page, options))
                result.ocr_pages.append(number)
            except OcrUnavailableError as exc:
                ocr_error = str(exc)
                (unmapped if garbled else no_text).append(number)
                pages.append(_Page([], [], float(page.height)))
        else:
            (unmapped if garbled else no_text).append(number)
            pages.append(_Page([], [], float(page.height)))
        page.close()  # pdfplumber caches every parsed object per page: free them as we go

    running = repeated_margins([
        {s for line in p.lines if (s := margin_signature(line, p.height)) is not None} for p in pages
    ])
    open_table: Table | None = None
    for page in pages:
        layout = lay_out(drop_margins(page.lines, page.height, running), page.tables, continues=open_table)
        result.pages.append("\n".join(layout.lines))
        if layout.ends_with_table is None:
            open_table = None
        elif not (layout.continued and layout.ends_with_table is layout.starts_with_table):
            open_table = layout.ends_with_table  # (a page that only continued the open table keeps its header)

    if result.ocr_pages:
        empty = [n for n in result.ocr_pages if not result.pages[n - 1].strip()]
        result.notes.append(f"{_pages(result.ocr_pages)} no text layer: read by OCR"
                            + (f" (no text found on {page_ranges(empty)})" if empty else ""))
    why = f"OCR failed to start: {ocr_error}" if ocr_error else "OCR is off (CAIWEN_OCR=none)"
    if no_text:
        result.notes.append(f"{_pages(no_text)} no text layer (scanned) and {why}: not read")
    if unmapped:
        result.notes.append(f"{_pages(unmapped)} fonts without a Unicode map and {why}: not read")
    return result


def _mostly_image(page) -> bool:
    area = float(page.width) * float(page.height)
    covered = sum(max(0.0, float(i["x1"]) - float(i["x0"])) * max(0.0, float(i["bottom"]) - float(i["top"]))
                  for i in page.images)
    return area > 0 and covered >= 0.5 * area


def _text_layer(page) -> _Page:
    tables: list[Table] = []
    for found in page.find_tables():
        rows = clean_table(found.extract())
        if len(rows) >= 2 and len(rows[0]) >= 2:
            x0, top, x1, bottom = found.bbox
            tables.append(Table(rows=tuple(tuple(_fold(c) for c in row) for row in rows),
                                x0=x0, x1=x1, top=top, bottom=bottom))

    def in_table(word: dict) -> bool:
        cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
        return any(t.x0 <= cx <= t.x1 and t.top <= cy <= t.bottom for t in tables)

    words = [
        Word(_fold(w["text"]), w["x0"], w["x1"], w["top"], w["bottom"])
        for w in page.extract_words(x_tolerance=1.5, y_tolerance=2, keep_blank_chars=False)
        if w.get("upright", True) and not in_table(w) and not w["text"].startswith("(cid:")
    ]
    return _Page(group_lines(words), tables, float(page.height))


def _ocr_page(page, options: PdfOptions) -> _Page:
    image = page.to_image(resolution=options.ocr_dpi).original
    scale = float(page.width) / image.width  # pixels back to PDF points
    words = [
        Word(_fold(line.text), line.x0 * scale, line.x1 * scale, line.top * scale, line.bottom * scale)
        for line in options.ocr.read(image)
    ]
    return _Page(group_lines(words), [], float(page.height))
