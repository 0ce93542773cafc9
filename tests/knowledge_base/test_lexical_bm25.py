"""The bounded two-stage lexical ranking against full BM25 rankings computed independently: SQLite FTS5's own
bm25() over every matching chunk, and a textbook BM25 in this file."""
from __future__ import annotations

import math
import random
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from knowledge_base import bm25
from knowledge_base.catalog import Catalog
from knowledge_base.records import ChunkRecord, DocumentRecord

# A Zipf-like vocabulary: a few words in most chunks, a long tail of rare ones.
VOCAB = [f"w{i}" for i in range(400)]
WEIGHTS = [1.0 / (i + 1) for i in range(len(VOCAB))]


def add_doc(cat: Catalog, doc_no: int, rng: random.Random, n_chunks: int = 5) -> list[ChunkRecord]:
    doc_id = f"doc{doc_no:04d}.txt"
    doc = DocumentRecord(doc_id=doc_id, title="", script="en", content_hash=str(rng.random()), source_path=doc_id,
                         chunk_count=n_chunks)
    chunks = []
    for ordinal in range(n_chunks):
        text = " ".join(rng.choices(VOCAB, WEIGHTS, k=rng.randint(5, 60)))
        chunks.append(ChunkRecord(chunk_id=f"{doc_id}#{ordinal}", doc_id=doc_id, ordinal=ordinal, start=0,
                                  end=len(text), text=text, norm_text=text, title="", script="en"))
    cat.replace_document(doc, "", chunks)
    return chunks


@pytest.fixture(scope="module")
def catalog(tmp_path_factory) -> Catalog:
    rng = random.Random(7)
    cat = Catalog(tmp_path_factory.mktemp("lexical") / "catalog.sqlite3")
    for doc_no in range(300):
        add_doc(cat, doc_no, rng)
    return cat


def textbook_bm25(cat: Catalog, query: list[str]) -> dict[str, float]:
    rows = cat._db().execute("SELECT chunk_id, tokens FROM lexical_fts").fetchall()
    docs = {chunk_id: Counter(text.split()) for chunk_id, text in rows}
    n = len(docs)
    avgdl = sum(sum(c.values()) for c in docs.values()) / n
    scores: dict[str, float] = {}
    for term in set(query):
        df = sum(1 for c in docs.values() if term in c)
        if not df:
            continue
        idf = max(math.log((n - df + 0.5) / (df + 0.5)), 1e-6)
        for chunk_id, counts in docs.items():
            tf = counts[term]
            if tf:
                dl = sum(counts.values())
                scores[chunk_id] = scores.get(chunk_id, 0.0) + idf * tf * (bm25.K1 + 1) / (
                    tf + bm25.K1 * (1 - bm25.B + bm25.B * dl / avgdl))
    return scores


def queries(seed: int, count: int = 40) -> list[list[str]]:
    rng = random.Random(seed)
    return [rng.sample(VOCAB[:3], 1) + rng.sample(VOCAB, rng.randint(1, 5)) for _ in range(count)]


def test_unbounded_scores_match_a_textbook_bm25_and_fts5(catalog) -> None:
    for query in queries(1, 10):
        got = catalog.lexical_query(query, 10, budget=10**9, depth=10**9)
        expected = textbook_bm25(catalog, query)
        assert got.exact
        for chunk_id, score in got.hits:
            assert score == pytest.approx(expected[chunk_id], rel=1e-9)
        assert [s for _, s in got.hits] == pytest.approx(sorted(expected.values(), reverse=True)[:10], rel=1e-9)
        fts = catalog._db().execute(
            "SELECT chunk_id, -bm25(lexical_fts) FROM lexical_fts WHERE lexical_fts MATCH ? ORDER BY bm25(lexical_fts) "
            "LIMIT 10", (" OR ".join(f'"{t}"' for t in query),)).fetchall()
        assert [s for _, s in fts] == pytest.approx([s for _, s in got.hits], rel=1e-5)  # FTS5 rounds avgdl


