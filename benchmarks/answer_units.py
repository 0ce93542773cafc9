"""What classifying answer units adds to ingest: milliseconds per document and per 1,000 characters for the
shared corpora (reading and cleaning excluded; the same work `prepare_document` adds per document).

    python benchmarks/answer_units.py [CORPUS_DIR ...]     # default ../shared/corpus ../shared/corpus2
"""
from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.answer_units import classify_text  # noqa: E402
from ingest.cleaning import clean_text  # noqa: E402
from ingest.loaders import load_file  # noqa: E402


def main() -> None:
    corpora = [Path(p) for p in sys.argv[1:]] or [ROOT.parent / "shared" / "corpus", ROOT.parent / "shared" / "corpus2"]
    texts = [clean_text(load_file(f, 10_000_000).text) for c in corpora for f in sorted(c.iterdir()) if f.is_file()]
    classify_text(texts[0])  # pattern files and regexes load once per process
    kinds: Counter[str] = Counter()
    rounds = 5
    started = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            units = classify_text(text)
    elapsed = (time.perf_counter() - started) / rounds
    for text in texts:
        kinds.update(u.kind for u in classify_text(text))
    chars = sum(len(t) for t in texts)
    print(f"{len(texts)} documents, {chars:,} characters, {sum(kinds.values())} units: {dict(kinds)}")
    print(f"classification: {1000 * elapsed:.1f} ms in all, {1000 * elapsed / len(texts):.2f} ms a document, "
          f"{1000 * elapsed / chars * 1000:.2f} ms per 1,000 characters")


if __name__ == "__main__":
    main()
