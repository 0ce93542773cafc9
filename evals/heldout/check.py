"""Consistency check for the held-out golden set (run from the repository root):

    python evals/heldout/check.py [--golden evals/heldout/heldout.jsonl] [--corpus evals/heldout/corpus]

Checks, per item: every expected source exists in the corpus; `evidence` is a verbatim substring of one
of the expected sources; every `must_include` key occurs in an expected source once both are put in the
form the scorer compares (OpenCC t2s, width and case folding, thousands separators and whitespace
dropped); out_of_scope items carry no sources and no evidence. Prints counts by language and kind.
Exit status 1 when any check fails. It reads data only; it does not run the assistant.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import opencc

HERE = Path(__file__).resolve().parent
_T2S = opencc.OpenCC("t2s")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def canonical(text: str) -> str:
    text = _THOUSANDS.sub("", unicodedata.normalize("NFKC", text))
    return re.sub(r"\s+", "", _T2S.convert(text)).casefold()


def check(golden: Path, corpus: Path) -> list[str]:
    problems: list[str] = []
    texts = {p.name: p.read_text(encoding="utf-8") for p in corpus.iterdir() if p.is_file()}
    items = [json.loads(line) for line in golden.read_text(encoding="utf-8").splitlines() if line.strip()]
    for it in items:
        iid = it["id"]
        sources = it.get("expected_sources", [])
        if it["kind"] == "out_of_scope":
            if sources or it.get("evidence") or it.get("must_include") or it.get("numbers"):
                problems.append(f"{iid}: out_of_scope item carries sources, evidence, keys or numbers")
            continue
        missing = [s for s in sources if s not in texts]
        if missing or not sources:
            problems.append(f"{iid}: expected sources not in corpus: {missing or 'none given'}")
            continue
        evidence = it.get("evidence", "")
        if not evidence or not any(evidence in texts[s] for s in sources):
            problems.append(f"{iid}: evidence is not a verbatim substring of {sources}: {evidence!r}")
        haystack = "".join(canonical(texts[s]) for s in sources)
        for key in it.get("must_include", []):
            if canonical(key) not in haystack:
                problems.append(f"{iid}: must_include {key!r} not found in {sources}")
    by_lang = Counter(it["lang"] for it in items)
    by_kind = Counter(it["kind"] for it in items)
    by_pair = Counter((it["lang"], it["kind"]) for it in items)
    print(f"{len(items)} items")
    print("by lang:", dict(sorted(by_lang.items())))
    print("by kind:", dict(sorted(by_kind.items())))
    for lang in sorted(by_lang):
        print(f"  {lang}:", {k: n for (lg, k), n in sorted(by_pair.items()) if lg == lang})
    used = Counter(s for it in items for s in it.get("expected_sources", []))
    print("items per source:", {name: used.get(name, 0) for name in sorted(texts)})
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--golden", type=Path, default=HERE / "heldout.jsonl")
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus")
    args = parser.parse_args()
    problems = check(args.golden, args.corpus)
    for p in problems:
        print("PROBLEM", p)
    print("ok" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
