"""The fake OpenAI-compatible server the LLM-composer tests talk to."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fakes import FakeOpenAIServer


@pytest.fixture(scope="module")
def shared_server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as fake:
        yield fake


@pytest.fixture
def server(shared_server) -> Iterator[FakeOpenAIServer]:
    # one server (one base URL) per module: langchain-openai then reuses its HTTP clients, whose
    # TLS setup costs ~0.15 s per new URL
    shared_server.reset()
    yield shared_server
    shared_server.reset()
