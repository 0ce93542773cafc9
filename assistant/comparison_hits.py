"""Retrieval for a question that names two or more entities (「罗素2000和标普500估值差多少」, "Russell 2000 vs
S&P 500 on P/E"): a passage naming all of them joins the hits when none of the retrieved ones does.

In a collection about one index its name is in most chunks, so BM25 gives it almost no weight, and the passages
that repeat the question's other words (估值) outrank the one sentence that states both indices' figures. The
deeper lexical ranking is read for the best chunk that names every entity the question names.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from assistant.evidence import names_with_numbers
from knowledge_base.lexical_tokens import ENTITY_ALIASES, entity_mentions
from knowledge_base.records import SearchHit
from knowledge_base.sentences import split_sentences

if TYPE_CHECKING:
    from knowledge_base.base import KnowledgeBase

COMPARISON_DEPTH = 30  # lexical hits read for a passage naming every entity
COMPARISON_HITS = 2  # such passages joined: the best-ranked one is often a side remark (「遠超標普500」)
_CJK = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _canonical_names() -> tuple[str, ...]:
    """The canonical Chinese index words of the entity list that have a name in another language (罗素2000,
    标普500, 纳斯达克), longest first."""
    names = {w.lower() for alias, v in ENTITY_ALIASES.items() for w in v.split()
             if _CJK.search(w) and re.search(r"[a-z]", alias)}  # a name in another language, not a synonym (本益比)
    return tuple(sorted(names, key=lambda w: (-len(w), w)))


def _canonical_words(norm_text: str) -> list[str]:
    """The canonical index words of the entity aliases a text uses ("s&p 500" → 标普500), in order of mention."""
    return list(dict.fromkeys(word.lower() for _, canonical in entity_mentions(norm_text) for word in canonical.split()))


def named_entities(norm_question: str) -> list[str]:
    """The entities a question names, in order of first mention: the entity list's canonical index words
    (标普500 for S&P 500) and names made of a word and a number (东海300)."""
    lowered = norm_question.lower()
    names = _canonical_names()
    found = [name for name in _canonical_words(lowered) if name in names] + [n for n in names if n in lowered]
    found = list(dict.fromkeys(found + names_with_numbers(lowered)))
    return [name for name in found if not any(name != other and name in other for other in found)]  # 罗素 in 罗素2000


def _names_all(hit: SearchHit, entities: list[str]) -> bool:
    """One sentence of the chunk names every entity (a chunk naming one here and one there compares nothing)."""
    text = hit.chunk.norm_text.lower()
    for start, end in split_sentences(text):
        sentence = text[start:end]
        aliased = _canonical_words(sentence)
        if all(entity in sentence or entity in aliased for entity in entities):
            return True
    return False


def with_comparison_hit(question: str, norm_question: str, hits: list[SearchHit], kb: "KnowledgeBase"
                        ) -> list[SearchHit]:
    """`hits` and, after them, the best-ranked chunk with a sentence naming every entity the question names, when
    the question names two or more and no hit has such a sentence."""
    entities = named_entities(norm_question)
    if len(entities) < 2 or any(_names_all(h, entities) for h in hits):
        return hits
    seen = {h.chunk.chunk_id for h in hits}
    found = [h.chunk for h in kb.search(question, k=COMPARISON_DEPTH, mode="lexical")
             if h.chunk.chunk_id not in seen and _names_all(h, entities)][:COMPARISON_HITS]
    return [*hits, *(SearchHit(chunk=c, score=0.0, rank=len(hits) + i) for i, c in enumerate(found, 1))]
