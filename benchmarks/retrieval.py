"""Retrieval quality on the golden dev set: hit@1, hit@5 and MRR by question language, per mode.

    python benchmarks/retrieval.py [--golden ../shared/golden/dev.jsonl] [--corpus ../shared/corpus]
        [--sizes 300/60,500/100,750/150] [--modes hybrid,dense,lexical]

Each chunk size gets a fresh temporary store (vectors are cached per text, so re-runs are cheap).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# benchmarks/ingest.py would shadow the `ingest` package: the repository goes first on the path.
sys.path.insert(0, str(ROOT))

from caiwen.config import Settings
from caiwen.wiring import open_knowledge_base, run_ingest
from knowledge_base.base import KnowledgeBase



def evaluate(kb: KnowledgeBase, items: list[dict], mode: str, k: int = 5) -> dict[str, dict[str, float]]:
    per_lang: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for item in items:
        hits = kb.search(item["question"], k=k, mode=mode)
        docs = [h.chunk.doc_id for h in hits]
        expected = set(item["expected_sources"])
        rank = next((i + 1 for i, d in enumerate(docs) if d in expected), None)
        for key in (item["lang"], "all"):
            per_lang[key].append((rank or 0, 1.0 / rank if rank else 0.0))
    table = {}
    for lang, rows in sorted(per_lang.items()):
        n = len(rows)
        table[lang] = {
            "n": n,
            "hit@1": sum(1 for r, _ in rows if r == 1) / n,
            "hit@5": sum(1 for r, _ in rows if r) / n,
            "mrr": sum(m for _, m in rows) / n,
        }
    return table


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--golden", default=str(ROOT.parent / "shared/golden/dev.jsonl"))
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared/corpus"))
    parser.add_argument("--sizes", default="300/60")
    parser.add_argument("--modes", default="hybrid,dense,lexical")
    args = parser.parse_args()
    items = [json.loads(line) for line in open(args.golden, encoding="utf-8") if line.strip()]
    items = [i for i in items if i["expected_sources"]]
    cache_dir = Path(tempfile.mkdtemp(prefix="caiwen-bench-"))
    for spec in args.sizes.split(","):
        size, overlap = (int(x) for x in spec.split("/"))
        settings = Settings(data_dir=cache_dir / f"{size}_{overlap}", chunk_size=size, chunk_overlap=overlap)
        summary = run_ingest([Path(args.corpus)], settings)
        kb = open_knowledge_base(settings)
        print(f"\nchunk size {size} / overlap {overlap}: {kb.catalog.chunk_count()} chunks, ingest {summary.seconds:.1f} s")
        for mode in args.modes.split(","):
            table = evaluate(kb, items, mode)
            print(f"  {mode:8s} " + "  ".join(
                f"{lang}: hit@1 {t['hit@1']:.2f} hit@5 {t['hit@5']:.2f} mrr {t['mrr']:.2f} (n={t['n']})"
                for lang, t in table.items()
            ))


if __name__ == "__main__":
    main()
