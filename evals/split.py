"""A fixed split of golden items into a part used for tuning and a part never tuned on.

The split depends only on the item's id (SHA-256, first byte mod 3 == 0 → holdout, about one item in
three), so it is stable across runs, machines and edits to other items, and new items fall on either side
without anyone choosing. Tuning (thresholds, weights, vocabulary) reads `tune` reports only; `holdout`
reports say whether what was tuned holds.
"""
from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TypeVar

SPLITS = ("all", "tune", "holdout")
T = TypeVar("T")


def id_hash_byte(item_id: str) -> int:
    """The first byte of the id's SHA-256: what every fixed split of an evaluation set is decided by."""
    return hashlib.sha256(item_id.encode("utf-8")).digest()[0]


def split_of(item_id: str) -> str:
    """'holdout' or 'tune' for one golden item id."""
    return "holdout" if id_hash_byte(item_id) % 3 == 0 else "tune"


def select_split(items: Sequence[T], split: str) -> list[T]:
    """The items of one split (`all` keeps every item); items need an `id` attribute."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}: use one of {', '.join(SPLITS)}")
    return list(items) if split == "all" else [i for i in items if split_of(i.id) == split]


HEADLINE = ("hit_at_5", "citation_precision", "must_include_recall", "numeric_accuracy", "false_refusal_rate",
            "refusal_accuracy", "advice_disclaimer", "advice_no_call", "latency_p95_ms")


def split_table(report_paths: Sequence[str]) -> str:
    """A Markdown table of the headline metrics per report and split, from existing report.json files
    (no re-run): `python -m evals.split out/eval/report.json ...`."""
    import json
    from pathlib import Path

    from evals.aggregate import summarize
    from evals.scoring import ItemResult

    rows = ["| report | split | items | " + " | ".join(HEADLINE) + " |",
            "|---|---|---:|" + "---:|" * len(HEADLINE)]
    for path in report_paths:
        file = Path(path)
        file = file / "report.json" if file.is_dir() else file
        results = [ItemResult(**item) for item in json.loads(file.read_text(encoding="utf-8"))["items"]]
        for split in SPLITS:
            members = select_split(results, split)
            if not members:
                continue
            summary = summarize(members)
            cells = []
            for name in HEADLINE:
                value = summary.metrics.get(name)
                cells.append("–" if value is None else (f"{value:.0f}" if name.endswith("_ms") else
                                                         f"{value:.3f} ({summary.n.get(name, 0)})"))
            rows.append(f"| {file.parent.name} | {split} | {len(members)} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


if __name__ == "__main__":
    import sys

    print(split_table(sys.argv[1:]))
