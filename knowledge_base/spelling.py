"""An English asker's misspelt finance word ("divdend yield", "volatilty"), read as the word the query-term list
knows, so the rest of the chain maps it like any other.

Only a word that is no English word at all is corrected (neither in the query-term list, the entity aliases, the
stopwords nor the general bilingual dictionary's glosses, nor a name the knowledge base mentions), and only to a
query-term word it is very close to (difflib's ratio ≥ CUTOFF): names ("Qingmere"), slang ("rn") and words of
other trades stay as written.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from functools import lru_cache

from knowledge_base.glosses import stem
from knowledge_base.lexical_tokens import EN_QUERY_TERMS, ENTITY_ALIASES, STOPWORDS

CUTOFF = 0.85  # "divdend" → "dividend" is 0.93; "margin" → "marine" would be 0.67
MIN_LETTERS = 5  # shorter words are too often abbreviations and slang (rn, imo, lol)
_WORD = re.compile(r"(?<![A-Za-z])[a-z]{%d,}(?![A-Za-z])" % MIN_LETTERS)


@lru_cache(maxsize=1)
def _finance_words() -> tuple[str, ...]:
    words = {w for phrase in [*EN_QUERY_TERMS, *ENTITY_ALIASES] for w in phrase.split()}
    return tuple(sorted(w for w in words if w.isascii() and w.isalpha() and len(w) >= MIN_LETTERS))


@lru_cache(maxsize=1)
def _known_stems() -> frozenset[str]:
    from knowledge_base.dictionary_terms import gloss_words

    words = {*_finance_words(), *(w for w in STOPWORDS if w.isascii()), *gloss_words()}
    return frozenset({stem(w) for w in words} | words)


# an inflection the stemmer keeps whole ("shortest", "biggest") is its base word's
_SUFFIX = re.compile(r"(?:est|er|ly|ing|ed|es|s)$")


def is_english_word(word: str) -> bool:
    """A word of English (or of its finance lists and the bilingual dictionary's glosses), in any usual inflection."""
    known = _known_stems()
    base = _SUFFIX.sub("", word)
    undoubled = base[:-1] if len(base) > 2 and base[-1] == base[-2] else base  # biggest → bigg → big
    return any(stem(w) in known or w in known for w in (word, base, undoubled, base + "e"))


def load() -> None:
    """Build the word lists now (part of a second after the dictionary's own), not on the first English question."""
    _known_stems()


def _correction(word: str, mentioned: Callable[[str], bool] | None) -> str | None:
    if is_english_word(word):
        return None
    close = difflib.get_close_matches(word, _finance_words(), n=1, cutoff=CUTOFF)
    # the knowledge base is asked last, and only about a word that would change: a name its documents use (ishares)
    if not close or mentioned is not None and mentioned(word):
        return None
    return close[0]


def corrected(norm_query: str, mentioned: Callable[[str], bool] | None = None) -> str:
    """`norm_query` with each lower-case English word that is no word, nor one the knowledge base mentions
    (`mentioned`), corrected to the finance word it misspells."""
    def fix(m: re.Match[str]) -> str:
        return _correction(m.group(0), mentioned) or m.group(0)

    return _WORD.sub(fix, norm_query)
