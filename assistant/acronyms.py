"""An acronym the asker writes (CIO, NAV) spelled out in an English source ("chief investment officer",
"net asset value"): consecutive words whose initials spell it, so the sentence that writes the words out
counts as naming it."""
from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[A-Za-z]+")
_SKIPPED = frozenset({"of", "and", "the", "for", "&"})  # 'Board of Governors' spells BOG and BG
ACRONYM = re.compile(r"(?<![A-Za-z])[A-Z]{2,5}(?![A-Za-z])")


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in _WORD.findall(text))


def spelled_out(acronym: str, text: str) -> bool:
    """Whether `text` holds words whose initials, in order, are the letters of `acronym` (case-insensitive),
    with "of", "and", "the", "for" allowed in between."""
    letters = acronym.lower()
    words = _words(text)
    for start in range(len(words)):
        i, j = 0, start
        while j < len(words) and i < len(letters):
            if words[j][0] == letters[i]:
                i += 1
            elif words[j] not in _SKIPPED or i == 0:
                break
            j += 1
        if i == len(letters) and len(letters) >= 2:
            return True
    return False
