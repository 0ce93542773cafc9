"""A question asking what changed between a notice's old and new terms (「调整前后…各有什么不同？」, 「新制跟原制差在哪？」,
"What changed … compared with before?") is answered by the rows of its table that sets the new terms beside the old
ones (「项目 | 新规则（4月11日起） | 原规则」, "Item | From Monday 16 May 2033 | Up to Friday 13 May 2033"): the rows
naming what the question lists, else every row."""
from __future__ import annotations

import re
from collections.abc import Callable

from assistant.composers.extractive_candidates import Candidate
from knowledge_base.scripts import normalize_for_index

MAX_ROWS = 8  # a change table's rows quoted for a question that names none of them

# matched on the question in index form (t2s), lower case
_ASKS_CHANGE = re.compile(
    r"新旧|前后|新制|原制|新规|旧规|调整前|调整后|改动|变动|"
    r"\bwhat(?:'s| has| exactly| else)? changed?\b|\bchanged?\b[^?]{0,80}\b(?:before|previous(?:ly)?|old|current(?:ly)?)\b|"
    r"\bcompared? (?:with|to) (?:before|the old|the current|the previous)\b|\bold and new\b|\bnew and old\b|"
    r"\bnew (?:terms|rules|fees|charges|limits)\b[^?]{0,60}\b(?:old|current|previous)\b", re.I)
# a header cell of the new terms and one of the old (or current) ones
_NEW_CELL = re.compile(r"新|起|调整后|\bfrom\b|\bnew\b|\bafter\b|\brevised\b|\bwith effect\b", re.I)
_OLD_CELL = re.compile(r"原|旧|现行|调整前|\bup to\b|\buntil\b|\bbefore\b|\bold\b|\bcurrent(?:ly)?\b|\bprevious\b|"
                       r"\bexisting\b", re.I)


def asks_change(norm_question: str) -> bool:
    return _ASKS_CHANGE.search(normalize_for_index(norm_question).lower()) is not None


def sets_old_beside_new(header: str) -> bool:
    """A table header with a column of new terms and another of the old ones."""
    cells = [normalize_for_index(c).lower() for c in re.split(r"[|｜]", header.split("\n")[-1]) if c.strip()]
    new = {i for i, c in enumerate(cells) if _NEW_CELL.search(c) and not _OLD_CELL.search(c)}
    old = {i for i, c in enumerate(cells) if _OLD_CELL.search(c)}
    return bool(new) and bool(old - new)


def change_rows(candidates: list[Candidate], listed_words: set[str], on_named_page: Callable[[Candidate], bool]
                ) -> list[Candidate]:
    """The rows of the tables setting old terms beside new that answer a question of what changed: where the question
    lists the things it asks (`listed_words`: their words, empty where it lists none), the rows whose own cells hold
    one; else all of them (at most MAX_ROWS). In source order, each once however many chunks repeat it."""
    rows: dict[tuple[int, str], Candidate] = {}
    for c in candidates:
        if c.kind == "table_row" and c.header and sets_old_beside_new(c.header) and on_named_page(c):
            rows.setdefault((c.doc_start, c.text), c)
    if not rows:
        return []
    named = [c for c in rows.values() if listed_words & c.tokens]
    chosen = named or list(rows.values())[:MAX_ROWS]
    return sorted(chosen, key=lambda c: (c.n, c.position))
