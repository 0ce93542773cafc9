"""From one file to a cleaned document with metadata and chunk records (no I/O beyond reading the file)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ingest.answer_units import classify_text, units_in_span
from ingest.chunking import chunk_id, chunk_text
from ingest.cleaning import clean_text
from ingest.errors import IngestFileError
from ingest.loaders import load_file
from ingest.metadata import find_published_date, find_title
from knowledge_base.catalog import text_hash
from knowledge_base.records import AnswerUnit, ChunkRecord, DocumentRecord
from knowledge_base.scripts import detect_script, normalize_for_index

# Bump when cleaning or chunking changes, so every document is re-chunked on the next run.
PIPELINE_VERSION = "7"  # 4-7: answer units classified at ingest


@dataclass
class PreparedDocument:
    record: DocumentRecord
    cleaned_text: str
    chunks: list[ChunkRecord]


def content_hash(cleaned: str, chunk_size: int, chunk_overlap: int) -> str:
    return text_hash(f"v{PIPELINE_VERSION}|{chunk_size}|{chunk_overlap}|{cleaned}")


def read_document(path: Path, doc_id: str, max_bytes: int, chunk_size: int, chunk_overlap: int) -> tuple[str, str, str | None]:
    """Load and clean a file; returns (cleaned text, content hash, html title)."""
    loaded = load_file(path, max_bytes)
    cleaned = clean_text(loaded.text)
    if len(cleaned) < 20:
        raise IngestFileError("no article text left after removing boilerplate")
    return cleaned, content_hash(cleaned, chunk_size, chunk_overlap), loaded.html_title


def prepare_document(
    path: Path, doc_id: str, cleaned: str, digest: str, html_title: str | None, chunk_size: int, chunk_overlap: int
) -> PreparedDocument:
    title = find_title(cleaned, html_title)
    published = find_published_date(cleaned)
    script = detect_script(cleaned)
    record = DocumentRecord(
        doc_id=doc_id, title=title, published=published, script=script, content_hash=digest,
        source_path=str(path),
    )
    classified = classify_text(cleaned)
    chunks = [
        ChunkRecord(
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
        )
        for c in chunk_text(cleaned, chunk_size, chunk_overlap)
    ]
    record.chunk_count = len(chunks)
    return PreparedDocument(record, cleaned, chunks)
