"""Ablation of the answer mechanisms of issue 9 on ingested knowledge bases: each variant switches one
mechanism off (in process, by replacing one function) and scores the golden items with the eval metrics.

    python benchmarks/ablation.py --golden ../shared/golden/dev.jsonl --data-dir DIR [--golden G2 --data-dir D2 ...]
                                  [--meaning-weight W] [--variant NAME ...] [--split all]

DIR holds the golden file's corpus, ingested (`CAIWEN_DATA_DIR=DIR caiwen ingest CORPUS`). Printed per set
and split (evals/split.py): must_include recall, numeric accuracy, citation precision, false refusals,
out-of-scope refusals, hit@5 per language. `--meaning-weight` turns on selection by meaning (the data dir must
have been ingested with unit vectors, CAIWEN_UNIT_VECTORS=true); the `selection:` variants then compare shared
words only, meaning only and both.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import assistant.answer_assembly as answer_assembly  # noqa: E402
import assistant.chain as chain  # noqa: E402
import assistant.composers.extractive as extractive  # noqa: E402
from assistant.chain import Assistant  # noqa: E402
from caiwen.wiring import build_assistant  # noqa: E402
from caiwen.config import Settings  # noqa: E402
from evals.aggregate import summarize  # noqa: E402
from evals.golden import load_golden  # noqa: E402
from evals.runner import run_items  # noqa: E402
from evals.split import select_split  # noqa: E402

METRICS = ("must_include_recall", "numeric_accuracy", "citation_precision", "false_refusal_rate", "refusal_accuracy")
LANGS = ("zh-Hant", "zh-Hans", "en")


@contextmanager
def patched(target, name: str, value) -> Iterator[None]:
    old = vars(target)[name] if isinstance(target, type) else getattr(target, name)  # keeps staticmethod wrappers
    setattr(target, name, value)
    try:
        yield
    finally:
        setattr(target, name, old)


def _no_live_data() -> ExitStack:
    """The live-data refusal is read where a question is prepared and where its answer is assembled."""
    stack = ExitStack()
    for module in (chain, answer_assembly):
        stack.enter_context(patched(module, "needs_live_data", lambda norm: False))
    return stack


def _legacy(self, inp):
    return [c for n, hit in enumerate(inp.contexts, start=1) for c in self._legacy_candidates(n, hit.chunk.text)]


VARIANTS: dict[str, Callable[[], object]] = {
    "full": lambda: patched(extractive, "CUTOFF", extractive.CUTOFF),
    "- answer units (sentences by shape)": lambda: patched(extractive.ExtractiveComposer, "candidates", _legacy),
    "- answer type": lambda: patched(extractive, "answer_type", lambda q: None),
    "- table lookup in the chain": lambda: patched(Assistant, "_with_table_rows", lambda self, norm, hits, chunks_of: hits),
    "- arithmetic": lambda: patched(extractive.ExtractiveComposer, "arithmetic", staticmethod(lambda inp, chosen: None)),
    "- live-data refusal": _no_live_data,
}
# Selection by meaning (issue 9): patched on the assistant's composer, built with --meaning-weight.
SELECTION: dict[str, Callable[[Assistant], object]] = {
    "selection: shared words only": lambda a: patched(a.composer, "meaning_weight", 0.0),
    "selection: meaning only": lambda a: patched(a.composer, "lexical_weight", 0.0),
    "selection: combined": lambda a: patched(a.composer, "lexical_weight", a.composer.lexical_weight),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--golden", action="append", required=True)
    parser.add_argument("--data-dir", action="append", required=True)
    parser.add_argument("--meaning-weight", type=float, default=None, help="Selection by meaning (default: settings).")
    parser.add_argument("--variant", action="append", help="Only these variants (default: all).")
    parser.add_argument("--split", action="append", help="Only these splits (default: all, tune, holdout).")
    args = parser.parse_args()
    print("| set | split | variant | " + " | ".join(METRICS) + " | " + " | ".join(f"hit@5 {lang}" for lang in LANGS) + " |")
    print("|---|---|---|" + "---:|" * (len(METRICS) + len(LANGS)))
    for golden, data_dir in zip(args.golden, args.data_dir):
        items = load_golden(Path(golden))
        overrides = {} if args.meaning_weight is None else {"meaning_weight": args.meaning_weight}
        assistant = build_assistant(Settings(data_dir=Path(data_dir), composer="extractive", llm_base_url=None,
                                                     **overrides))
        switches: dict[str, Callable[[], object]] = dict(VARIANTS)
        if assistant.options.meaning_weight > 0:
            switches.update({name: (lambda make=make: make(assistant)) for name, make in SELECTION.items()})
        for variant, switch in switches.items():
            if args.variant and variant not in args.variant:
                continue
            with switch():
                results = run_items(assistant, items, progress=False)
            splits = args.split or (("all", "tune", "holdout") if "extra" not in golden else ("all",))
            for split in splits:
                chosen = select_split(results, split)
                summary = summarize(chosen)
                cells = [f"{summary.metrics[m]:.3f}" if summary.metrics.get(m) is not None else "–" for m in METRICS]
                for lang in LANGS:
                    hit = summarize([r for r in chosen if r.lang == lang]).metrics.get("hit_at_5")
                    cells.append(f"{hit:.3f}" if hit is not None else "–")
                print(f"| {Path(golden).stem} | {split} | {variant} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
