"""The SQLite catalog's lexical index: FTS5 postings of a chunk's index words (sharing the chunk's rowid),
plus the document frequencies and totals knowledge_base.bm25 ranks with."""
from __future__ import annotations

import sqlite3

from knowledge_base import bm25
from knowledge_base.catalog_rows import chunk_from_row, index_tokens
from knowledge_base.catalog_schema import CHUNK_COLUMNS

LEXICAL_VERSION = "2"
_IN_SLICE = 10_000


def fts_quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def count_terms(db: sqlite3.Connection, texts: list[str], sign: int) -> None:
    """Add (sign=+1) or remove (-1) stored token strings from the document frequencies and totals."""
    df, chunks, tokens = bm25.term_counts(texts)
    if not chunks:
        return
    db.executemany(
        "INSERT INTO lexical_terms VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET df = df + excluded.df",
        [(term, sign * n) for term, n in df.items()],
    )
    if sign < 0:
        db.execute("DELETE FROM lexical_terms WHERE df <= 0")
    db.execute(
        "INSERT INTO lexical_totals VALUES (1, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET chunks = chunks + excluded.chunks, tokens = tokens + excluded.tokens",
        (sign * chunks, sign * tokens),
    )


def candidates(db: sqlite3.Connection, query: bm25.CandidateQuery) -> bm25.Candidates:
    match = " OR ".join(fts_quote(t) for t in query.selective)
    window, args = "", [match]
    if not query.complete:  # only the newest `budget` postings are ranked
        oldest = db.execute(
            "SELECT rowid FROM lexical_fts WHERE lexical_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
            (match, query.budget - 1),
        ).fetchone()
        if oldest is not None:
            window, args = " AND rowid >= ?", [match, oldest[0]]
    ranked = db.execute(
        f"SELECT rowid, bm25(lexical_fts) AS s FROM lexical_fts WHERE lexical_fts MATCH ?{window} ORDER BY s LIMIT ?",
        (*args, query.depth),
    ).fetchall()
    # FTS5's own content table (columns c0, c1): a rowid IN (...) on the virtual table costs one FTS
    # lookup per id, several times slower than this primary-key read. In slices: an unbounded ranking
    # (depth=10**9) can list more ids than SQLite takes variables (32,766).
    texts: dict[int, tuple[str, str]] = {}
    for start in range(0, len(ranked), _IN_SLICE):
        ids = [r[0] for r in ranked[start:start + _IN_SLICE]]
        texts.update({rowid: (chunk_id, tokens) for rowid, chunk_id, tokens in db.execute(
            f"SELECT id, c0, c1 FROM lexical_fts_content WHERE id IN ({','.join('?' * len(ids))})", ids)})
    cut = -float(ranked[-1][1]) if len(ranked) == query.depth else None
    return bm25.Candidates([texts[r[0]] for r in ranked if r[0] in texts], cut)


def rebuild(db: sqlite3.Connection) -> None:
    """Fill the lexical index and its statistics from the chunks (inside the caller's transaction), reusing
    the token strings of the index before them (chunks_fts) where there is one."""
    old = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'chunks_fts'").fetchone() is not None
    stored = dict(db.execute("SELECT chunk_id, tokens FROM chunks_fts").fetchall()) if old else {}
    rows = db.execute(f"SELECT rowid, {CHUNK_COLUMNS} FROM chunks").fetchall()
    db.execute("DELETE FROM lexical_fts")
    db.execute("DELETE FROM lexical_terms")
    db.execute("DELETE FROM lexical_totals")
    texts = []
    for row in rows:
        chunk = chunk_from_row(row)
        text = stored.get(chunk.chunk_id) or bm25.index_text(index_tokens(chunk))
        texts.append((row["rowid"], chunk.chunk_id, text))
    db.executemany("INSERT INTO lexical_fts (rowid, chunk_id, tokens) VALUES (?, ?, ?)", texts)
    count_terms(db, [t for _, _, t in texts], +1)
    if old:
        db.execute("DROP TABLE chunks_fts")
    db.execute("INSERT OR REPLACE INTO meta VALUES ('lexical_index', ?)", (LEXICAL_VERSION,))
