"""Chinese abbreviations (缩略语): 證交稅 for 證券交易稅, 證所稅 for 證券所得稅, 美聯儲 for 美國聯邦儲備. A question term
abbreviates a span of a text when the span starts with the term's first character, ends with its last, holds
the rest in order, and is at most twice as long. Both sides are t2s-normalized."""
from __future__ import annotations

import re
from functools import lru_cache

_CJK_TERM = re.compile(r"^[\u4e00-\u9fff]{3,4}$")  # two-character words abbreviate too much by chance


@lru_cache(maxsize=2048)
def _pattern(term: str) -> re.Pattern[str]:
    gap = r"[\u4e00-\u9fff]{0,2}"
    return re.compile(gap.join(re.escape(ch) for ch in term))


def expanded_in(term: str, text: str) -> bool:
    """Whether `text` writes out the Chinese abbreviation `term` (but not `term` itself)."""
    if not _CJK_TERM.match(term):
        return False
    for m in _pattern(term).finditer(text):
        if len(term) < len(m.group(0)) <= 2 * len(term):
            return True
    return False
