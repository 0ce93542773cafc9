"""The catalog: one SQLite file in the data directory holding documents, chunks, the lexical index
(FTS5 over jieba tokens) and the embedding cache.

Chroma holds the vectors; the catalog is the record of what was ingested. A document's rows change in a
single transaction, so the catalog never shows a half-written document, and searches only return chunks
the catalog knows.
"""
from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from knowledge_base.lexical_tokens import tokenize, with_canonical_terms
from knowledge_base.records import ChunkRecord, DocumentRecord, units_to_json

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY, title TEXT NOT NULL, published TEXT, script TEXT NOT NULL,
    content_hash TEXT NOT NULL, source_path TEXT NOT NULL, chunk_count INTEGER NOT NULL,
    ingested_at TEXT NOT NULL, cleaned_text TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS chunks (
    chunk_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    norm_text TEXT NOT NULL, heading TEXT NOT NULL, title TEXT NOT NULL, published TEXT, script TEXT NOT NULL,
    units TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id, ordinal);
CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5(chunk_id UNINDEXED, tokens, tokenize='unicode61');
CREATE TABLE IF NOT EXISTS embedding_cache (
    embedder TEXT NOT NULL, text_hash TEXT NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (embedder, text_hash)
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

_CHUNK_COLUMNS = 'chunk_id, doc_id, ordinal, start, "end", text, norm_text, heading, title, published, script, units'


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _fts_quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


class Catalog:
    def __init__(self, path: Path):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._db().executescript(_SCHEMA)
        columns = {row[1] for row in self._db().execute("PRAGMA table_info(chunks)")}
        if "units" not in columns:  # a catalog written before answer units: its chunks have none until re-ingest
            self._db().execute("ALTER TABLE chunks ADD COLUMN units TEXT NOT NULL DEFAULT '[]'")

    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA foreign_keys=ON")
            self._local.db = db
        return db

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        db = self._db()
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    # --- documents -----------------------------------------------------------------------
    def documents(self) -> list[DocumentRecord]:
        rows = self._db().execute("SELECT * FROM documents ORDER BY doc_id").fetchall()
        return [self._doc(row) for row in rows]

    def document(self, doc_id: str) -> DocumentRecord | None:
        row = self._db().execute("SELECT * FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return self._doc(row) if row else None

    def document_hashes(self) -> dict[str, str]:
        return dict(self._db().execute("SELECT doc_id, content_hash FROM documents").fetchall())

    @staticmethod
    def _doc(row: sqlite3.Row) -> DocumentRecord:
        return DocumentRecord(
            doc_id=row["doc_id"], title=row["title"], published=row["published"], script=row["script"],
            content_hash=row["content_hash"], source_path=row["source_path"], chunk_count=row["chunk_count"],
            ingested_at=row["ingested_at"],
        )

    def replace_document(self, doc: DocumentRecord, cleaned_text: str, chunks: list[ChunkRecord]) -> None:
        """Write a document and its chunks (and lexical rows) atomically, replacing any previous version."""
        with self._tx() as db:
            self._delete(db, doc.doc_id)
            db.execute(
                "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?)",
                (doc.doc_id, doc.title, doc.published, doc.script, doc.content_hash, doc.source_path,
                 len(chunks), datetime.now(timezone.utc).isoformat(timespec="seconds"), cleaned_text),
            )
            db.executemany(
                f"INSERT INTO chunks ({_CHUNK_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                [(c.chunk_id, c.doc_id, c.ordinal, c.start, c.end, c.text, c.norm_text, c.heading, c.title,
                  c.published, c.script, units_to_json(c.units)) for c in chunks],
            )
            db.executemany(
                "INSERT INTO chunks_fts (chunk_id, tokens) VALUES (?, ?)",
                [(c.chunk_id, " ".join(tokenize(with_canonical_terms(f"{c.title} {c.heading} {c.norm_text}"))))
                 for c in chunks],
            )

    def delete_document(self, doc_id: str) -> None:
        with self._tx() as db:
            self._delete(db, doc_id)

    @staticmethod
    def _delete(db: sqlite3.Connection, doc_id: str) -> None:
        db.execute(
            "DELETE FROM chunks_fts WHERE chunk_id IN (SELECT chunk_id FROM chunks WHERE doc_id = ?)", (doc_id,)
        )
        db.execute("DELETE FROM chunks WHERE doc_id = ?", (doc_id,))
        db.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))

    def cleaned_text(self, doc_id: str) -> str | None:
        row = self._db().execute("SELECT cleaned_text FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    # --- chunks --------------------------------------------------------------------------
    def chunks(self, doc_id: str) -> list[ChunkRecord]:
        rows = self._db().execute(
            f"SELECT {_CHUNK_COLUMNS} FROM chunks WHERE doc_id = ? ORDER BY ordinal", (doc_id,)
        ).fetchall()
        return [ChunkRecord(**dict(row)) for row in rows]

    def chunks_by_id(self, chunk_ids: Iterable[str]) -> dict[str, ChunkRecord]:
        ids = list(dict.fromkeys(chunk_ids))
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self._db().execute(f"SELECT {_CHUNK_COLUMNS} FROM chunks WHERE chunk_id IN ({marks})", ids)
        return {row["chunk_id"]: ChunkRecord(**dict(row)) for row in rows}

    def chunk_count(self) -> int:
        return self._db().execute("SELECT COUNT(*) FROM chunks").fetchone()[0]

    # --- lexical search ------------------------------------------------------------------
    def lexical_search(self, tokens: list[str], limit: int, chunk_ids: set[str] | None = None) -> list[tuple[str, float]]:
        """BM25 over the FTS5 index; returns (chunk_id, score) with higher = better."""
        tokens = list(dict.fromkeys(t for t in tokens if t))
        if not tokens:
            return []
        query = " OR ".join(_fts_quote(t) for t in tokens)
        fetch = limit if chunk_ids is None else limit * 20
        rows = self._db().execute(
            "SELECT chunk_id, bm25(chunks_fts) AS s FROM chunks_fts WHERE chunks_fts MATCH ? ORDER BY s LIMIT ?",
            (query, fetch),
        ).fetchall()
        hits = [(row[0], -float(row[1])) for row in rows if chunk_ids is None or row[0] in chunk_ids]
        return hits[:limit]

    def mentions(self, term: str, whole_token: bool = False) -> bool:
        """Does any chunk mention `term` (normalized text, case-insensitive)? The lexical index answers
        for whole tokens; only a term it lacks (segmented differently, or truly unknown) costs a scan.
        `whole_token`: the index only (an English word: "nav" must not match inside "navigate")."""
        db = self._db()
        if db.execute("SELECT 1 FROM chunks_fts WHERE chunks_fts MATCH ? LIMIT 1", (_fts_quote(term.lower()),)).fetchone():
            return True
        if whole_token:
            return False
        row = db.execute(
            "SELECT 1 FROM chunks WHERE instr(lower(norm_text), ?) > 0 OR instr(lower(title), ?) > 0 LIMIT 1",
            (term.lower(), term.lower()),
        ).fetchone()
        return row is not None

    # --- embedding cache -----------------------------------------------------------------
    def cached_vectors(self, embedder: str, hashes: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        db = self._db()
        for i in range(0, len(hashes), 500):
            part = hashes[i: i + 500]
            marks = ",".join("?" * len(part))
            for h, blob in db.execute(
                f"SELECT text_hash, vector FROM embedding_cache WHERE embedder = ? AND text_hash IN ({marks})",
                [embedder, *part],
            ):
                found[h] = np.frombuffer(blob, dtype=np.float32)
        return found

    def cache_vectors(self, embedder: str, items: dict[str, np.ndarray]) -> None:
        with self._tx() as db:
            db.executemany(
                "INSERT OR REPLACE INTO embedding_cache VALUES (?, ?, ?)",
                [(embedder, h, np.asarray(v, dtype=np.float32).tobytes()) for h, v in items.items()],
            )

    # --- meta ----------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        row = self._db().execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self._tx() as db:
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))
