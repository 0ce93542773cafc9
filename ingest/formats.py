"""Which files can be ingested, and the limits a load runs under. Kept free of parser imports: the API
checks upload sizes with it without loading trafilatura or pdfminer."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ingest.ocr import OcrEngine

SUPPORTED_SUFFIXES = {
    ".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
    ".pdf": "pdf", ".docx": "docx",
}
DOCUMENT_FORMATS = frozenset({"pdf", "docx"})  # binary containers: their own, larger size limit


@dataclass(frozen=True)
class LoadOptions:
    max_text_bytes: int = 5_000_000
    max_document_bytes: int = 50_000_000
    max_pages: int = 500
    ocr: OcrEngine | None = None

    def max_bytes(self, name: str) -> tuple[int, str]:
        """The size limit for a file of this name, and the setting that sets it."""
        if SUPPORTED_SUFFIXES.get(Path(name).suffix.lower()) in DOCUMENT_FORMATS:
            return self.max_document_bytes, "CAIWEN_MAX_DOCUMENT_BYTES"
        return self.max_text_bytes, "CAIWEN_MAX_FILE_BYTES"


@dataclass(frozen=True)
class IngestOptions:
    """How files are read (limits, OCR), cut into chunks and written."""

    load: LoadOptions = field(default_factory=LoadOptions)
    chunk_size: int = 300
    chunk_overlap: int = 60
    write_batch_chunks: int = 256  # chunks gathered before one vector-store write
