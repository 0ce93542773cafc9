"""Property-based run of the OpenAPI schema (schemathesis): no request it generates gets a 5xx.

Runs in-process over ASGI against the real chain, real Chroma and the real embedder on the ingested
corpus, with an `ask` key (admin operations answer 403, so the fuzzer never ingests into the shared
store). Bounded: a fixed number of examples per operation and no per-example deadline.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from caiwen.wiring import create_app
from service_harness import make_settings, mint_keys

MAX_EXAMPLES = 25


@pytest.fixture(scope="module")
def fuzz_target(ingested_data_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    settings = make_settings(ingested_data_dir, database_url=f"sqlite:///{tmp_path_factory.mktemp('fuzz')}/api.db")
    keys = mint_keys(settings)
    app = create_app(settings)
    with TestClient(app):  # runs the lifespan: the real chain is built once, here
        yield app, keys["ask"]


def _operations(app) -> list:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
def test_no_server_errors(fuzz_target, mode: GenerationMode) -> None:
    app, key = fuzz_target
    operations = _operations(app)
    assert len(operations) >= 10
    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
                  derandomize=True, database=None)
        def run(case) -> None:
            case.call_and_validate(headers={"Authorization": f"Bearer {key}"}, checks=[not_a_server_error])

        try:
            run()
        except Unsatisfiable:  # nothing to make invalid (no parameters, no body): nothing to test
            assert mode is GenerationMode.NEGATIVE, operation.label


FOCUS = {"POST /v1/ask", "POST /v1/chat/stream", "POST /v1/chat/completions"}
FOCUS_EXAMPLES = 60


def test_filters_are_in_the_schema_the_fuzzer_reads(fuzz_target) -> None:
    app, _ = fuzz_target
    schemas = app.openapi()["components"]["schemas"]
    filters = schemas["SearchFiltersRequest"]
    assert {"doc_ids", "doc_id", "date_from", "date_to"} <= set(filters["properties"])
    assert filters.get("additionalProperties") is False
    assert "filters" in schemas["AskRequest"]["properties"]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
def test_filters_and_chat_endpoints_get_more_examples(fuzz_target, mode: GenerationMode) -> None:
    """The answer endpoints (with `filters`, dates in questions, chat messages) are where 5xx hid."""
    app, key = fuzz_target
    operations = [op for op in _operations(app) if op.label in FOCUS]
    assert {op.label for op in operations} == FOCUS
    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=FOCUS_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
                  derandomize=True, database=None)
        def run(case) -> None:
            case.call_and_validate(headers={"Authorization": f"Bearer {key}"}, checks=[not_a_server_error])

        run()
