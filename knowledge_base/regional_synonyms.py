"""Regional words for one thing as one index word: Taiwan writes 殖利率 and 本益比 where Hong Kong and the
mainland write 股息率 and 市盈率, the way OpenCC makes 羅素 and 罗素 one word. The pairs are the rows of the
regional glossary that answers are rendered with (knowledge_base/data/regional_glossary.tsv), read here as
groups of synonyms; every member but one maps to that one, the mainland form where a row names it.

    regional_synonyms()["殖利率"] -> "股息率"
"""
from __future__ import annotations

import re
from functools import lru_cache

from knowledge_base.scripts import normalize_for_index
from knowledge_base.vocabulary_files import read_rows

_CJK = re.compile(r"[\u4e00-\u9fff]")


def synonym_groups(rows: list[list[str]]) -> dict[str, str]:
    """word -> canonical word, from (region, OpenCC output, regional term) rows; Chinese words only (ETF is
    one word in every script already)."""
    parent: dict[str, str] = {}

    def root(w: str) -> str:
        while parent.setdefault(w, w) != w:
            w = parent[w]
        return w

    mainland: list[str] = []  # a CN row's target
    opencc_output: list[str] = []  # a Taiwan or Hong Kong row's source, mostly the mainland word in Traditional
    for region, source, target in rows:
        a, b = normalize_for_index(source).lower(), normalize_for_index(target).lower()
        if not (_CJK.search(a) and _CJK.search(b)) or a == b:
            continue
        parent[root(a)] = root(b)
        (mainland if region == "CN" else opencc_output).append(b if region == "CN" else a)
    canonical: dict[str, str] = {}
    for word in [*mainland, *opencc_output, *sorted(parent)]:
        canonical.setdefault(root(word), word)
    return {w: canonical[root(w)] for w in parent if canonical[root(w)] != w}


@lru_cache(maxsize=1)
def regional_synonyms() -> dict[str, str]:
    """The index's regional synonyms (word -> canonical word), loaded once."""
    return synonym_groups(read_rows("knowledge_base.data", "regional_glossary.tsv", 3))
