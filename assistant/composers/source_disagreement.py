"""When the sources chosen for an answer disagree: different percentages or review frequencies across
documents, or one figure reported slightly differently by two documents (the answer must say so)."""
from __future__ import annotations

import re

from assistant.composers.extractive_candidates import Candidate
from assistant.number_tokens import numbers_in
from knowledge_base.scripts import normalize_for_index

_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%")
_FREQUENCY = {
    "semiannual": re.compile(r"半年|每年两次|一年两次|每半年"),
    "annual": re.compile(r"一年一审|每年一次|年度重组|一年一次|年度[^半]{0,4}重"),
}


def _figures_of(c: Candidate) -> list:
    return [t for t in numbers_in(normalize_for_index(c.text) if c.kind != "table_row" else c.text)
            if t.percent or t.decimals or t.scale != 1 or t.value >= 100 and not 1800 <= t.value <= 2100]


def close_but_different(chosen: list[Candidate], contexts) -> bool:
    """Two documents each state one figure of the same kind (both percentages, or both plain amounts) that
    differ by less than a tenth: two reports of one fact (38,915 vs 38,957 points), not two different facts."""
    stated: dict[str, list] = {}
    for c in chosen:
        figures = _figures_of(c)
        if len(figures) == 1:
            stated.setdefault(contexts[c.n - 1].chunk.doc_id, []).append(figures[0])
    docs = list(stated.values())  # a document may state several single figures (225 and 38,957: two rows)
    for i, figures_a in enumerate(docs):
        for figures_b in docs[i + 1:]:
            for a in figures_a:
                for b in figures_b:
                    if a.percent == b.percent and a.scaled != b.scaled and \
                            abs(a.scaled - b.scaled) <= max(abs(a.scaled), abs(b.scaled)) / 10:
                        return True
    return False


def disagree(chosen: list[Candidate], contexts) -> bool:
    """Sentences from different documents that state different percentages, or different frequencies
    (annual vs semi-annual), for the same question: the answer must say the sources differ."""
    by_doc: dict[str, list[str]] = {}
    for c in chosen:
        by_doc.setdefault(contexts[c.n - 1].chunk.doc_id, []).append(normalize_for_index(c.text))
    kinds = [{k for k, pattern in _FREQUENCY.items() if pattern.search(normalize_for_index(c.text))} for c in chosen]
    if any(len(a) == 1 and len(b) == 1 and a != b for i, a in enumerate(kinds) for b in kinds[i + 1:]):
        return True
    if len(by_doc) < 2:
        return False
    if close_but_different(chosen, contexts):
        return True
    # Different percentages in two documents are a disagreement only where the two say it of the same thing:
    # their sentences share at least two words (a fee cut in one and a bond's price move in another do not).
    words: dict[str, set[str]] = {}
    for c in chosen:
        words.setdefault(contexts[c.n - 1].chunk.doc_id, set()).update(
            t for t in c.tokens if not any(ch.isdigit() for ch in t))
    docs = list(by_doc)
    percents = {d: {m for t in by_doc[d] for m in _PERCENT.findall(t)} for d in docs}
    for i, a in enumerate(docs):
        for b in docs[i + 1:]:
            if percents[a] and percents[b] and not percents[a] & percents[b] and len(words[a] & words[b]) >= 2:
                return True
    return False
