"""The same ingest and search against a real `chroma run` server (CAIWEN_CHROMA_URL), and a clear error
when the server is not there."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from caiwen.config import Settings
from caiwen.wiring import open_knowledge_base, run_ingest
from knowledge_base.errors import StoreUnavailableError
from tests.conftest import free_port

QUESTIONS = {
    "羅素2000係邊間公司編製㗎?": "000_4b08b8b848a4e809.txt",
    "1月16號邊個板塊領漲?升咗幾多?": "001_aab619b458c5b363.txt",
    "道指哪年发布的 一开始几家公司": "003_50d57fdeb84ad35c.txt",
    "CME FedWatch当时显示10月降息概率多少?": "004_07ababd27a3295c0.txt",
}


def test_ingest_and_search_through_a_chroma_server(
    chroma_server, fresh_settings: Callable[..., Settings], corpus_copy: Path, ingested_corpus,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = chroma_server()
    monkeypatch.setenv("CAIWEN_CHROMA_URL", server.url)
    settings = fresh_settings()
    assert settings.chroma_url == server.url

    kb = open_knowledge_base(settings)
    assert kb.ping()
    summary = run_ingest([corpus_copy], settings, kb=kb)
    assert len(summary.added) == 5 and summary.failed == []
    assert kb.store.count() == kb.catalog.chunk_count() == ingested_corpus.kb.catalog.chunk_count()
    assert not settings.chroma_path.exists()  # nothing went to an embedded store

    again = run_ingest([corpus_copy], settings, kb=kb)
    assert len(again.unchanged) == 5 and again.chunks_written == 0
    assert kb.store.count() == kb.catalog.chunk_count()

    # a second client (another process would do the same) sees the collection over HTTP
    other = open_knowledge_base(settings)
    assert other.store.count() == kb.store.count()
    assert other.store.collection.metadata["embedder"] == kb.embedder.id
    for question, expected in QUESTIONS.items():
        served = other.search(question, k=5)
        assert expected in [h.chunk.doc_id for h in served], question
        embedded = ingested_corpus.kb.search(question, k=5)
        assert [h.chunk.chunk_id for h in served] == [h.chunk.chunk_id for h in embedded]
    dense = other.search("小型股估值处于历史低位", k=3, mode="dense")
    assert len(dense) == 3 and all(h.dense_score is not None and 0.5 < h.dense_score <= 1.0 for h in dense)

    # the server goes away: ping says so and a search fails with a clear error
    server.stop()
    assert not other.ping()
    with pytest.raises(StoreUnavailableError, match=server.url.split("//")[1]):
        other.search("羅素2000指數", k=3, mode="dense")


def test_a_closed_port_is_a_clear_store_unavailable_error(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(StoreUnavailableError) as info:
        open_knowledge_base(Settings(data_dir=tmp_path / "data", chroma_url=url))
    assert url in str(info.value) and "not reachable" in str(info.value)
