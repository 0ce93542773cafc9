"""The catalog: one SQLite file in the data directory holding documents, chunks, the lexical index
(FTS5 postings of jieba tokens plus the document frequencies that knowledge_base.bm25 ranks with) and
the embedding cache.

Chroma holds the vectors; the catalog is the record of what was ingested. A document's rows change in a
single transaction, so the catalog never shows a half-written document, and searches only return chunks
the catalog knows.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from knowledge_base import bm25, catalog_fts
from knowledge_base.catalog_rows import chunk_from_row, index_tokens, page_slice, TitleIndex
from knowledge_base.catalog_schema import CHUNK_COLUMNS, SCHEMA, add_missing_columns
from knowledge_base.errors import CatalogUnavailableError
from knowledge_base.records import ChunkRecord, DocumentRecord, units_to_json
from knowledge_base.screening import document_flags


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Catalog:
    shared = False  # this machine's file: with a Chroma server it is rebuilt from the store (KnowledgeBase.sync_catalog)

    def __init__(self, path: Path):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._titles = TitleIndex()
        self._db().executescript(SCHEMA)
        add_missing_columns(self._db())
        self._add_flags_column()
        self._migrate_lexical()

    def _add_flags_column(self) -> None:
        """Catalogs written before documents carried screening flags: add the column and screen what they hold."""
        db = self._db()
        if any(row["name"] == "flags" for row in db.execute("PRAGMA table_info(documents)")):
            return
        with self._tx() as db:
            if any(row["name"] == "flags" for row in db.execute("PRAGMA table_info(documents)")):
                return  # another process migrated it meanwhile
            db.execute("ALTER TABLE documents ADD COLUMN flags TEXT NOT NULL DEFAULT '[]'")
            for doc_id, cleaned in db.execute("SELECT doc_id, cleaned_text FROM documents").fetchall():
                db.execute("UPDATE documents SET flags = ? WHERE doc_id = ?",
                           (json.dumps(document_flags(cleaned)), doc_id))

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
        """One write transaction. A disk that is read-only or full fails it as a whole (rolled back, the
        connection left usable) with a CatalogUnavailableError the CLI and API can explain."""
        db = self._db()
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
        except sqlite3.OperationalError as exc:
            raise CatalogUnavailableError(f"the catalog at {self.path} cannot be written: {exc}") from exc

    def _migrate_lexical(self) -> None:
        """Catalogs written before the lexical statistics existed get them (and rowid-linked FTS rows) once."""
        if self.get_meta("lexical_index") == catalog_fts.LEXICAL_VERSION:
            return
        with self._tx() as db:
            if db.execute("SELECT value FROM meta WHERE key = 'lexical_index'").fetchone() is None:
                catalog_fts.rebuild(db)

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
            ingested_at=row["ingested_at"], flags=json.loads(row["flags"]),
        )

    def replace_document(
        self, doc: DocumentRecord, cleaned_text: str, chunks: list[ChunkRecord],
        page_starts: list[int] | None = None, tokens: list[list[str]] | None = None,
    ) -> None:
        """Write a document and its chunks (and lexical rows) atomically, replacing any previous version.
        `tokens` (one list per chunk) is for callers that already tokenized; by default `index_tokens`."""
        texts = [bm25.index_text(t) for t in (tokens if tokens is not None else map(index_tokens, chunks))]
        with self._tx() as db:
            self._delete(db, doc.doc_id)
            db.execute(
                "INSERT INTO documents (doc_id, title, published, script, content_hash, source_path, chunk_count,"
                " ingested_at, cleaned_text, flags) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (doc.doc_id, doc.title, doc.published, doc.script, doc.content_hash, doc.source_path,
                 len(chunks), datetime.now(timezone.utc).isoformat(timespec="seconds"), cleaned_text,
                 json.dumps(doc.flags)),
            )
            if page_starts is not None:
                db.execute("INSERT INTO document_pages VALUES (?, ?)", (doc.doc_id, json.dumps(page_starts)))
            db.executemany(
                f"INSERT INTO chunks ({CHUNK_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [(c.chunk_id, c.doc_id, c.ordinal, c.start, c.end, c.text, c.norm_text, c.heading, c.title,
                  c.published, c.script, c.page, c.page_end, json.dumps(c.page_breaks) if c.page_breaks else None,
                  units_to_json(c.units))
                 for c in chunks],
            )
            db.executemany(
                "INSERT INTO lexical_fts (rowid, chunk_id, tokens) SELECT rowid, chunk_id, ? FROM chunks WHERE chunk_id = ?",
                [(text, c.chunk_id) for c, text in zip(chunks, texts)],
            )
            catalog_fts.count_terms(db, texts, +1)
        self._titles.invalidate()

    def delete_document(self, doc_id: str) -> None:
        with self._tx() as db:
            self._delete(db, doc_id)
        self._titles.invalidate()

    @staticmethod
    def _delete(db: sqlite3.Connection, doc_id: str) -> None:
        rowids = "SELECT rowid FROM chunks WHERE doc_id = ?"
        old = [row[0] for row in db.execute(f"SELECT tokens FROM lexical_fts WHERE rowid IN ({rowids})", (doc_id,))]
        catalog_fts.count_terms(db, old, -1)
        db.execute(f"DELETE FROM lexical_fts WHERE rowid IN ({rowids})", (doc_id,))
        db.execute("DELETE FROM chunks WHERE doc_id = ?", (doc_id,))
        db.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))
        db.execute("DELETE FROM document_pages WHERE doc_id = ?", (doc_id,))

    def cleaned_text(self, doc_id: str) -> str | None:
        row = self._db().execute("SELECT cleaned_text FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def page_starts(self, doc_id: str) -> list[int] | None:
        """Offsets in the cleaned text where each page begins (paged formats), else None."""
        row = self._db().execute("SELECT page_starts FROM document_pages WHERE doc_id = ?", (doc_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def page_text(self, doc_id: str, page: int) -> str | None:
        """The stored text of one page (1-based) of a paged document, or None."""
        return page_slice(self.cleaned_text(doc_id), self.page_starts(doc_id), page)

    # --- chunks --------------------------------------------------------------------------
    def chunks(self, doc_id: str) -> list[ChunkRecord]:
        rows = self._db().execute(
            f"SELECT {CHUNK_COLUMNS} FROM chunks WHERE doc_id = ? ORDER BY ordinal", (doc_id,)
        ).fetchall()
        return [chunk_from_row(row) for row in rows]

    def chunks_by_id(self, chunk_ids: Iterable[str]) -> dict[str, ChunkRecord]:
        ids = list(dict.fromkeys(chunk_ids))
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self._db().execute(f"SELECT {CHUNK_COLUMNS} FROM chunks WHERE chunk_id IN ({marks})", ids)
        return {row["chunk_id"]: chunk_from_row(row) for row in rows}

    def chunk_count(self) -> int:
        return self._db().execute("SELECT COUNT(*) FROM chunks").fetchone()[0]

    # --- lexical search ------------------------------------------------------------------
    def lexical_search(self, tokens: list[str], limit: int) -> list[tuple[str, float]]:
        return self.lexical_query(tokens, limit).hits

    def lexical_query(
        self, tokens: list[str], limit: int, budget: int = bm25.CANDIDATE_BUDGET, depth: int | None = None
    ) -> bm25.LexicalResult:
        """Bounded two-stage BM25 (knowledge_base.bm25); a huge budget and depth rank every matching chunk."""
        tokens = list(dict.fromkeys(t for t in tokens if t))
        if not tokens:
            return bm25.LexicalResult([], True)
        db = self._db()
        marks = ",".join("?" * len(tokens))
        df = dict(db.execute(f"SELECT term, df FROM lexical_terms WHERE term IN ({marks})", tokens).fetchall())
        query = bm25.plan_candidates(tokens, df, limit, budget, depth)
        totals = db.execute("SELECT chunks, tokens FROM lexical_totals").fetchone()
        if query is None or totals is None:
            return bm25.LexicalResult([], True)
        return bm25.score(catalog_fts.candidates(db, query), query, df, bm25.CorpusStats(totals[0], totals[1]), limit)

    def mentions(self, term: str, whole_token: bool = False) -> bool:
        """Does any chunk mention `term` (normalized text, case-insensitive)? The lexical index answers
        for whole tokens; only a term it lacks (segmented differently, or truly unknown) costs a scan.
        `whole_token`: the index only (an English word: "nav" must not match inside "navigate")."""
        db = self._db()
        if db.execute("SELECT 1 FROM lexical_terms WHERE term = ? AND df > 0", (term.lower(),)).fetchone():
            return True
        if whole_token:
            return bool(self.documents_titled(term))
        row = db.execute(
            "SELECT 1 FROM chunks WHERE instr(lower(norm_text), ?) > 0 OR instr(lower(title), ?) > 0 LIMIT 1",
            (term.lower(), term.lower()),
        ).fetchone()
        return row is not None

    def chunk_frequency(self, term: str) -> int:
        """In how many chunks the lexical index holds `term` as a token (0 for a word it indexes only inside others)."""
        row = self._db().execute("SELECT df FROM lexical_terms WHERE term = ?", (term.lower(),)).fetchone()
        return row[0] if row else 0

    def documents_titled(self, term: str) -> list[str]:
        """The documents whose title writes `term` as a word (`TitleIndex`)."""
        return self._titles.documents(
            term, lambda: self._db().execute("SELECT doc_id, title FROM documents").fetchall())

    def terms_starting(self, prefix: str, limit: int) -> list[str]:
        """Up to `limit` index words that start with `prefix` (lower-case), in order: a range of the term
        table's primary key, not a scan."""
        prefix = prefix.lower()
        if not prefix:
            return []
        rows = self._db().execute(
            "SELECT term FROM lexical_terms WHERE term >= ? AND term < ? AND df > 0 ORDER BY term LIMIT ?",
            (prefix, prefix + "\U0010ffff", limit),
        ).fetchall()
        return [row[0] for row in rows]

    def terms_containing(self, fragment: str, limit: int) -> list[str]:
        """Up to `limit` longer index words holding `fragment` (lower-case), most frequent first; none where the
        fragment is an index word itself. A scan of the term table: asked only for question words it lacks."""
        fragment = fragment.lower()
        db = self._db()
        if not fragment or db.execute("SELECT 1 FROM lexical_terms WHERE term = ? AND df > 0", (fragment,)).fetchone():
            return []
        rows = db.execute(
            "SELECT term FROM lexical_terms WHERE df > 0 AND length(term) > ? AND instr(term, ?) > 0 "
            "ORDER BY df DESC, term LIMIT ?", (len(fragment), fragment, limit),
        ).fetchall()
        return [row[0] for row in rows]

    def texts_mentioning(self, token: str, limit: int) -> list[str]:
        """Normalized texts of up to `limit` chunks whose lexical index holds `token` (newest first)."""
        rows = self._db().execute(
            "SELECT c.norm_text FROM lexical_fts f JOIN chunks c ON c.rowid = f.rowid "
            "WHERE lexical_fts MATCH ? ORDER BY f.rowid DESC LIMIT ?", (catalog_fts.fts_quote(token.lower()), limit),
        ).fetchall()
        return [row[0] for row in rows]

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
