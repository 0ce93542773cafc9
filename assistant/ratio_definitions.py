"""Ratios a question names by their definition's name (an EBIT margin, a payout ratio) and the labels of their
two terms, read once from `assistant/data/ratio_definitions.tsv` so a deployment extends them for its documents."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from knowledge_base.lexical_tokens import STOPWORDS, cantonese_to_mandarin, tokenize
from knowledge_base.scripts import normalize_for_index
from knowledge_base.vocabulary_files import read_rows


@dataclass(frozen=True)
class RatioDefinition:
    name: re.Pattern[str]
    numerator: re.Pattern[str]
    denominator: re.Pattern[str]
    search_terms: tuple[str, ...]  # what retrieval looks for the terms by, the ratio's name being in no source


@lru_cache(maxsize=1)
def ratio_definitions() -> tuple[RatioDefinition, ...]:
    return tuple(RatioDefinition(*(re.compile(p, re.I) for p in row[:3]), tuple(t.strip() for t in row[3].split(";")))
                 for row in read_rows("assistant.data", "ratio_definitions.tsv", 4))


def label_form(text: str) -> str:
    """A question or a label as the definitions' patterns read it: simplified, lower-cased."""
    return cantonese_to_mandarin(normalize_for_index(text).lower())


def asked_ratio(norm_question: str) -> RatioDefinition | None:
    """The first ratio whose name the question writes."""
    text = label_form(norm_question)
    return next((d for d in ratio_definitions() if d.name.search(text)), None)


def ratio_terms(norm_question: str) -> list[str]:
    """The index words of the asked ratio's two terms, for retrieval."""
    definition = asked_ratio(norm_question)
    words = [w.lower() for t in definition.search_terms for w in tokenize(t)] if definition else []
    return [w for w in dict.fromkeys(words) if w not in STOPWORDS]
