"""The kind of answer a question asks for (a date, a number, a name, a rank) and whether a unit has one.

Question words live in `assistant/data/answer_types.tsv` so a deployment can extend them. Used by the
offline composer to prefer units that can answer (a date for "when", a figure for "how much") and by the
chain to find a table's extreme row for rank questions.
"""
from __future__ import annotations

import re
from functools import lru_cache

from knowledge_base.lexical_tokens import cantonese_to_mandarin
from knowledge_base.vocabulary_files import read_patterns

ANSWER_TYPES = ("rank_max", "rank_min", "date", "number", "name")

_DATE = re.compile(r"\d{4}\s*年|\d{1,2}\s*月\s*\d{0,2}|[一二三四五六七八九十]{1,3}月|\d{4}-\d{2}|\b(19|20)\d{2}\b|"
                   r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d", re.I)
_NUMBER = re.compile(r"\d|[一二两三四五六七八九十百千万亿]+(倍|成|个|只|家|年|%|‰|天|日|周|季|个?月)|百分之|六成|半")
_NAME = re.compile(r"[A-Z][A-Za-z&.\-]+|「[^」]{2,20}」|（[A-Z]{1,6}）|\([A-Z]{1,6}\)|[\u4e00-\u9fff]{2,8}(公司|集团|银行|证券|指数|交易所|基金)")


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return read_patterns("assistant.data", "answer_types.tsv", ANSWER_TYPES)


def answer_type(norm_question: str) -> str | None:
    """rank_max | rank_min | date | number | name, or None for how/why/what-is questions."""
    text = cantonese_to_mandarin(norm_question.lower())
    return next((kind for kind, pattern in _patterns() if pattern.search(text)), None)


_ORDINAL = re.compile(r"(?:第|倒数第)\s*([二三四五2-5])(?=大|高|多|贵|名|位|小|低|少|便宜|细)|排名?第?\s*([二三四五2-5])(?![\d.%期])"
                      r"|\b(second|third|fourth|fifth|2nd|3rd|4th|5th)[- ](?=largest|biggest|highest|most|heaviest|smallest|lowest|least|fewest|cheapest)")
_POSITION = {"二": 2, "三": 3, "四": 4, "五": 5, "2": 2, "3": 3, "4": 4, "5": 5, "second": 2, "third": 3,
             "fourth": 4, "fifth": 5, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5}


def rank_position(norm_question: str) -> int:
    """Which place a rank question asks for: 2 for 第二大 / 排第二 / second-largest, else 1 (the extreme)."""
    m = _ORDINAL.search(cantonese_to_mandarin(norm_question.lower()))
    return _POSITION[next(g for g in m.groups() if g)] if m else 1


def satisfies(kind: str | None, text: str) -> bool | None:
    """Whether a unit's text holds the kind of answer asked for (None: the question asks for no type)."""
    if kind is None:
        return None
    if kind == "date":
        return bool(_DATE.search(text))
    if kind in ("number", "rank_max", "rank_min"):
        return bool(_NUMBER.search(text))
    return bool(_NAME.search(text))
