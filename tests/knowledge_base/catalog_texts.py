"""A real SQLite catalog holding one single-chunk document per text, for tests of what the index holds."""
from __future__ import annotations

from pathlib import Path

from knowledge_base.catalog import Catalog
from knowledge_base.records import ChunkRecord, DocumentRecord
from knowledge_base.scripts import normalize_for_index


def catalog_of(path: Path, texts: list[str], script: str, suffix: str) -> Catalog:
    """Documents d0{suffix}, d1{suffix}, … each one chunk (id "<doc>#0") of its text, normalized as ingest does."""
    cat = Catalog(path / "catalog.sqlite3")
    for i, text in enumerate(texts):
        doc_id = f"d{i}{suffix}"
        doc = DocumentRecord(doc_id=doc_id, title="", script=script, content_hash=str(i), source_path=doc_id,
                             chunk_count=1)
        cat.replace_document(doc, "", [ChunkRecord(chunk_id=f"{doc_id}#0", doc_id=doc_id, ordinal=0, start=0,
                                                   end=len(text), text=text, norm_text=normalize_for_index(text),
                                                   title="", script=script)])
    return cat
