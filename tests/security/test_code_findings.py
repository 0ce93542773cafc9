"""Finding 17, from reading the code; each confirmed and fixed:

- every unauthenticated /readyz call made an outbound request to the LLM carrying its API key → the
  probe's result is cached (one request per LLM_HEALTH_TTL_S whatever the callers do);
- tool exception text reached the customer-visible `warnings` → a generic warning, the detail logged;
- the HTTP market-data provider followed redirects and read bodies without a limit → neither;
- `caiwen serve --workers N` with the in-memory limiter multiplied the widget limit by N → refused unless
  the operator opts in or shares the counts (redis).
"""
from __future__ import annotations

import json

import httpx
import pytest
from pytest_httpserver import HTTPServer
from typer.testing import CliRunner

from caiwen.cli.main import app
from tests.security.conftest import live_service


def test_readyz_does_not_make_every_caller_hit_the_llm(tmp_path, ingested_corpus, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/v1/models").respond_with_json({"data": []})
    with live_service(tmp_path, ingested_corpus, composer="llm", llm_base_url=httpserver.url_for("/v1"),
                      llm_api_key="sk-secret-llm-key") as live:
        statuses = [httpx.get(f"{live.url}/readyz", timeout=30).status_code for _ in range(10)]
    assert statuses == [200] * 10
    probes = [request.path for request, _ in httpserver.log if request.path.startswith("/v1/models")]
    assert len(probes) == 1, httpserver.log


def test_tool_failure_text_is_not_shown_to_customers(caplog) -> None:
    from langchain_core.messages import AIMessage
    from langchain_core.tools import tool

    from assistant.composers.llm_tools import run_tools

    @tool
    def figures(symbol: str) -> str:
        """Figures for a symbol."""
        raise RuntimeError("connection to http://10.0.0.7:9000/internal/feed?token=abc refused")

    warnings: list[str] = []
    message = AIMessage(content="", tool_calls=[{"name": "figures", "args": {"symbol": "^RUT"}, "id": "c1"}])
    with caplog.at_level("WARNING", logger="caiwen.llm"):
        replies = run_tools({"figures": figures}, message, [], warnings)
    assert warnings == ["tool figures failed"]
    assert "10.0.0.7" in caplog.text  # the operator still learns what went wrong
    assert replies[0].status == "error"


def test_market_data_provider_refuses_redirects_and_huge_bodies(httpserver: HTTPServer) -> None:
    from market_data.errors import ProviderDataError, ProviderUnavailableError
    from market_data.providers import http as http_provider

    url = httpserver.url_for("").rstrip("/")
    httpserver.expect_request("/moved/RUT").respond_with_data(
        "", status=302, headers={"Location": f"{url}/internal/secret"})
    httpserver.expect_request("/huge/RUT").respond_with_data(
        b"date,close\n" + b"2025-01-02,2000.0\n" * 200_000, content_type="text/csv")
    moved = http_provider.HttpProvider(f"{url}/moved/{{symbol}}", attempts=1)
    with pytest.raises(ProviderUnavailableError, match="redirects"):
        moved.history("RUT")
    assert not any(request.path.startswith("/internal") for request, _ in httpserver.log)
    huge = http_provider.HttpProvider(f"{url}/huge/{{symbol}}", attempts=1)
    limit = http_provider.MAX_BODY_BYTES
    http_provider.MAX_BODY_BYTES = 100_000
    try:
        with pytest.raises(ProviderDataError, match="more than"):
            huge.history("RUT")
    finally:
        http_provider.MAX_BODY_BYTES = limit


def test_several_workers_with_memory_limits_are_refused(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CAIWEN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CAIWEN_RATE_LIMIT", "30/minute")
    result = CliRunner().invoke(app, ["serve", "--workers", "4"])
    assert result.exit_code == 2
    assert "4× that" in result.output and "CAIWEN_RATE_LIMIT_STORAGE=redis" in result.output
    assert json.dumps(result.output)  # one readable message, no traceback
    assert result.exception is None or isinstance(result.exception, SystemExit)
