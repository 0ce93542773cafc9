"""A figure asked for in the words of a definition: the sources' own definitions bridge to the term they
define, and the table row that states the term's value joins the hits.

「借的钱占总资产的比例有多高?」 shares no word with the row 「资产负债比率 | 27.4%」, but the article's sentence
「资产负债比率指借贷总额占资产总值的百分比」 shares the question's words and names the row's label. The
bridge is taken only for a how-much question, only where the defined term is the label of a table row of
the same document that states a figure, and only when the question does not already name the term.
Defining verbs live in `assistant/data/definition_verbs.tsv`.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from assistant.answer_types import asks_how_much
from assistant.tables import row_cells
from knowledge_base.records import ChunkRecord, SearchHit
from knowledge_base.scripts import normalize_for_index
from knowledge_base.vocabulary_files import read_patterns

_ANSWER_PREFIX = re.compile(r"^\s*(答|a)\s*[:：]\s*", re.I)
_FIGURE = re.compile(r"\d")
_HAN = re.compile(r"[\u3400-\u9fff]")
MAX_ROWS = 2  # rows added per question: a bridge names one or two things, not a table


@dataclass(frozen=True)
class DefinedTerm:
    term: str  # the row label, normalized as the index reads it (资产负债比率, effective duration)
    chunk: ChunkRecord  # the chunk holding the row that states its value


@lru_cache(maxsize=1)
def _verbs() -> dict[str, re.Pattern[str]]:
    by_lang: dict[str, list[str]] = {}
    for lang, pattern in read_patterns("assistant.data", "definition_verbs.tsv", ("zh", "en")):
        by_lang.setdefault(lang, []).append(pattern.pattern)
    return {lang: re.compile("|".join(f"(?:{p})" for p in patterns), re.I) for lang, patterns in by_lang.items()}


def row_label(row: str) -> str:
    """The first cell of a markdown table row, normalized and lower-cased."""
    return normalize_for_index(row_cells(row)[0]).lower()


def _labelled_rows(chunks: Sequence[ChunkRecord]) -> dict[str, ChunkRecord]:
    """Row label → the chunk of the row, for rows that state a figure in a cell other than the label."""
    out: dict[str, ChunkRecord] = {}
    for chunk in chunks:
        for u in chunk.units:
            if u.kind != "table_row" or not u.header:
                continue
            first, *rest = row_cells(chunk.text[u.start:u.end])
            label = normalize_for_index(first).lower()
            if len(label) >= 2 and not _FIGURE.search(label) and any(_FIGURE.search(c) for c in rest):
                out.setdefault(label, chunk)
    return out


_TERM = {"zh": re.compile(r"[^\s,，。:：;；(（「]{2,15}?"), "en": re.compile(r"[a-z][a-z0-9 '\-]{1,50}")}


def _opening(sentence: str) -> tuple[str, str]:
    """The normalized, lower-case sentence less an FAQ answer's 「答:」 and a leading "the", and its language."""
    text = _ANSWER_PREFIX.sub("", normalize_for_index(sentence).lower()).removeprefix("the ")
    return text, "zh" if _HAN.match(text) else "en"


def _verb_at(text: str, lang: str, end: int) -> bool:
    return _verbs()[lang].match(text, end) is not None


def defined_term(sentence: str) -> str | None:
    """The term a sentence opens by defining (normalized, lower-case): 「周转率指…」 → 周转率."""
    text, lang = _opening(sentence)
    return next((text[:end] for end in range(2, min(len(text), 52))
                 if _TERM[lang].fullmatch(text[:end]) and _verb_at(text, lang, end)), None)


def defined_label(sentence: str, labels: Iterable[str]) -> str | None:
    """The label (normalized, lower-case) that the sentence opens by defining, if any (「出租率指…」, "X is the …")."""
    text, _ = _opening(sentence)
    return next((label for label in labels if text.startswith(label)
                 and _verb_at(text, "zh" if _HAN.match(label) else "en", len(label))), None)


def defined_terms(norm: str, hits: list[SearchHit],
                  chunks_of: Callable[[str], Sequence[ChunkRecord]]) -> list[DefinedTerm]:
    """For a how-much question: the row labels that retrieved sentences define and the question does not name,
    with the chunk stating each one's value (best-ranked definitions first). Whether a definition answers the
    question is the composer's call: it brings the row when it quotes the definition."""
    if not asks_how_much(norm):
        return []
    question = norm.lower()
    out: list[DefinedTerm] = []
    rows_of: dict[str, dict[str, ChunkRecord]] = {}
    for hit in hits:
        doc = hit.chunk.doc_id
        if doc not in rows_of:
            rows_of[doc] = _labelled_rows(chunks_of(doc))
        labels = [label for label in rows_of[doc] if label not in question]
        for u in hit.chunk.units if labels else ():
            if u.kind != "answer":
                continue
            label = defined_label(hit.chunk.text[u.start:u.end], labels)
            if label is not None and all(d.term != label for d in out):
                out.append(DefinedTerm(label, rows_of[doc][label]))
    return out[:MAX_ROWS]


def with_defined_rows(hits: list[SearchHit], terms: list[DefinedTerm]) -> list[SearchHit]:
    for d in terms:
        if all(h.chunk.chunk_id != d.chunk.chunk_id for h in hits):
            hits = [*hits, SearchHit(chunk=d.chunk, score=0.0, rank=len(hits) + 1)]
    return hits
