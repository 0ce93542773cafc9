"""Fixtures for the real-model tests: the fetched model and one `caiwen llm serve` per session."""
from tests.local_llm.server import local_llm, local_model  # noqa: F401  (fixtures)
