"""Citation checks: do the [n] markers in an answer point at chunks the chain actually retrieved? Markers are
read with the assistant's one pattern (assistant/citation_markers.py), full-width ［１］ and 【1】 included.

A marker [n] is valid when the response carries a citation numbered n, n is within the number of
retrieved chunks, and that citation's chunk is one of the retrieved chunks. An answer citing [7] when
only 5 chunks were retrieved is therefore invalid even if a citation numbered 7 is attached.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.citation_markers import MARKER, markers_in
from assistant.schemas import Citation, RetrievedChunk
from knowledge_base.scripts import fold_width


def strip_markers(text: str) -> str:
    """Width-folded text with each marker (the assistant's one pattern) replaced by a space, so that the
    numbers on either side of a marker stay apart."""
    return MARKER.sub(" ", fold_width(text))


@dataclass
class CitationCheck:
    markers: list[int]
    invalid: list[int] = field(default_factory=list)  # markers that map to nothing retrieved
    cited_doc_ids: list[str] = field(default_factory=list)  # one per distinct validly cited chunk

    @property
    def valid(self) -> bool:
        return not self.invalid

    @property
    def has_valid_citation(self) -> bool:
        return bool(self.cited_doc_ids)


def check_citations(
    answer: str, citations: Sequence[Citation], retrieved: Sequence[RetrievedChunk]
) -> CitationCheck:
    markers = markers_in(answer)  # the markers exactly as the assistant reads them
    by_n = {c.n: c for c in citations}
    retrieved_chunks = {r.chunk_id for r in retrieved}
    check = CitationCheck(markers=markers)
    cited_chunks: dict[str, str] = {}
    for n in markers:
        citation = by_n.get(n)
        ok = (
            citation is not None
            and 1 <= n <= len(retrieved)
            and citation.chunk_id in retrieved_chunks
        )
        if not ok:
            if n not in check.invalid:
                check.invalid.append(n)
            continue
        cited_chunks.setdefault(citation.chunk_id, citation.doc_id)
    check.cited_doc_ids = list(cited_chunks.values())
    return check


def citation_precision(check: CitationCheck, expected: set[str]) -> float | None:
    """Validly cited chunks that come from an expected source ÷ all validly cited chunks."""
    if not check.cited_doc_ids:
        return None
    return sum(doc in expected for doc in check.cited_doc_ids) / len(check.cited_doc_ids)
