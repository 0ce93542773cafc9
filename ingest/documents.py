"""From one file to a cleaned document with metadata and chunk records (no I/O beyond reading the file)."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path

from ingest.answer_units import classify_text, units_in_span
from ingest.chunking import chunk_id, chunk_text
from ingest.cleaning import clean_text
from ingest.errors import IngestFileError
from ingest.loaders import LoadOptions, load_file
from ingest.metadata import find_published_date, find_title
from ingest.publisher import titled_with_publisher
from knowledge_base.catalog import text_hash
from knowledge_base.records import AnswerUnit, ChunkRecord, DocumentRecord
from knowledge_base.scripts import detect_script, normalize_for_index
from knowledge_base.screening import document_flags

# Bump when cleaning or chunking changes, so every document is re-chunked on the next run.
PIPELINE_VERSION = "36"  # 4-7: answer units classified at ingest; 8: two-row table headers; 9: captions; 10: regional synonyms; 11: titles with a name's number, hard-wrapped prose lines joined; 12: slogans, offers and account pitches are advertising, fund-fee names in the segmentation dictionary; 13: a heading with a code in brackets is a heading; 14: a bold FAQ question is a question; 15: bond yields (到期殖利率) are not dividend yields, copyright and licence footers are navigation; 16: brokerage words (维持率, 每手, 孖展) in the segmentation dictionary; 17: profit and income words (纯利, 营收, 收入, 毛利) tagged as nouns; 18: net and gross expense ratios (净费用率, 总费用率) are words; 19: HTML headings kept and footnote marks dropped, 恒指 and HSI are 恒生指数; 20: fund fee rates (管理费率, 申购费率…) are words; 21: a line of Markdown links is navigation, HK dividend words (中期息, 末期息, 特别息) are words; 22: dividend words of each region (期中股利, 中期分红); 23: "the Dow" alone is the Dow Jones; 24: a bond's yield in Taiwan wording (美債殖利率, 債券殖利率) is no dividend yield; 25: an English page with a few Chinese characters (a 中文 language link) is English; 26: a fund's 分红 (mainland) is Taiwan's 配息 and Hong Kong's 派息, Taiwan's fund fee words (经理费, 保管费) are words; 27: a numbered line ending a statement (「3. 公司拟…派发现金红利4.60元。」) is a list item, not a heading; a count's measure word is not glued to the name after it (2000股澜屿 → 股, 澜屿), 派发, 税前 and 税后 are words and 金红利 none (派发现金红利 is no longer 派, 发现, 金红利); 28: a broker notifying its clients (短訊通知客戶) is no planted instruction; 29: a title skips front matter, quoted notices and breadcrumbs and prefers the page's heading; 30: a title is no index word of every passage; 31: a table's first row of figures with a count unit (「500,000單位（500張）」) is a row, not a second header; a plain-text line as wide as the page's prose that ends mid-sentence on a Chinese character runs on into the next; 32: 帐 and 账, 枱 and 台 are one character to the index (帳戶 and 賬戶 one word); 33: a plain-text table in fixed-width columns (a header, a rule of dash runs) is read as a table; 34: a title carries the publisher its page names only in its <title> or copyright line; a Markdown page's HTML comments are no text; 35: a prose line ending on a word runs on into a line opening with a figure; 36: a plain-text table without a rule (a header of three or more column names, its rows starting at those columns) is read as a table


@dataclass
class ReadDocument:
    """A file loaded and cleaned: the text chunk spans and quotes point into, and where its pages start."""

    cleaned: str
    digest: str
    html_title: str | None = None
    page_starts: list[int] | None = None  # offset in `cleaned` of each page (paged formats only)
    notes: list[str] = field(default_factory=list)
    publishers: tuple[str, ...] = ()


@dataclass
class PreparedDocument:
    record: DocumentRecord
    cleaned_text: str
    chunks: list[ChunkRecord]
    page_starts: list[int] | None = None


def content_hash(cleaned: str, chunk_size: int, chunk_overlap: int, page_starts: list[int] | None = None) -> str:
    pages = "" if page_starts is None else "|pages:" + ",".join(map(str, page_starts))
    return text_hash(f"v{PIPELINE_VERSION}|{chunk_size}|{chunk_overlap}|{cleaned}{pages}")


def join_pages(pages: list[str]) -> tuple[str, list[int]]:
    """Cleaned page texts joined by one newline (an empty page adds nothing, so a table running over it
    stays one table), with the offset where each page starts."""
    parts: list[str] = []
    starts: list[int] = []
    position = 0
    for page in pages:
        starts.append(position)
        if page:
            parts.append(page)
            position += len(page) + 1
    return "\n".join(parts), starts


def page_of(page_starts: list[int], offset: int) -> int:
    """1-based page holding `offset`."""
    return max(1, bisect.bisect_right(page_starts, offset))


def read_document(path: Path, doc_id: str, options: LoadOptions, chunk_size: int, chunk_overlap: int) -> ReadDocument:
    """Load and clean a file (page by page for paged formats)."""
    loaded = load_file(path, options)
    if loaded.pages is None:
        cleaned, page_starts = clean_text(loaded.text, plain=loaded.fmt == "text"), None
    else:
        cleaned, page_starts = join_pages([clean_text(page) for page in loaded.pages])
    if len(cleaned) < 20:
        if loaded.notes:
            raise IngestFileError(f"no text: {'; '.join(loaded.notes)}")
        raise IngestFileError("no article text left after removing boilerplate")
    return ReadDocument(cleaned, content_hash(cleaned, chunk_size, chunk_overlap, page_starts), loaded.html_title,
                        page_starts, list(loaded.notes), loaded.publishers)


def prepare_document(path: Path, doc_id: str, read: ReadDocument, chunk_size: int, chunk_overlap: int) -> PreparedDocument:
    cleaned = read.cleaned
    title = titled_with_publisher(find_title(cleaned, read.html_title), read.publishers)
    published = find_published_date(cleaned)
    script = detect_script(cleaned)
    record = DocumentRecord(
        doc_id=doc_id, title=title, published=published, script=script, content_hash=read.digest,
        source_path=str(path), flags=document_flags(cleaned),
    )
    classified = classify_text(cleaned)
    chunks = []
    for c in chunk_text(cleaned, chunk_size, chunk_overlap):
        pages: dict = {}
        if read.page_starts is not None:
            pages = {
                "page": page_of(read.page_starts, c.start),
                "page_end": page_of(read.page_starts, c.end - 1),
                "page_breaks": [s for s in read.page_starts if c.start < s < c.end],
            }
        chunks.append(ChunkRecord(
            chunk_id=chunk_id(doc_id, c.ordinal, c.text),
            doc_id=doc_id,
            ordinal=c.ordinal,
            start=c.start,
            end=c.end,
            text=c.text,
            norm_text=normalize_for_index(f"{c.table_header}\n{c.text}" if c.table_header else c.text),
            heading=normalize_for_index(c.heading),
            title=title,
            published=published,
            script=script,
            units=[AnswerUnit(start=u.start, end=u.end, kind=u.kind, header=u.header)
                   for u in units_in_span(classified, c.start, c.end)],
            **pages,
        ))
    record.chunk_count = len(chunks)
    return PreparedDocument(record, cleaned, chunks, read.page_starts)
