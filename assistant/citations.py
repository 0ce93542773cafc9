"""Citations for an answer: for each marker used, the passage sentence(s) that best support the claims
carrying it, as document offsets.

    citations = build_citations(result.text, contexts)
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from assistant.bigram_overlap import bigrams, coverage
from assistant.citation_markers import markers_in, strip_markers
from assistant.number_tokens import NumberToken, numbers_in, same_number
from assistant.schemas import Citation
from assistant.sentences import split_sentences
from knowledge_base.records import SearchHit
from knowledge_base.sentences import trim_span


@lru_cache(maxsize=8192)
def _features(sentence: str) -> tuple[frozenset[str], tuple[NumberToken, ...]]:
    """Bigrams and numbers of a source sentence; cached, since the same chunks come back query after query."""
    return frozenset(bigrams(sentence)), tuple(numbers_in(sentence, skip_names=False))


def _score_support(claim_grams: set[str], claim_numbers: list[NumberToken], sentence: str) -> float:
    grams, sentence_numbers = _features(sentence)
    score = coverage(claim_grams, grams)
    if claim_numbers:
        hits = sum(1 for t in claim_numbers if any(same_number(t, s) for s in sentence_numbers))
        score += 0.5 * hits / len(claim_numbers)
    return score


def best_quote(claims: Sequence[str], hit: SearchHit) -> tuple[int, int]:
    """(start, end) in hit.chunk.text of the original sentence(s) that best support the claims.

    Each claim picks its best chunk sentence; when the picks lie within three consecutive sentences the
    quote spans them, else the single best-supported sentence is quoted.
    """
    chunk_text = hit.chunk.text
    sentences = split_sentences(chunk_text) or [trim_span(chunk_text, 0, len(chunk_text))]
    # A table's header line supports no claim by itself: a row rendered with its column names ("項目: 周轉率,
    # 2026年9月30日: 38%") shares the header's words, but the row holds what it states.
    headers = [(u.start, u.end) for u in hit.chunk.units if u.kind == "table_header"]
    is_header = [any(a <= s and e <= b for a, b in headers) for s, e in sentences]
    picks: list[tuple[float, int]] = []
    for claim in claims:
        body = strip_markers(claim)
        claim_grams, claim_numbers = bigrams(body), numbers_in(body)
        scores = [0.0 if is_header[i] else _score_support(claim_grams, claim_numbers, chunk_text[s:e])
                  for i, (s, e) in enumerate(sentences)]
        best = max(range(len(sentences)), key=lambda i: (scores[i], -i))
        picks.append((scores[best], best))
    if not picks or max(p[0] for p in picks) == 0:
        # nothing shared (e.g. an English claim on a Chinese passage with no names or numbers in common)
        first = next((i for i, (s, e) in enumerate(sentences) if e - s >= 10), 0)
        return sentences[first]
    chosen = sorted({i for score, i in picks if score > 0})
    if chosen[-1] - chosen[0] <= 2:
        return sentences[chosen[0]][0], sentences[chosen[-1]][1]
    top = max(picks)[1]
    return sentences[top]


def build_citations(text: str, contexts: Sequence[SearchHit]) -> list[Citation]:
    """One Citation per marker actually used in `text` (in order of first use), quoting the chunk's
    original sentence(s) that best support the sentences carrying that marker. Offsets are document
    offsets (chunk.start + offset in the chunk); quote_display is left for the chain to fill."""
    claims: dict[int, list[str]] = {}
    for s, e in split_sentences(text):
        sentence = text[s:e]
        for n in markers_in(sentence):
            if 1 <= n <= len(contexts):
                claims.setdefault(n, [])
                if sentence not in claims[n]:
                    claims[n].append(sentence)
    citations = []
    for n, claim_sentences in claims.items():
        hit = contexts[n - 1]
        start, end = best_quote(claim_sentences, hit)
        chunk = hit.chunk
        citations.append(
            Citation(
                n=n,
                doc_id=chunk.doc_id,
                title=chunk.title,
                published=chunk.published,
                chunk_id=chunk.chunk_id,
                quote=chunk.text[start:end],
                start=chunk.start + start,
                end=chunk.start + end,
                page=chunk.page_at(chunk.start + start),
            )
        )
    return citations
