"""The catalog on PostgreSQL, for API instances that keep nothing locally (CAIWEN_DATABASE_URL=postgresql…).

Same records and the same two-stage BM25 as the SQLite catalog (knowledge_base.bm25), so both backends
rank alike. The lexical index is a `tsvector` built from the chunk's jieba tokens with
`array_to_tsvector` — each token one lexeme, exactly as jieba cut it: a text search configuration would
re-parse them ('3.5%' into '3.5' and '%', English stemming, stop words) and no configuration segments
Chinese — with a GIN index answering "which chunks contain these words". `ts_rank` is not used: it has no
inverse document frequency, so rare words would count no more than 的-like common ones; BM25 needs the
document frequencies, kept in `kb_terms` in the same transaction as the document's rows.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone

import numpy as np
from sqlalchemy import Connection, create_engine, text

from knowledge_base import bm25
from knowledge_base.catalog_rows import chunk_from_row, index_tokens, page_slice, TitleIndex
from knowledge_base.records import ChunkRecord, DocumentRecord, units_to_json

SCHEMA_LOCK_KEY = 0x6B62636174  # "kbcat": schema creation by instances starting together runs once

_SCHEMA = [
    """CREATE TABLE IF NOT EXISTS kb_documents (
        doc_id TEXT PRIMARY KEY, title TEXT NOT NULL, published TEXT, script TEXT NOT NULL,
        content_hash TEXT NOT NULL, source_path TEXT NOT NULL, chunk_count INTEGER NOT NULL,
        ingested_at TEXT NOT NULL, cleaned_text TEXT NOT NULL, flags TEXT NOT NULL DEFAULT '[]', page_starts TEXT)""",
    """CREATE TABLE IF NOT EXISTS kb_chunks (
        id BIGSERIAL PRIMARY KEY, chunk_id TEXT NOT NULL UNIQUE,
        doc_id TEXT NOT NULL REFERENCES kb_documents (doc_id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
        norm_text TEXT NOT NULL, heading TEXT NOT NULL, title TEXT NOT NULL, published TEXT, script TEXT NOT NULL,
        page INTEGER, page_end INTEGER, page_breaks TEXT, units TEXT NOT NULL DEFAULT '[]', tokens TEXT NOT NULL, lexemes TSVECTOR NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS kb_chunks_doc ON kb_chunks (doc_id, ordinal)",
    "CREATE INDEX IF NOT EXISTS kb_chunks_lexemes ON kb_chunks USING GIN (lexemes)",
    "CREATE TABLE IF NOT EXISTS kb_terms (term TEXT PRIMARY KEY, df BIGINT NOT NULL)",
    """CREATE TABLE IF NOT EXISTS kb_totals (
        id INTEGER PRIMARY KEY CHECK (id = 1), chunks BIGINT NOT NULL, tokens BIGINT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS kb_embedding_cache (
        embedder TEXT NOT NULL, text_hash TEXT NOT NULL, vector BYTEA NOT NULL, PRIMARY KEY (embedder, text_hash))""",
    "CREATE TABLE IF NOT EXISTS kb_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
]

_CHUNK_COLUMNS = ('chunk_id, doc_id, ordinal, start, "end", text, norm_text, heading, title, published, script, '
                  'page, page_end, page_breaks, units')




def tsquery_literal(tokens: Iterable[str]) -> str:
    """An OR of lexemes in tsquery's input syntax (quoted, so nothing in a token is read as an operator)."""
    return " | ".join("'" + t.replace("\\", "\\\\").replace("'", "''") + "'" for t in tokens)


class PgCatalog:
    shared = True  # every instance reads the same records: nothing to rebuild from the vector store

    def __init__(self, url: str):
        self.engine = create_engine(url, pool_pre_ping=True)
        self._titles = TitleIndex()
        with self._tx() as db:
            db.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK_KEY})
            for statement in _SCHEMA:
                db.execute(text(statement))

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        with self.engine.begin() as db:
            yield db

    def _read(self, sql: str, **params) -> list:
        with self.engine.connect() as db:
            return list(db.execute(text(sql), params))

    # --- documents -----------------------------------------------------------------------
    def documents(self) -> list[DocumentRecord]:
        return [self._doc(row) for row in self._read("SELECT * FROM kb_documents ORDER BY doc_id")]

    def document(self, doc_id: str) -> DocumentRecord | None:
        rows = self._read("SELECT * FROM kb_documents WHERE doc_id = :d", d=doc_id)
        return self._doc(rows[0]) if rows else None

    def document_hashes(self) -> dict[str, str]:
        return dict(self._read("SELECT doc_id, content_hash FROM kb_documents"))

    @staticmethod
    def _doc(row) -> DocumentRecord:
        m = row._mapping
        return DocumentRecord(doc_id=m["doc_id"], title=m["title"], published=m["published"], script=m["script"],
                              content_hash=m["content_hash"], source_path=m["source_path"],
                              chunk_count=m["chunk_count"], ingested_at=m["ingested_at"],
                              flags=json.loads(m["flags"]))

    def replace_document(
        self, doc: DocumentRecord, cleaned_text: str, chunks: list[ChunkRecord],
        page_starts: list[int] | None = None, tokens: list[list[str]] | None = None,
    ) -> None:
        """The document, its chunks, their lexemes and the document frequencies in one transaction."""
        texts = [bm25.index_text(t) for t in (tokens if tokens is not None else map(index_tokens, chunks))]
        with self._tx() as db:
            self._delete(db, doc.doc_id)
            db.execute(text("INSERT INTO kb_documents (doc_id, title, published, script, content_hash, source_path, "
                            "chunk_count, ingested_at, cleaned_text, flags, page_starts) VALUES (:doc_id, :title, "
                            ":published, :script, :content_hash, :source_path, :chunk_count, :ingested_at, "
                            ":cleaned_text, :flags, :page_starts)"),
                       {**doc.model_dump(exclude={"chunk_count", "ingested_at", "flags"}), "chunk_count": len(chunks),
                        "ingested_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                        "cleaned_text": cleaned_text, "flags": json.dumps(doc.flags),
                        "page_starts": json.dumps(page_starts) if page_starts is not None else None})
            if chunks:
                db.execute(
                    text(f"INSERT INTO kb_chunks ({_CHUNK_COLUMNS}, tokens, lexemes) VALUES (:chunk_id, :doc_id, "
                         ":ordinal, :start, :end, :text, :norm_text, :heading, :title, :published, :script, :page, "
                         ":page_end, :page_breaks, :units, :tokens, array_to_tsvector(string_to_array(:tokens, ' ')))"),
                    [{**c.model_dump(), "page_breaks": json.dumps(c.page_breaks) if c.page_breaks else None,
                      "units": units_to_json(c.units),
                      "tokens": t} for c, t in zip(chunks, texts)],
                )
            self._count_terms(db, texts, +1)
        self._titles.invalidate()

    @staticmethod
    def _count_terms(db: Connection, texts: list[str], sign: int) -> None:
        df, chunks, tokens = bm25.term_counts(texts)
        if not chunks:
            return
        # Sorted, so concurrent ingests lock the shared term rows in the same order (no deadlock).
        db.execute(text("INSERT INTO kb_terms VALUES (:t, :n) ON CONFLICT (term) DO UPDATE SET df = kb_terms.df + :n"),
                   [{"t": term, "n": sign * n} for term, n in sorted(df.items())])
        if sign < 0:
            db.execute(text("DELETE FROM kb_terms WHERE df <= 0"))
        db.execute(text("INSERT INTO kb_totals VALUES (1, :c, :t) ON CONFLICT (id) DO UPDATE "
                        "SET chunks = kb_totals.chunks + :c, tokens = kb_totals.tokens + :t"),
                   {"c": sign * chunks, "t": sign * tokens})

    def delete_document(self, doc_id: str) -> None:
        with self._tx() as db:
            self._delete(db, doc_id)
        self._titles.invalidate()

    @classmethod
    def _delete(cls, db: Connection, doc_id: str) -> None:
        # The document's row lock first: it serialises writers of the same document.
        if db.execute(text("SELECT 1 FROM kb_documents WHERE doc_id = :d FOR UPDATE"), {"d": doc_id}).first():
            old = [row[0] for row in db.execute(text("DELETE FROM kb_chunks WHERE doc_id = :d RETURNING tokens"),
                                                {"d": doc_id})]
            cls._count_terms(db, old, -1)
            db.execute(text("DELETE FROM kb_documents WHERE doc_id = :d"), {"d": doc_id})

    def cleaned_text(self, doc_id: str) -> str | None:
        rows = self._read("SELECT cleaned_text FROM kb_documents WHERE doc_id = :d", d=doc_id)
        return rows[0][0] if rows else None

    def page_starts(self, doc_id: str) -> list[int] | None:
        """Offsets in the cleaned text where each page begins (paged formats), else None."""
        rows = self._read("SELECT page_starts FROM kb_documents WHERE doc_id = :d", d=doc_id)
        return json.loads(rows[0][0]) if rows and rows[0][0] else None

    def page_text(self, doc_id: str, page: int) -> str | None:
        """The stored text of one page (1-based) of a paged document, or None."""
        return page_slice(self.cleaned_text(doc_id), self.page_starts(doc_id), page)

    # --- chunks --------------------------------------------------------------------------
    def chunks(self, doc_id: str) -> list[ChunkRecord]:
        rows = self._read(f"SELECT {_CHUNK_COLUMNS} FROM kb_chunks WHERE doc_id = :d ORDER BY ordinal", d=doc_id)
        return [chunk_from_row(row._mapping) for row in rows]

    def chunks_by_id(self, chunk_ids: Iterable[str]) -> dict[str, ChunkRecord]:
        ids = list(dict.fromkeys(chunk_ids))
        if not ids:
            return {}
        rows = self._read(f"SELECT {_CHUNK_COLUMNS} FROM kb_chunks WHERE chunk_id = ANY(:ids)", ids=ids)
        return {row.chunk_id: chunk_from_row(row._mapping) for row in rows}

    def chunk_count(self) -> int:
        return self._read("SELECT COUNT(*) FROM kb_chunks")[0][0]

    # --- lexical search ------------------------------------------------------------------
    def lexical_search(self, tokens: list[str], limit: int) -> list[tuple[str, float]]:
        return self.lexical_query(tokens, limit).hits

    def lexical_query(
        self, tokens: list[str], limit: int, budget: int = bm25.CANDIDATE_BUDGET, depth: int | None = None
    ) -> bm25.LexicalResult:
        """Two-stage BM25 (knowledge_base.bm25). The GIN index returns the candidates (the newest `budget`)
        and all of them are scored: PostgreSQL has no BM25 of its own to rank a first cut with."""
        tokens = list(dict.fromkeys(t for t in tokens if t))
        if not tokens:
            return bm25.LexicalResult([], True)
        with self.engine.connect() as db:
            df = dict(db.execute(text("SELECT term, df FROM kb_terms WHERE term = ANY(:t)"), {"t": tokens}).all())
            query = bm25.plan_candidates(tokens, df, limit, budget, depth)
            totals = db.execute(text("SELECT chunks, tokens FROM kb_totals")).first()
            if query is None or totals is None:
                return bm25.LexicalResult([], True)
            rows = db.execute(
                text("SELECT chunk_id, tokens FROM kb_chunks WHERE lexemes @@ CAST(:q AS tsquery) "
                     "ORDER BY id DESC LIMIT :n"),
                {"q": tsquery_literal(query.selective), "n": query.budget},
            ).all()
        candidates = bm25.Candidates([(r[0], r[1]) for r in rows], None)
        return bm25.score(candidates, query, df, bm25.CorpusStats(totals[0], totals[1]), limit)

    def mentions(self, term: str, whole_token: bool = False) -> bool:
        """Does any chunk mention `term`? The term table answers for whole tokens; others cost a scan.
        `whole_token`: the term table only, as in the SQLite catalog ("nav" must not match inside "navigate")."""
        term = term.lower()
        if self._read("SELECT 1 FROM kb_terms WHERE term = :t AND df > 0", t=term):
            return True
        if whole_token:
            return bool(self.documents_titled(term))
        return bool(self._read("SELECT 1 FROM kb_chunks WHERE strpos(lower(norm_text), :t) > 0 "
                               "OR strpos(lower(title), :t) > 0 LIMIT 1", t=term))

    def chunk_frequency(self, term: str) -> int:
        """In how many chunks the lexical index holds `term` as a token, as in the SQLite catalog."""
        rows = self._read("SELECT df FROM kb_terms WHERE term = :t", t=term.lower())
        return rows[0][0] if rows else 0

    def documents_titled(self, term: str) -> list[str]:
        """The documents whose title writes `term` as a word (`TitleIndex`)."""
        return self._titles.documents(term, lambda: self._read("SELECT doc_id, title FROM kb_documents"))

    def terms_starting(self, prefix: str, limit: int) -> list[str]:
        """Up to `limit` index words that start with `prefix` (lower-case), in order, as in the SQLite catalog."""
        prefix = prefix.lower()
        if not prefix:
            return []
        # starts_with, not a range: the database's collation need not order terms by code point
        rows = self._read("SELECT term FROM kb_terms WHERE starts_with(term, :p) AND df > 0 "
                          "ORDER BY term COLLATE \"C\" LIMIT :n", p=prefix, n=limit)
        return [row[0] for row in rows]

    def terms_containing(self, fragment: str, limit: int) -> list[str]:
        """Up to `limit` longer index words holding `fragment`, most frequent first, as in the SQLite catalog."""
        fragment = fragment.lower()
        if not fragment or self._read("SELECT 1 FROM kb_terms WHERE term = :t AND df > 0", t=fragment):
            return []
        rows = self._read("SELECT term FROM kb_terms WHERE df > 0 AND char_length(term) > :k AND strpos(term, :t) > 0 "
                          "ORDER BY df DESC, term COLLATE \"C\" LIMIT :n", k=len(fragment), t=fragment, n=limit)
        return [row[0] for row in rows]

    def texts_mentioning(self, token: str, limit: int) -> list[str]:
        """Normalized texts of up to `limit` chunks whose lexical index holds `token`."""
        rows = self._read("SELECT norm_text FROM kb_chunks WHERE lexemes @@ CAST(:q AS tsquery) LIMIT :n",
                          q=tsquery_literal([token.lower()]), n=limit)
        return [row[0] for row in rows]

    # --- embedding cache -----------------------------------------------------------------
    def cached_vectors(self, embedder: str, hashes: list[str]) -> dict[str, np.ndarray]:
        if not hashes:
            return {}
        rows = self._read("SELECT text_hash, vector FROM kb_embedding_cache WHERE embedder = :e AND text_hash = ANY(:h)",
                          e=embedder, h=hashes)
        return {h: np.frombuffer(bytes(blob), dtype=np.float32) for h, blob in rows}

    def cache_vectors(self, embedder: str, items: dict[str, np.ndarray]) -> None:
        if not items:
            return
        with self._tx() as db:
            db.execute(text("INSERT INTO kb_embedding_cache VALUES (:e, :h, :v) ON CONFLICT DO NOTHING"),
                       [{"e": embedder, "h": h, "v": np.asarray(v, dtype=np.float32).tobytes()}
                        for h, v in sorted(items.items())])

    # --- meta ----------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        rows = self._read("SELECT value FROM kb_meta WHERE key = :k", k=key)
        return rows[0][0] if rows else None

    def set_meta(self, key: str, value: str) -> None:
        with self._tx() as db:
            db.execute(text("INSERT INTO kb_meta VALUES (:k, :v) ON CONFLICT (key) DO UPDATE SET value = :v"),
                       {"k": key, "v": value})
