"""Does a question need live market data? (`assistant/data/live_data_terms.tsv`)

With no market data loaded, the figures tool's "no data" line is only worth showing to a question that asks
for today's figures; a question the articles answer (a comparison, a record they state) gets the articles.
"""
from __future__ import annotations

import re
from functools import lru_cache

from knowledge_base.vocabulary_files import read_patterns


_HAS_NUMBER = re.compile(r"\d")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, tuple[re.Pattern[str], ...]]:
    kinds = ("now", "quote", "set", "dated", "move", "reported", "published", "hypothetical")
    rows = read_patterns("assistant.data", "live_data_terms.tsv", kinds)
    return {kind: tuple(p for k, p in rows if k == kind) for kind in kinds}


def needs_live_data(norm_question: str) -> bool:
    """A market quote of now: 「今日收市幾多點」 and 「今年以來升咗幾多」 yes; 「而家成分股有幾多隻」, 「股價50元…」,
    「目前的到期殖利率」 (a figure funds publish with a date), 「如果3年前投了1万美元，现在值多少」 (the asker's
    figures) and 「而家全年派息同2022年比跌咗幾多」 (a reported figure's move) no."""
    text = norm_question.lower()
    for pattern in (*_patterns()["set"], *_patterns()["dated"]):
        text = pattern.sub(" ", text)  # 「当前转股价」: a price the terms set; 「收盘前」: a time of day, not a quote
    if _HAS_NUMBER.search(text) and any(p.search(text) for p in _patterns()["hypothetical"]):
        return False  # 「如果3年前投了1万美元，现在值多少」: the asker's figures, worked through the stated return
    if _of_now(text, "quote"):
        return True
    return _of_now(text, "move") and not any(p.search(text) for p in _patterns()["reported"])


def asks_current_published_figure(norm_question: str) -> bool:
    """A published figure of now (「0050現在的殖利率」, "HLIC's current yield"): answered only from a passage
    that states it for the thing asked about."""
    return _of_now(norm_question, "published")


def says_now(norm_question: str) -> bool:
    """The question holds a word of now (而家, 目前, "current")."""
    return any(p.search(norm_question.lower()) for p in _patterns()["now"])


def _of_now(norm_question: str, kind: str) -> bool:
    """The question holds a word of now and a word of `kind` (quote, published)."""
    return says_now(norm_question) and any(p.search(norm_question.lower()) for p in _patterns()[kind])
