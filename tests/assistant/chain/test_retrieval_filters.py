"""Metadata filters, k and overlapping-chunk de-duplication of the hybrid retriever."""
from __future__ import annotations

import pytest

from knowledge_base.fusion import FUSION_MODES


@pytest.mark.parametrize("mode", FUSION_MODES.names())
def test_doc_filter_and_k(assistant, mode):
    hits = assistant.kb.search("羅素2000", k=3, filters={"doc_ids": ["003_50d57fdeb84ad35c.txt"]}, mode=mode)
    assert 0 < len(hits) <= 3
    assert {h.chunk.doc_id for h in hits} == {"003_50d57fdeb84ad35c.txt"}


def test_date_range_filter_keeps_dated_documents_only(assistant):
    hits = assistant.kb.search("罗素2000 小盘股", k=10, filters={"date_from": "2026-01-01"})
    assert hits and {h.chunk.published for h in hits} == {"2026-01-17"}
    hits = assistant.kb.search("罗素2000 小盘股", k=10, filters={"date_from": "2025-09-01", "date_to": "2025-12-31"})
    assert hits and {h.chunk.doc_id for h in hits} == {"004_07ababd27a3295c0.txt"}


def test_no_two_hits_mostly_overlap(assistant):
    hits = assistant.kb.search("羅素2000指數點樣重組", k=10)
    for i, a in enumerate(hits):
        for b in hits[i + 1:]:
            if a.chunk.doc_id == b.chunk.doc_id:
                overlap = min(a.chunk.end, b.chunk.end) - max(a.chunk.start, b.chunk.start)
                assert overlap < 0.5 * min(a.chunk.end - a.chunk.start, b.chunk.end - b.chunk.start)
