"""Read files into text: .txt / .md / .html (detecting UTF-8, GB18030 and Big5), .pdf page by page, and
.docx. Each format is one loader in `_LOADERS`; limits and the OCR engine come in as `LoadOptions`."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer
import trafilatura

from ingest.errors import IngestFileError
from ingest.formats import SUPPORTED_SUFFIXES, LoadOptions
from ingest.html_markup import marked_html, restored_headings
from ingest.html_tables import row_header_tables_as_lines
from ingest.publisher import publisher_names

__all__ = ["SUPPORTED_SUFFIXES", "LoadOptions", "LoadedText", "decode_bytes", "load_file"]

_CANDIDATE_ENCODINGS = ["utf_8", "gb18030", "big5", "big5hkscs", "utf_16"]


@dataclass(frozen=True)
class LoadedText:
    text: str
    fmt: str  # text | markdown | html | pdf | docx
    encoding: str
    html_title: str | None = None
    pages: tuple[str, ...] | None = None  # paged formats: each page's text (text is them joined by "\n")
    notes: tuple[str, ...] = ()  # what the operator should know about a file that was still ingested
    publishers: tuple[str, ...] = ()  # who published it, from the masthead and footer cleaning drops


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """Decode with BOM/UTF-8 first, then let charset-normalizer choose among the CJK encodings."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "utf_8"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf_16"
    try:
        return raw.decode("utf-8"), "utf_8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(raw, cp_isolation=_CANDIDATE_ENCODINGS).best()
    if best is None:
        raise IngestFileError("undecodable: not UTF-8, GB18030 or Big5 text")
    return str(best), best.encoding


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)


def _mostly_control(codes: list[int]) -> bool:
    return sum(1 for c in codes if c < 9 or 13 < c < 32) > len(codes) * 0.05


def _looks_binary(raw: bytes) -> bool:
    if raw.startswith(_UTF16_BOMS):
        return False  # every other byte of UTF-16 text is NUL: its decoded text is checked instead
    head = raw[:8192]
    return b"\x00" in head or _mostly_control(list(head))


def load_file(path: Path, options: LoadOptions) -> LoadedText:
    fmt = SUPPORTED_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise IngestFileError(
            f"unsupported file type {path.suffix or '(none)'!r}: expected one of {', '.join(sorted(SUPPORTED_SUFFIXES))}"
        )
    size = path.stat().st_size
    if size == 0:
        raise IngestFileError("empty file")
    limit, setting = options.max_bytes(path.name)
    if size > limit:
        raise IngestFileError(f"too large: {size:,} bytes > limit {limit:,} ({setting})")
    return _LOADERS[fmt](path, fmt, options)


def _load_text(path: Path, fmt: str, options: LoadOptions) -> LoadedText:
    raw = path.read_bytes()
    if _looks_binary(raw):
        raise IngestFileError("binary content, not text")
    try:
        text, encoding = decode_bytes(raw)
    except UnicodeDecodeError:
        raise IngestFileError("undecodable: the byte-order mark does not match the text") from None
    if raw.startswith(_UTF16_BOMS) and _mostly_control([ord(ch) for ch in text[:4096]]):
        raise IngestFileError("binary content, not text")
    if fmt == "html":
        return _html_to_text(text, encoding)
    if fmt == "markdown":
        # an HTML comment is no part of what a Markdown page shows its reader
        text = _HTML_COMMENT.sub("", text)
        if not text.strip():
            raise IngestFileError("empty file (only whitespace and comments)")
    if not text.strip():
        raise IngestFileError("empty file (only whitespace)")
    return LoadedText(text=text, fmt=fmt, encoding=encoding, publishers=publisher_names(text, None, False))


def _html_to_text(html: str, encoding: str) -> LoadedText:
    """Main-text extraction with trafilatura (drops navigation, footers and ads); tables become Markdown."""
    extracted = trafilatura.extract(
        row_header_tables_as_lines(marked_html(html)),
        output_format="markdown",
        include_tables=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        favor_recall=True,
    )
    if not extracted or not extracted.strip():
        raise IngestFileError("no main text found in HTML")
    extracted = restored_headings(extracted)
    meta = trafilatura.extract_metadata(html)
    title = meta.title if meta is not None and meta.title else None
    return LoadedText(text=extracted, fmt="html", encoding=encoding, html_title=title,
                      publishers=publisher_names(html, title, True))


def _load_pdf(path: Path, fmt: str, options: LoadOptions) -> LoadedText:
    from ingest.pdf import PdfOptions, read_pdf

    read = read_pdf(path, PdfOptions(max_pages=options.max_pages, ocr=options.ocr))
    return LoadedText(text="\n".join(read.pages), fmt=fmt, encoding="pdf", pages=tuple(read.pages),
                      notes=tuple(read.notes))


def _load_docx(path: Path, fmt: str, options: LoadOptions) -> LoadedText:
    from ingest.word import read_docx

    text, pages = read_docx(path)
    return LoadedText(text=text, fmt=fmt, encoding="docx", pages=None if pages is None else tuple(pages))


_LOADERS: dict[str, Callable[[Path, str, LoadOptions], LoadedText]] = {
    "text": _load_text, "markdown": _load_text, "html": _load_text, "pdf": _load_pdf, "docx": _load_docx,
}
