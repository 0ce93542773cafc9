"""How well the advice detector tells requests for a call from fact questions, on wording its author did not see
(evals/advice_wording/questions.tsv; how it was written: evals/advice_wording/README.md).

    python benchmarks/advice_wording.py [--tsv PATH] [--data-dir DIR]

Each question goes through what the chain does before it asks `is_advice_request`: surrounding whitespace
dropped, `normalize_query` (OpenCC t2s + width folding) and, with --data-dir (an ingested knowledge base), the
Chinese words its documents gloss the question's English words with (「重組(Reconstitution)」), appended as the
chain appends them. Without --data-dir the figures are for the question alone. Prints precision, recall and accuracy (positive class `advice`, and the same for `fact`) per
split and per language, and the misclassified rows of the dev split. Heldout rows are never printed.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.advice import is_advice_request  # noqa: E402
from assistant.language import normalize_query  # noqa: E402
from evals.advice_set import DEFAULT_PATH, LANGS, SPLITS, AdviceSetError, WordingItem, load_items  # noqa: E402


@dataclass(frozen=True)
class Scored:
    item: WordingItem
    predicted: str


Glosser = Callable[[str], list[str]]


def classify(question: str, glossed_terms: Glosser | None = None) -> str:
    norm = normalize_query(question.strip())
    glossed = glossed_terms(norm) if glossed_terms else []
    if glossed:
        norm = f"{norm} {' '.join(glossed)}"
    return "advice" if is_advice_request(norm) else "fact"


def _glosser(data_dir: Path) -> Glosser:
    from caiwen.config import Settings
    from caiwen.wiring import open_knowledge_base

    return open_knowledge_base(Settings(data_dir=data_dir)).glossed_terms


def _ratio(num: int, den: int) -> str:
    return f"{num / den:.3f}" if den else "  –  "


def row(name: str, scored: Sequence[Scored]) -> str:
    def counts(positive: str) -> tuple[int, int, int]:
        tp = sum(1 for s in scored if s.item.label == positive and s.predicted == positive)
        fp = sum(1 for s in scored if s.item.label != positive and s.predicted == positive)
        fn = sum(1 for s in scored if s.item.label == positive and s.predicted != positive)
        return tp, fp, fn

    cells = [name, str(len(scored)), str(sum(1 for s in scored if s.item.label == "advice"))]
    for positive in ("advice", "fact"):
        tp, fp, fn = counts(positive)
        cells += [_ratio(tp, tp + fp), _ratio(tp, tp + fn)]
    cells.append(_ratio(sum(1 for s in scored if s.item.label == s.predicted), len(scored)))
    return "| " + " | ".join(cells) + " |"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tsv", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--data-dir", type=Path, help="an ingested knowledge base whose glosses join English questions")
    args = parser.parse_args(argv)
    try:
        items = load_items(args.tsv)
    except AdviceSetError as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.data_dir is not None and not args.data_dir.is_dir():
        print(f"--data-dir {args.data_dir}: not a directory", file=sys.stderr)
        return 2
    glossed_terms = _glosser(args.data_dir) if args.data_dir is not None else None
    scored = [Scored(item, classify(item.question, glossed_terms)) for item in items]
    print("| split / lang | n | advice | advice P | advice R | fact P | fact R | accuracy |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for split in SPLITS:
        part = [s for s in scored if s.item.split == split]
        print(row(f"{split} all", part))
        for lang in LANGS:
            print(row(f"{split} {lang}", [s for s in part if s.item.lang == lang]))
    wrong = [s for s in scored if s.item.split == "dev" and s.predicted != s.item.label]
    print(f"\nDev misclassified ({len(wrong)}):")
    for s in wrong:
        kind = "missed advice" if s.item.label == "advice" else "fact flagged as advice"
        print(f"  {s.item.id}\t{s.item.lang}\t{kind}\t{s.item.question}\t({s.item.note})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
