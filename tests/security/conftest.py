"""Fixtures for the security and fault tests: the API harness of tests/api (real uvicorn, keys, settings)."""
from __future__ import annotations

import sys

import pytest
from pathlib import Path

# tests/api is a rootdir-less folder whose helpers import each other by bare name.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "api"))

from collections.abc import Iterator  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from dataclasses import dataclass  # noqa: E402

from service_harness import WIDGET_ORIGIN, LiveServer, make_settings, mint_keys  # noqa: E402,F401

from caiwen.settings import Settings  # noqa: E402
from tests.conftest import IngestedCorpus, seed_vector_cache, writable_copy  # noqa: E402


@dataclass
class Live:
    """A real uvicorn server on 127.0.0.1 over the real chain, Chroma and SQLite, with one key per scope."""

    url: str
    settings: Settings
    keys: dict[str, str]
    corpus: Path
    server: LiveServer

    def auth(self, scope: str = "ask") -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[scope]}"}


def prepared_settings(root: Path, source: IngestedCorpus, ingest: bool = True, **overrides) -> tuple[Settings, Path]:
    """A fresh data dir (its embedding cache seeded from the session corpus) with a copy of the corpus
    ingested into it: the real pipeline, without paying for the embeddings again."""
    from ingest.pipeline import run_ingest

    corpus = writable_copy(source.corpus, root / "corpus")
    overrides.setdefault("composer", "extractive")
    settings = make_settings(root / "data", **overrides)
    seed_vector_cache(source.kb, settings)
    if ingest:
        summary = run_ingest([corpus], settings)
        assert summary.ok and len(summary.added) == 5, summary
    return settings, corpus


@contextmanager
def live_service(root: Path, source: IngestedCorpus, **overrides) -> Iterator[Live]:
    from api.app import create_app

    settings, corpus = prepared_settings(root, source, **overrides)
    keys = mint_keys(settings)
    with LiveServer(create_app(settings)) as server:
        yield Live(server.url, settings, keys, corpus, server)


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory, ingested_corpus: IngestedCorpus) -> Iterator[Live]:
    """One real service per test module, over its own copy of the corpus."""
    with live_service(tmp_path_factory.mktemp("live"), ingested_corpus) as service:
        yield service
