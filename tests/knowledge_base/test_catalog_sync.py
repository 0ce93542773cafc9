"""Several machines on one `chroma run` server: a machine that did not run the ingest rebuilds its catalog
(chunk texts and lexical index) from the store, and follows later updates and removals."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from caiwen.config import Settings
from caiwen.wiring import open_knowledge_base, run_ingest

QUESTION = "罗素2k期货代码是啥?在哪个交易所交易"


def test_a_second_machine_builds_its_catalog_from_the_shared_store(
    chroma_server, fresh_settings: Callable[..., Settings], corpus_copy: Path, tmp_path: Path,
) -> None:
    server = chroma_server()
    writer_settings = fresh_settings(chroma_url=server.url, data_dir=tmp_path / "writer", catalog_sync_s=0)
    writer = open_knowledge_base(writer_settings)
    run_ingest([corpus_copy], writer_settings, kb=writer)

    # another machine: its own empty data directory, nothing shared but the Chroma server
    reader = open_knowledge_base(
        Settings(chroma_url=server.url, data_dir=tmp_path / "reader", catalog_sync_s=0)
    )
    assert [d.doc_id for d in reader.sources()] == [d.doc_id for d in writer.sources()]
    assert reader.catalog.chunk_count() == writer.catalog.chunk_count()
    assert [h.chunk.chunk_id for h in reader.search(QUESTION, k=5)] == [h.chunk.chunk_id for h in writer.search(QUESTION, k=5)]
    hit = reader.search(QUESTION, k=1)[0]
    assert hit.chunk.text == writer.catalog.chunks_by_id([hit.chunk.chunk_id])[hit.chunk.chunk_id].text

    # the ingest machine changes one article and removes another: the reader follows on its next search
    changed = corpus_copy / "002_9dbfc5c8b08aa693.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n新增段落:VTWO 与 IWM 的换手率比较。", encoding="utf-8")
    (corpus_copy / "003_50d57fdeb84ad35c.txt").unlink()
    summary = run_ingest([corpus_copy], writer_settings, kb=writer, prune=True)
    assert summary.updated == ["002_9dbfc5c8b08aa693.txt"] and summary.removed == ["003_50d57fdeb84ad35c.txt"]

    reader.search("换手率", k=3)
    assert reader.catalog.document_hashes() == writer.catalog.document_hashes()
    assert "003_50d57fdeb84ad35c.txt" not in [d.doc_id for d in reader.sources()]
    assert any("换手率" in h.chunk.text for h in reader.search("VTWO IWM 换手率", k=3))