def test_bounded_ranking_is_exact_when_it_says_so_and_close_otherwise(catalog) -> None:
    exact = cut = 0
    overlaps = []
    for query in queries(2):
        bounded = catalog.lexical_query(query, 10, budget=300)
        full = catalog.lexical_query(query, 10, budget=10**9, depth=10**9)
        if bounded.exact:
            exact += 1
            assert [s for _, s in bounded.hits] == pytest.approx([s for _, s in full.hits], rel=1e-9)
        else:
            cut += 1
        overlaps.append(len({c for c, _ in bounded.hits} & {c for c, _ in full.hits}) / len(full.hits))
    assert exact and cut  # both paths were exercised by this vocabulary
    assert sum(overlaps) / len(overlaps) >= 0.8


def test_statistics_follow_replacements_and_deletions(tmp_path: Path) -> None:
    rng = random.Random(3)
    cat = Catalog(tmp_path / "catalog.sqlite3")
    for doc_no in range(20):
        add_doc(cat, doc_no, rng)
    for doc_no in range(0, 20, 3):
        add_doc(cat, doc_no, rng, n_chunks=2)  # a new version
    for doc_no in range(1, 20, 4):
        cat.delete_document(f"doc{doc_no:04d}.txt")
    db = cat._db()
    texts = [row[0] for row in db.execute("SELECT tokens FROM lexical_fts")]
    df, chunks, tokens = bm25.term_counts(texts)
    assert dict(db.execute("SELECT term, df FROM lexical_terms").fetchall()) == dict(df)
    assert tuple(db.execute("SELECT chunks, tokens FROM lexical_totals").fetchone()) == (chunks, tokens)
    assert chunks == cat.chunk_count()
    assert db.execute("SELECT COUNT(*) FROM lexical_fts").fetchone()[0] == cat.chunk_count()


def test_a_catalog_from_before_the_statistics_is_migrated_once(tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite3"
    rng = random.Random(5)
    chunks = add_doc(Catalog(path), 1, rng)
    db = sqlite3.connect(path)  # turn it back into the old layout: FTS rows keyed by chunk_id, no statistics
    db.executescript("""
        CREATE VIRTUAL TABLE chunks_fts USING fts5(chunk_id UNINDEXED, tokens, tokenize='unicode61');
        INSERT INTO chunks_fts (chunk_id, tokens) SELECT chunk_id, tokens FROM lexical_fts;
        DROP TABLE lexical_fts; DROP TABLE lexical_terms; DROP TABLE lexical_totals;
        DELETE FROM meta WHERE key = 'lexical_index';
    """)
    db.commit()
    db.close()
    migrated = Catalog(path)
    word = chunks[0].norm_text.split()[-1]
    assert migrated.lexical_search([word], 5)
    names = {row[0] for row in migrated._db().execute("SELECT name FROM sqlite_master")}
    assert "chunks_fts" not in names and migrated.get_meta("lexical_index") == "2"
    assert migrated._db().execute("SELECT chunks FROM lexical_totals").fetchone()[0] == len(chunks)


def test_a_one_character_chinese_word_of_the_question_counts_half(tmp_path: Path) -> None:
    # 差 (left alone by the segmenter in an advertisement's 低點差) is rare, so at full weight it outranked the
    # passage holding the question's two-character words
    cat = Catalog(tmp_path / "catalog.sqlite3")
    texts = {"ad": "平台 低 点 差", "answer": "估值 差距 罗素2000 市盈率 约 18 倍 标普500"}
    for n, (name, text) in enumerate({**texts, **{f"filler{i}": f"市场 新闻 {i}" for i in range(8)}}.items()):
        doc = DocumentRecord(doc_id=name, title="", script="zh-Hans", content_hash=str(n), source_path=name, chunk_count=1)
        cat.replace_document(doc, "", [ChunkRecord(chunk_id=f"{name}#0", doc_id=name, ordinal=0, start=0, end=len(text),
                                                   text=text, norm_text=text, title="", script="zh-Hans")])
    assert bm25.query_weight("差") == bm25.SINGLE_CHARACTER_WEIGHT and bm25.query_weight("估值") == 1.0
    assert bm25.query_weight("w") == 1.0  # Latin letters are not Chinese morphemes
    hits = cat.lexical_query(["估值", "差"], 2).hits
    assert hits[0][0] == "answer#0"
