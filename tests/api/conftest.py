"""Fixtures for the API tests.

Unit tests of routing, auth, limits and envelopes run the real app (real SQLite, real middleware) on a
fake answer service beside its protocol (`api.fake_service.FakeAnswerService`). The must-show tests in test_real_service.py
use the real chain, real Chroma and the real embedder over a copy of the shared corpus, ingested once per
test session (`ingested_data_dir`).
"""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from caiwen.config import Settings
from service_harness import CORPUS, FakeService


@pytest.fixture
def fake_service(tmp_path: Path) -> Iterator[FakeService]:
    yield FakeService(tmp_path)


@pytest.fixture
def client(fake_service: FakeService) -> Iterator[TestClient]:
    with TestClient(fake_service.app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def ingested_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir holding the shared corpus ingested with the real embedder (once per session)."""
    from caiwen.wiring import run_ingest

    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    root = tmp_path_factory.mktemp("api-real")
    corpus = root / "corpus"
    shutil.copytree(CORPUS, corpus)
    data_dir = root / "data"
    summary = run_ingest([corpus], Settings(data_dir=data_dir))
    assert summary.ok and summary.added, summary
    return data_dir
