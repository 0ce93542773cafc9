"""Does a question need live market data? (`assistant/data/live_data_terms.tsv`)

With no market data loaded, the figures tool's "no data" line is only worth showing to a question that asks
for today's figures; a question the articles answer (a comparison, a record they state) gets the articles.
"""
from __future__ import annotations

import re
from functools import lru_cache

from knowledge_base.vocabulary_files import read_patterns


@lru_cache(maxsize=1)
def _patterns() -> dict[str, tuple[re.Pattern[str], ...]]:
    rows = read_patterns("assistant.data", "live_data_terms.tsv", ("now", "figure"))
    return {kind: tuple(p for k, p in rows if k == kind) for kind in ("now", "figure")}


def needs_live_data(norm_question: str) -> bool:
    """A market figure of now: 「今日收市幾多點」 yes; 「而家成分股有幾多隻」 and 「股價50元…」 no."""
    text = norm_question.lower()
    patterns = _patterns()
    return any(p.search(text) for p in patterns["now"]) and any(p.search(text) for p in patterns["figure"])
