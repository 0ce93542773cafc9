"""The `fake` embedder in the registry: a real knowledge base (Chroma, catalog) without paying for a model."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from caiwen.config import Settings
from knowledge_base.embedders.registry import embedder_id, load_embedder


def test_vectors_are_unit_length_deterministic_and_distinct():
    embedder = load_embedder("fake")
    a, b, a_again = embedder.embed_passages(["羅素2000", "標普500", "羅素2000"])
    assert embedder.id == embedder_id("fake") == "fake-hash-384"
    assert np.allclose([np.linalg.norm(a), np.linalg.norm(b)], 1.0, atol=1e-5)
    assert np.array_equal(a, a_again) and abs(float(a @ b)) < 0.3
    assert load_embedder("fake:16").dim == 16
    with pytest.raises(ValueError, match="use fake or fake:DIM"):
        load_embedder("fake:big")
    with pytest.raises(ValueError, match="use fake or fake:DIM"):  # before any knowledge base is opened with it
        embedder_id("fake:big")


def test_a_knowledge_base_ingests_and_searches_with_it(tmp_path: Path):
    from caiwen.wiring import open_knowledge_base, run_ingest

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("# 重組\n羅素2000指數每年六月進行年度重組,自2026年起改為每半年一次。\n", encoding="utf-8")
    (docs / "b.md").write_text("# 派息\n恒生指數成份股的派息率由各公司董事會決定。\n", encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data", embedder="fake")
    kb = open_knowledge_base(settings)
    summary = run_ingest([docs], settings, kb=kb)
    assert len(summary.added) == 2 and kb.store.count() == kb.catalog.chunk_count() > 0
    assert kb.search("罗素2000几时重组", k=1)[0].chunk.doc_id.endswith("a.md")
    again = run_ingest([docs], settings, kb=kb)
    assert len(again.unchanged) == 2 and again.chunks_embedded == 0
