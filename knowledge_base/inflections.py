"""An English query word's other inflections that the index holds: "manages" also searches "managers" and
"managed" ("Who manages LTMXX?" against "The fund is managed by …").

Index words stay as written (exact forms still score on their own); the question's words are widened at
query time to the index words sharing their Snowball stem, found by a prefix range of the term table, so a
new document's forms count as soon as it is ingested and no re-index is needed.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from knowledge_base.glosses import stem
from knowledge_base.lexical_tokens import STOPWORDS

MIN_WORD = 4  # shorter words ("fee", "nav", "etf") are names or already their only form
FORMS_READ = 40  # index words read per stem prefix; a stem's own forms are a handful


def inflected_forms(tokens: Iterable[str], terms_starting: Callable[[str, int], list[str]]) -> list[str]:
    """Index words that share a Snowball stem with one of the English `tokens`, the tokens themselves left
    out, in first-seen order."""
    tokens = list(tokens)
    out: dict[str, None] = {}
    for token in tokens:
        if len(token) < MIN_WORD or not (token.isascii() and token.isalpha()) or token in STOPWORDS:
            continue
        root = stem(token)
        # Snowball ends some stems in "i" that their base form writes "y" (policies, policy → polici)
        for term in terms_starting(root[:-1] if root.endswith("i") else root, FORMS_READ):
            if term != token and term not in tokens and term.isalpha() and stem(term) == root:
                out.setdefault(term, None)
    return list(out)
