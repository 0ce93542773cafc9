"""Finding 9: /readyz said ready with vectors lost, and re-running ingest called the documents "unchanged"
and left them without vectors. Ready now means the store answers, its vectors match the catalogued chunks
and the data directory is writable; ingest writes lost vectors again (from the embedding cache)."""
from __future__ import annotations

import httpx

from caiwen.wiring import open_knowledge_base, run_ingest
from knowledge_base.base import KnowledgeBase
from tests.security.conftest import live_service

DOC = "003_50d57fdeb84ad35c.txt"


def _vector_ids(kb: KnowledgeBase, doc_id: str) -> list[str]:
    return list(kb.store.collection.get(where={"doc_id": doc_id}, include=[])["ids"])


def test_lost_vectors_are_not_ready_and_ingest_repairs_them(tmp_path, ingested_corpus) -> None:
    with live_service(tmp_path, ingested_corpus) as live:
        ready = httpx.get(f"{live.url}/readyz", timeout=30)
        assert ready.status_code == 200, ready.text
        checks = ready.json()["checks"]
        assert checks["vectors"] == checks["chunks"] > 0 and checks["vectors_missing"] == 0
        assert checks["data_dir_writable"] is True and checks["database"] is True

        kb = open_knowledge_base(live.settings)  # the same embedded store the server reads
        lost = _vector_ids(kb, DOC)
        kb.store.collection.delete(ids=lost)
        down = httpx.get(f"{live.url}/readyz", timeout=30)
        assert down.status_code == 503, down.text
        assert down.json()["checks"]["vectors_missing"] == len(lost)
        assert "vectors missing" in down.json()["error"]["message"]

        summary = run_ingest([live.corpus], live.settings, kb=kb)
        assert summary.repaired == [DOC] and len(summary.unchanged) == 4, summary
        assert summary.chunks_embedded == 0  # written again from the embedding cache, not re-embedded
        assert set(_vector_ids(kb, DOC)) == set(lost)
        assert httpx.get(f"{live.url}/readyz", timeout=30).status_code == 200

        again = run_ingest([live.corpus], live.settings, kb=kb)
        assert again.repaired == [] and len(again.unchanged) == 5
