"""Retrieval pinned to the product the asker names: a ticker or code (LTMXX, 00968, 3198) that the knowledge base
mentions but no retrieved chunk does.

A Chinese question on an English fact sheet (「LTMXX的最低追加投资金额是多少?」) shares one word with it, the
ticker, and several with the Chinese pages on other products (投资, 金额): those win the ranking, and the answer
comes from another product's document. The documents that name the ticker are searched on their own and their
best chunks lead the hits.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from knowledge_base.dictionary_terms import english_glosses, gloss_words
from knowledge_base.lexical_tokens import ENTITY_ALIASES
from knowledge_base.records import SearchHit

if TYPE_CHECKING:
    from knowledge_base.base import KnowledgeBase

_IDENTIFIER = re.compile(r"(?<![A-Za-z0-9])(?:[A-Z]{3,6}|\d{4,6})(?![A-Za-z0-9])")
SUBJECT_HITS = 2  # chunks of the named product's documents put first; the rest of the hits stay as ranked
NAME_READ = 20  # chunks read for the pages naming a company: enough to meet a second page naming it too


# a brand in CamelCase, wherever it stands (「CareFlex嘅保費」)
CAMEL_CASE = re.compile(r"(?<![A-Za-z0-9])[A-Z][a-z]+(?:[A-Z][a-z]+)+(?![A-Za-z0-9])")
# a brand a Chinese question writes in Latin letters (「Corvane這一季買回…」): the English page's company, in one
# word or in camel case
_LATIN_NAME = re.compile(rf"(?<![A-Za-z0-9])[A-Z][a-z]{{3,}}(?![A-Za-z0-9])|{CAMEL_CASE.pattern}")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def identifiers(question: str) -> list[str]:
    """Tickers and codes the question writes (not years), and, in a Chinese question, names in Latin letters."""
    found = [m.group(0).lower() for m in _IDENTIFIER.finditer(question)
             if not (m.group(0).isdigit() and 1800 <= int(m.group(0)) <= 2100)]
    if _CJK.search(question):
        found += [m.group(0).lower() for m in _LATIN_NAME.finditer(question) if m.group(0).lower() not in found]
    return found


def _brands(question: str) -> list[str]:
    """A Chinese question's names in Latin letters that no dictionary or entity list reads as a word (Brightwater;
    not App, nor Russell)."""
    if not _CJK.search(question):
        return []
    names = [m.group(0).lower() for m in _LATIN_NAME.finditer(question)]
    return [n for n in names if n not in ENTITY_ALIASES and n not in gloss_words()]


def _names(hit: SearchHit, code: str) -> bool:
    return re.search(rf"(?<![a-z0-9]){re.escape(code)}(?![a-z0-9])",
                     f"{hit.chunk.title} {hit.chunk.heading} {hit.chunk.text} {hit.chunk.norm_text}".lower()) is not None


def with_subject_hits(question: str, hits: list[SearchHit], kb: "KnowledgeBase", k: int,
                      names: Iterable[str] = (), glossed: list[str] | None = None) -> list[SearchHit]:
    """`hits`, led by the best chunks of the documents naming a code the question writes, when none of `hits` names
    it and the knowledge base does; or naming a company an English question names in other words (`names`: Wui Long
    glossed 汇朗), when fewer than SUBJECT_HITS of `hits` come from those documents: one heading naming it among an
    English page's chunks that share the question's words is no answer about it. `glossed`: the question's words
    as the documents or a dictionary write them (房间: "room"), which pick one more chunk there."""
    doc_ids: set[str] = set()
    brands = set(_brands(question))
    for code in identifiers(question):
        if not any(_names(h, code) for h in hits) and kb.mentions(code, whole_token=True):
            doc_ids |= {h.chunk.doc_id for h in kb.search(code, k=k, mode="lexical") if _names(h, code)} or \
                set(kb.documents_titled(code)[:k])  # a publisher only a page's title names (Tidemark's page)
        elif code in brands:
            # a company's name in Latin letters that one page alone writes, whose page gave one hit (「Brightwater個
            # App幾點可以換匯」: the other brokers' pages share its other words)
            naming = {h.chunk.doc_id for h in kb.search(code, k=NAME_READ, mode="lexical") if _names(h, code)}
            if len(naming) == 1 and sum(h.chunk.doc_id in naming for h in hits) < SUBJECT_HITS:
                doc_ids |= naming
    names = [n for n in dict.fromkeys(names) if not english_glosses(n)]  # 价格 read off "share price" names no company
    # a name glossed off the documents is written there as an indexed word (禾晟, not 何生, of Hesheng), or where none
    # is, inside one (Yufeng: 昱丰 of 昱丰证券)
    names = [n for n in names if kb.mentions(n, whole_token=True)] or \
        [n for n in names if len(n) >= 2 and not n.isascii() and kb.mentions(n)]
    for name in names:
        naming = {h.chunk.doc_id for h in kb.search(name, k=NAME_READ, mode="lexical") if _names(h, name)}
        # a company's own page names it throughout; a word several pages write (价格 read off "share price") is none
        if len(naming) == 1 and sum(h.chunk.doc_id in naming for h in hits) < SUBJECT_HITS:
            doc_ids |= naming
    if not doc_ids:
        return hits
    pinned = kb.search(question, k=SUBJECT_HITS, filters={"doc_ids": sorted(doc_ids)})
    seen = {h.chunk.chunk_id for h in pinned}
    if glossed:  # and the best chunk for the question's words in the documents' language (房间: "Room and board")
        pinned += [h for h in kb.search(question, k=1, filters={"doc_ids": sorted(doc_ids)}, glossed=glossed)
                   if h.chunk.chunk_id not in seen]
        seen = {h.chunk.chunk_id for h in pinned}
    return [*pinned, *[h for h in hits if h.chunk.chunk_id not in seen]][:max(k, len(pinned))]
