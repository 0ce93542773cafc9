"""Citation checks: do the [n] markers in an answer point at chunks the chain actually retrieved?

A marker [n] is valid when the response carries a citation numbered n, n is within the number of
retrieved chunks, and that citation's chunk is one of the retrieved chunks. An answer citing [7] when
only 5 chunks were retrieved is therefore invalid even if a citation numbered 7 is attached.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.schemas import Citation, RetrievedChunk
from knowledge_base.scripts import fold_width

# [1], [1, 2], [1-3], [1][2], 【1】 (after width folding [1] is [1]). Up to three digits so years are not markers.
_MARKER = re.compile(r"[\[【]\s*(\d{1,3}(?:\s*[,,、;;\-–]\s*\d{1,3})*)\s*[\]】]")
_RANGE = re.compile(r"(\d+)\s*[-–]\s*(\d+)")


def citation_markers(answer: str) -> list[int]:
    """Every [n] in the answer, in order of appearance (repeats kept); [2-4] stands for 2, 3, 4."""
    numbers: list[int] = []
    for match in _MARKER.finditer(fold_width(answer)):
        for part in re.split(r"\s*[,,、;;]\s*", match.group(1).strip()):
            bounds = _RANGE.fullmatch(part)
            if bounds and int(bounds.group(1)) <= int(bounds.group(2)):
                numbers.extend(range(int(bounds.group(1)), int(bounds.group(2)) + 1))
            elif part.isdigit():
                numbers.append(int(part))
    return numbers


def strip_markers(text: str) -> str:
    return _MARKER.sub(" ", fold_width(text))


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
    markers = citation_markers(answer)
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
