"""Does a question need live market data? (`assistant/data/live_data_terms.tsv`)

With no market data loaded, the figures tool's "no data" line is only worth showing to a question that asks
for today's figures; a question the articles answer (a comparison, a record they state) gets the articles.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], ...]:
    text = resources.files("assistant.data").joinpath("live_data_terms.tsv").read_text(encoding="utf-8")
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        _, _, pattern = line.partition("\t")
        try:
            out.append(re.compile(pattern.strip(), re.I))
        except re.error as exc:
            raise ValueError(f"live_data_terms.tsv line {number}: {exc}") from exc
    return tuple(out)


def needs_live_data(norm_question: str) -> bool:
    text = norm_question.lower()
    return any(p.search(text) for p in _patterns())
