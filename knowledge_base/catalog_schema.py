"""The SQLite catalog's tables, and the columns added to them since the first release."""
from __future__ import annotations

import sqlite3

SCHEMA = """
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
-- The FTS row of a chunk shares its rowid; tokenchars keep every jieba token (3.5%, s&p) one FTS token.
CREATE VIRTUAL TABLE IF NOT EXISTS lexical_fts USING fts5(
    chunk_id UNINDEXED, tokens, tokenize="unicode61 remove_diacritics 0 tokenchars '.%+-_'"
);
CREATE TABLE IF NOT EXISTS lexical_terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS lexical_totals (
    id INTEGER PRIMARY KEY CHECK (id = 1), chunks INTEGER NOT NULL, tokens INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS embedding_cache (
    embedder TEXT NOT NULL, text_hash TEXT NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (embedder, text_hash)
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS document_pages (doc_id TEXT PRIMARY KEY, page_starts TEXT NOT NULL);
"""

# Columns added after the first release: an existing catalog gets them on open (NULL for old rows). Only
# nullable columns, and only where every insert names its columns, so an older release can still write.
# A paged document's page starts (a JSON list of offsets) live in their own table, document_pages.
ADDED_COLUMNS = {
    "chunks": {"page": "INTEGER", "page_end": "INTEGER", "page_breaks": "TEXT", "units": "TEXT NOT NULL DEFAULT '[]'"},
}

CHUNK_COLUMNS = ('chunk_id, doc_id, ordinal, start, "end", text, norm_text, heading, title, published, script, '
                  'page, page_end, page_breaks, units')


def add_missing_columns(db: sqlite3.Connection) -> None:
    """Give a catalog written by an older release the columns added since (ADDED_COLUMNS)."""
    for table, columns in ADDED_COLUMNS.items():
        present = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
        for name, kind in columns.items():
            if name not in present:
                try:
                    db.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")
                except sqlite3.OperationalError as exc:  # another process added it first
                    if "duplicate column" not in str(exc):
                        raise
