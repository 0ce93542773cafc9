"""A question asking what changed between a notice's old and new terms (「调整前后…各有什么不同？」, 「新制跟原制差在哪？」,
"What changed … compared with before?") is answered by the rows of its table that sets the new terms beside the old
ones (「项目 | 新规则（4月11日起） | 原规则」, "Item | From Monday 16 May 2033 | Up to Friday 13 May 2033"): the rows
naming what the question lists, else every row."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from assistant.composers.extractive_candidates import Candidate
from knowledge_base.scripts import has_cjk, normalize_for_index
from knowledge_base.vocabulary_files import read_patterns

MAX_ROWS = 8  # a change table's rows quoted for a question that names none of them
MAX_EVERY_ROW = 16  # a change table's rows quoted for a question that also asks what stays the same
_KINDS = ("asks", "unchanged", "new_cell", "old_cell", "word")


@dataclass(frozen=True)
class ChangeVocabulary:
    """assistant/data/change_words.tsv, loaded once."""
    asks: tuple[re.Pattern[str], ...]
    unchanged: tuple[re.Pattern[str], ...]
    new_cell: tuple[re.Pattern[str], ...]
    old_cell: tuple[re.Pattern[str], ...]
    words: frozenset[str]


@lru_cache(maxsize=1)
def change_vocabulary() -> ChangeVocabulary:
    rows = read_patterns("assistant.data", "change_words.tsv", _KINDS)

    def of(kind: str) -> tuple[re.Pattern[str], ...]:
        return tuple(p for k, p in rows if k == kind)
    return ChangeVocabulary(asks=of("asks"), unchanged=of("unchanged"), new_cell=of("new_cell"), old_cell=of("old_cell"),
                            words=frozenset(p.pattern for p in of("word")))


def _matches(patterns: tuple[re.Pattern[str], ...], text: str) -> bool:
    return any(p.search(text) for p in patterns)


def change_words() -> frozenset[str]:
    """Words a question of what changed uses to name the change itself (新旧, 调整, "before"), not a thing it lists."""
    return change_vocabulary().words


def asks_change(norm_question: str) -> bool:
    return _matches(change_vocabulary().asks, normalize_for_index(norm_question).lower())


def asks_unchanged(norm_question: str) -> bool:
    """The question also asks which terms stay the same: only the whole table tells."""
    return _matches(change_vocabulary().unchanged, normalize_for_index(norm_question).lower())


def sets_old_beside_new(header: str) -> bool:
    """A table header with a column of new terms and another of the old ones."""
    cells = [normalize_for_index(c).lower() for c in re.split(r"[|｜]", header.split("\n")[-1]) if c.strip()]
    vocabulary = change_vocabulary()
    new = {i for i, c in enumerate(cells) if _matches(vocabulary.new_cell, c) and not _matches(vocabulary.old_cell, c)}
    old = {i for i, c in enumerate(cells) if _matches(vocabulary.old_cell, c)}
    return bool(new) and bool(old - new)


def change_rows(candidates: list[Candidate], listed_words: set[str], on_named_page: Callable[[Candidate], bool],
                every: bool = False) -> list[Candidate]:
    """The rows of the tables setting old terms beside new that answer a question of what changed: where the question
    lists the things it asks (`listed_words`: their words, empty where it lists none), the rows whose own cells hold
    one; else all of them (at most MAX_ROWS); `every`, where it also asks what stays the same: all of them (at most
    MAX_EVERY_ROW). In source order, each once however many chunks repeat it."""
    rows: dict[tuple[int, str], Candidate] = {}
    for c in candidates:
        if c.kind == "table_row" and c.header and sets_old_beside_new(c.header) and on_named_page(c):
            rows.setdefault((c.doc_start, c.text), c)
    if not rows:
        return []
    chinese = {w for w in listed_words if len(w) >= 2 and has_cjk(w)}

    def names_one(c: Candidate) -> bool:
        # a Chinese word the segmenter cut otherwise in the row (费率 in 「每期手续费率」), or in the heading over the
        # table (年化利率 above rows labelled 「24期」), names it too
        if listed_words & c.tokens:
            return True
        text = normalize_for_index(f"{c.text}\n{c.header.rpartition(chr(10))[0]}")
        return any(w in text for w in chinese)
    if every:
        return sorted(list(rows.values())[:MAX_EVERY_ROW], key=lambda c: (c.n, c.position))
    named = [c for c in rows.values() if names_one(c)]
    chosen = named or list(rows.values())[:MAX_ROWS]
    return sorted(chosen, key=lambda c: (c.n, c.position))
