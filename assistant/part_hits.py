"""Retrieval for each part of a question that asks several things at once.

「幾點前下單算當天淨值？份額幾天確認？贖回的錢幾天到帳？」 is searched as one query, and the chunks sharing most words
with all of it win: often those answering the first two parts, while the third part's row sits in a chunk that
shares few words with the whole. Each part is searched on its own as well, in the documents already retrieved, and its
best chunk not yet retrieved joins the hits after them (the hits' order, and so their citation numbers, stay as
ranked).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from assistant.question_parts import question_parts
from assistant.subject_hits import identifiers
from knowledge_base.records import SearchHit
from knowledge_base.retriever import overlap_ratio

if TYPE_CHECKING:
    from knowledge_base.base import KnowledgeBase

PART_SEARCH = 3  # chunks searched per part, of which the best not already retrieved (nor mostly overlapped) joins
MIN_PART_CHARS = 4  # a part shorter than this (「呢?」, "ok?") asks nothing of its own


def with_part_hits(question: str, norm_question: str, hits: list[SearchHit], kb: "KnowledgeBase",
                   terms_of: Callable[[str], Sequence[str]]) -> list[SearchHit]:
    """`hits`, then for each part of a question in two or more the best chunk its own search finds that `hits` and
    the parts before it lack. `terms_of(part)`: the index words the part's own words map to (its English forms, its
    glossed or dictionary words), searched with it as the whole question's are."""
    parts = [p for p in question_parts(norm_question) if len(p) >= MIN_PART_CHARS]
    if len(parts) < 2:
        return hits
    seen = {h.chunk.chunk_id for h in hits}
    # within the documents already retrieved: a part seldom names its subject (「幾點前落指示？」 of the ADR page the
    # first part names), and searched alone it finds whichever page shares its few words
    documents = sorted({h.chunk.doc_id for h in hits})
    out = list(hits)
    subjects = identifiers(question)
    for part in parts if documents else ():
        # and it is searched with the subject the question names elsewhere: its codes and names in Latin letters
        query = " ".join([*(s for s in subjects if s not in part.lower()), part])
        for hit in kb.search(query, k=PART_SEARCH, filters={"doc_ids": documents}, glossed=list(terms_of(part))):
            if hit.chunk.chunk_id in seen or any(overlap_ratio(hit.chunk, h.chunk) >= 0.5 for h in out):
                continue  # overlapping chunks: the part's text is retrieved already
            seen.add(hit.chunk.chunk_id)
            out.append(hit.model_copy(update={"rank": len(out) + 1}))
            break
    return out
