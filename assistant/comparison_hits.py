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

from knowledge_base.lexical_tokens import ENTITY_ALIASES, entity_mentions, with_canonical_terms
from knowledge_base.records import SearchHit

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
    return tuple(sorted(names, key=len, reverse=True))


_NAME_WITH_NUMBER = re.compile(r"[\u4e00-\u9fff]{2,4}\d{2,4}(?![\d%年月日倍])")


def named_entities(norm_question: str) -> list[str]:
    """The entities a question names, in order of first mention: the entity list's canonical index words
    (标普500 for S&P 500) and names made of a word and a number (东海300; 「和南山100」 names 南山100)."""
    lowered = norm_question.lower()
    names = _canonical_names()
    found = [canonical.split()[0].lower() for _, canonical in entity_mentions(lowered)]
    found = [name for name in found if name in names] + [name for name in names if name in lowered]
    for m in _NAME_WITH_NUMBER.finditer(lowered):
        word, digits = re.match(r"(\D+)(\d+)", m.group(0)).groups()
        found.append(f"{word[-2:]}{digits}")  # the name from its last two characters: 「和南山100」 is 南山100
    found = list(dict.fromkeys(found))
    return [name for name in found if not any(name != other and name in other for other in found)]  # 罗素 in 罗素2000


_SENTENCE_END = re.compile(r"(?<=[。！？!?；;\n])")


def _names_all(hit: SearchHit, entities: list[str]) -> bool:
    """One sentence of the chunk names every entity (a chunk naming one here and one there compares nothing)."""
    return any(all(entity in with_canonical_terms(sentence).lower() for entity in entities)
               for sentence in _SENTENCE_END.split(hit.chunk.norm_text))


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
