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
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from typer.testing import CliRunner

from caiwen.cli.main import app
from tests.security.conftest import live_service


class _Recorder(BaseHTTPRequestHandler):
    seen: list[tuple[str, str]] = []
    routes: dict[str, tuple[int, dict[str, str], bytes]] = {}

    def do_GET(self) -> None:  # noqa: N802 — http.server's name
        type(self).seen.append((self.path, self.headers.get("Authorization", "")))
        status, headers, body = type(self).routes.get(self.path.split("?")[0], (404, {}, b"{}"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def recorder():
    handler = type("Recorder", (_Recorder,), {"seen": [], "routes": {}})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield handler, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_readyz_does_not_make_every_caller_hit_the_llm(tmp_path, ingested_corpus, recorder) -> None:
    handler, url = recorder
    handler.routes["/v1/models"] = (200, {"Content-Type": "application/json"}, b'{"data": []}')
    with live_service(tmp_path, ingested_corpus, composer="llm", llm_base_url=f"{url}/v1",
                      llm_api_key="sk-secret-llm-key") as live:
        statuses = [httpx.get(f"{live.url}/readyz", timeout=30).status_code for _ in range(10)]
    assert statuses == [200] * 10
    probes = [p for p in handler.seen if p[0].startswith("/v1/models")]
    assert len(probes) == 1, handler.seen


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


def test_market_data_provider_refuses_redirects_and_huge_bodies(recorder) -> None:
    from assistant.figures.errors import ProviderDataError, ProviderUnavailableError
    from assistant.figures.providers import http as http_provider

    handler, url = recorder
    handler.routes["/moved/RUT"] = (302, {"Location": f"{url}/internal/secret"}, b"")
    handler.routes["/huge/RUT"] = (200, {"Content-Type": "text/csv"},
                                   b"date,close\n" + b"2025-01-02,2000.0\n" * 200_000)
    moved = http_provider.HttpProvider(f"{url}/moved/{{symbol}}", attempts=1)
    with pytest.raises(ProviderUnavailableError, match="redirects"):
        moved.history("RUT")
    assert not any(path.startswith("/internal") for path, _ in handler.seen)
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
