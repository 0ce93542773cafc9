"""Advice requests: recognised in 繁/简/English, answered informatively with a not-investment-advice line."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from assistant.language import QueryLanguage
from assistant.messages import template
from knowledge_base.vocabulary_files import read_patterns


@lru_cache(maxsize=1)
def _advice_forms() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Wordings of a request for a call (assistant/data/advice_requests.tsv)."""
    return read_patterns("assistant.data", "advice_requests.tsv")


def is_advice_request(norm_question: str) -> bool:
    """Matched on the t2s-normalized, lower-cased question."""
    text = norm_question.lower()
    return any(pattern.search(text) for _, pattern in _advice_forms())


def disclaimer_for(language: QueryLanguage) -> str:
    return template("advice.disclaimer", language)


@lru_cache(maxsize=1)
def advice_topics() -> frozenset[str]:
    """Index words of what an advice answer shows instead of a call (assistant/data/advice_topics.txt)."""
    text = resources.files("assistant.data").joinpath("advice_topics.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))
