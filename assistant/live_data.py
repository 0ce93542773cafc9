"""Does a question need live market data? (`assistant/data/live_data_terms.tsv`)

With no market data loaded, the figures tool's "no data" line is only worth showing to a question that asks
for today's figures; a question the articles answer (a comparison, a record they state) gets the articles.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _patterns() -> dict[str, tuple[re.Pattern[str], ...]]:
    text = resources.files("assistant.data").joinpath("live_data_terms.tsv").read_text(encoding="utf-8")
    out: dict[str, list[re.Pattern[str]]] = {"now": [], "figure": []}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, _, pattern = line.partition("\t")
        if kind not in out:
            raise ValueError(f"live_data_terms.tsv line {number}: unknown kind {kind!r} (now | figure)")
        try:
            out[kind].append(re.compile(pattern.strip(), re.I))
        except re.error as exc:
            raise ValueError(f"live_data_terms.tsv line {number}: {exc}") from exc
    return {k: tuple(v) for k, v in out.items()}


def needs_live_data(norm_question: str) -> bool:
    """A market figure of now: 「今日收市幾多點」 yes; 「而家成分股有幾多隻」 and 「股價50元…」 no."""
    text = norm_question.lower()
    patterns = _patterns()
    return any(p.search(text) for p in patterns["now"]) and any(p.search(text) for p in patterns["figure"])
