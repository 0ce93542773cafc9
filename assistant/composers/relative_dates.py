"""A quoted sentence dated only by the one before it: 「同年8月…創下137,654張的成交量」 says when in the month, and
the year is the previous sentence's (「2011年農曆春節後…」), or that sentence's own predecessor's when it too
says 同年. The composer quotes those sentences with it, or the date it gives is no date."""
from __future__ import annotations

import re

from assistant.composers.extractive_candidates import Candidate
from knowledge_base.scripts import normalize_for_index

# "in the same year", 翌年: a year named only by reference to one stated before
_RELATIVE_YEAR = re.compile(r"^\W*(?:同年|当年|翌年|次年|隔年)|^\W*(?:(?:in|later|by|during|early|late)\s+)?"
                            r"(?:that|the same|the following|the next) year\b", re.I)
_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")
MAX_STEPS = 3  # sentences read back for the year


def _relative(text: str) -> bool:
    return _RELATIVE_YEAR.match(normalize_for_index(text)) is not None and not _YEAR.search(text)


def dated_antecedents(chosen: list[Candidate], candidates: list[Candidate]) -> list[Candidate]:
    """The sentences, not already chosen, that supply the year a chosen sentence names only by reference: read
    back in its chunk until one states a year (none when the chain of references breaks first)."""
    out: list[Candidate] = []
    for c in chosen:
        if c.kind != "answer" or not _relative(c.text):
            continue
        before = sorted((o for o in candidates if o.n == c.n and o.position < c.position and o.kind == "answer"),
                        key=lambda o: -o.position)[:MAX_STEPS]
        chain: list[Candidate] = []
        for o in before:
            chain.append(o)
            if _YEAR.search(o.text):
                out.extend(x for x in chain if x not in chosen and x not in out)
                break
            if not _relative(o.text):
                break
    return out
