"""The http provider against a real HTTP server on 127.0.0.1: JSON, CSV, caching, retries, outages, garbage."""
from __future__ import annotations

import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

import pytest

from market_data.errors import MarketDataConfigError, NoDataError, ProviderDataError, ProviderUnavailableError
from market_data.providers import make_provider
from market_data.providers.http import HttpProvider
from market_data.service import FigureService

BARS = [("2024-12-31", 2000.0), ("2025-01-02", 2050.0), ("2025-01-03", 2100.0), ("2025-01-06", 2200.0)]


class Feed(BaseHTTPRequestHandler):
    hits: Counter = Counter()
    flaky_failures = 2

    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def _send(self, status: int, body: str, ctype: str) -> None:
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: N802 - http.server API
        _, mode, symbol = self.path.split("?")[0].split("/", 2)
        symbol = unquote(symbol)
        Feed.hits[mode] += 1
        csv = "Date,Close\n" + "\n".join(f"{d},{c}" for d, c in BARS)
        if mode == "csv":
            self._send(200, csv, "text/csv")
        elif mode == "json":
            self._send(200, json.dumps({"symbol": symbol, "bars": [{"date": d, "close": c} for d, c in BARS]}),
                       "application/json")
        elif mode == "cols":
            self._send(200, json.dumps({"date": [d for d, _ in BARS], "close": [c for _, c in BARS]}),
                       "application/json")
        elif mode == "garbage":
            self._send(200, "<html><body>Service temporarily moved</body></html>", "text/html")
        elif mode == "badjson":
            self._send(200, '{"bars": [{"date": "2025-01-02", "close": 1', "application/json")
        elif mode == "nan":
            self._send(200, json.dumps([{"date": "2025-01-02", "close": 1.0}, {"date": "2025-01-03", "close": None}]),
                       "application/json")
        elif mode == "empty":
            self._send(200, "[]", "application/json")
        elif mode == "missing":
            self._send(404, '{"error": "unknown symbol"}', "application/json")
        elif mode == "flaky":
            if Feed.hits[mode] <= Feed.flaky_failures:
                self._send(503, "busy", "text/plain")
            else:
                self._send(200, csv, "text/csv")
        elif mode == "slow":
            time.sleep(1.0)
            self._send(200, csv, "text/csv")
        else:
            self._send(500, "boom", "text/plain")


@pytest.fixture
def feed():
    Feed.hits = Counter()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Feed)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield server, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _provider(base: str, mode: str, **kw) -> HttpProvider:
    kw.setdefault("backoff_s", 0.01)
    kw.setdefault("timeout_s", 2.0)
    return HttpProvider(f"{base}/{mode}/{{symbol}}", **kw)


@pytest.mark.parametrize("mode", ["csv", "json", "cols"])
def test_json_and_csv_answers_give_the_same_figures(feed, mode) -> None:
    _, base = feed
    result = FigureService(_provider(base, mode)).performance("羅素2000", "ytd")
    ret = result.figure("return")
    assert ret.value == pytest.approx(10.0) and ret.symbol == "^RUT"
    assert ret.source == f"http:{base}/{mode}/%5ERUT" and str(ret.as_of) == "2025-01-06"


def test_answers_are_cached_for_the_ttl(feed) -> None:
    _, base = feed
    provider = _provider(base, "csv", cache_ttl_s=60)
    for _ in range(3):
        provider.history("^RUT")
    provider.latest("^RUT")
    assert Feed.hits["csv"] == 1 and provider.fetches == 1
    provider.history("^GSPC")
    assert Feed.hits["csv"] == 2  # per symbol
    uncached = _provider(base, "csv", cache_ttl_s=0)
    uncached.history("^RUT")
    uncached.history("^RUT")
    assert Feed.hits["csv"] == 4
    short = _provider(base, "csv", cache_ttl_s=0.05)
    short.history("^RUT")
    time.sleep(0.1)
    short.history("^RUT")
    assert Feed.hits["csv"] == 6


def test_transient_errors_are_retried_with_backoff(feed) -> None:
    _, base = feed
    history = _provider(base, "flaky", attempts=3).history("^RUT")
    assert len(history) == 4 and Feed.hits["flaky"] == 3


def test_a_service_that_stays_down_is_a_clear_error(feed) -> None:
    _, base = feed
    with pytest.raises(ProviderUnavailableError, match=r"unavailable \(HTTP 500; 3 attempt\(s\)"):
        _provider(base, "boom", attempts=3).history("^RUT")
    assert Feed.hits["boom"] == 3


def test_service_going_down_after_a_good_answer(feed) -> None:
    server, base = feed
    provider = _provider(base, "csv", cache_ttl_s=60, attempts=2)
    assert len(provider.history("^RUT")) == 4
    server.shutdown()
    server.server_close()
    assert len(provider.history("^RUT")) == 4  # still within the TTL: served from the cache
    provider.clear_cache()
    with pytest.raises(ProviderUnavailableError, match="ConnectError.*2 attempt"):
        provider.history("^RUT")


def test_timeouts(feed) -> None:
    _, base = feed
    started = time.monotonic()
    with pytest.raises(ProviderUnavailableError, match="Timeout"):
        _provider(base, "slow", timeout_s=0.2, attempts=1).history("^RUT")
    assert time.monotonic() - started < 0.9


@pytest.mark.parametrize(
    ("mode", "message"),
    [
        ("garbage", "neither JSON nor CSV: '<html><body>Service"),
        ("badjson", "malformed JSON"),
        ("nan", r"missing or non-numeric close\(s\) \(NaN\): bar 2"),
    ],
)
def test_garbage_is_refused_not_guessed(feed, mode, message) -> None:
    _, base = feed
    with pytest.raises(ProviderDataError, match=message):
        _provider(base, mode).history("^RUT")


def test_unknown_and_empty_symbols(feed) -> None:
    _, base = feed
    with pytest.raises(NoDataError, match="HTTP 404"):
        _provider(base, "missing").history("^RUT")
    with pytest.raises(NoDataError, match="returned no bars"):
        _provider(base, "empty").history("^RUT")


def test_configuration_errors_are_not_outages(settings) -> None:
    """A wrong CAIWEN_MARKET_DATA* setting is the operator's to fix, not a feed that is down."""
    with pytest.raises(MarketDataConfigError, match=r"must contain \{symbol\}") as bad_template:
        HttpProvider("http://127.0.0.1:9/prices")
    with pytest.raises(MarketDataConfigError, match="CAIWEN_MARKET_DATA_URL"):
        make_provider(settings.model_copy(update={"market_data": "http"}))
    with pytest.raises(MarketDataConfigError, match="unknown market_data 'bloomberg': use one of files, http, yahoo") as unknown:
        make_provider(settings.model_copy(update={"market_data": "bloomberg"}))
    for raised in (bad_template, unknown):
        assert not isinstance(raised.value, ProviderUnavailableError)
        assert raised.value.code == "market_data_misconfigured"


def test_settings_choose_the_http_provider(feed, settings) -> None:
    _, base = feed
    provider = make_provider(settings.model_copy(update={"market_data": "http",
                                                         "market_data_url": f"{base}/json/{{symbol}}"}))
    assert isinstance(provider, HttpProvider) and provider.latest("^RUT").close == 2200.0


def test_yahoo_is_an_optional_extra(settings) -> None:
    pytest.importorskip("pandas")
    try:
        import yfinance  # noqa: F401
    except ImportError:
        with pytest.raises(ProviderUnavailableError, match=r"pip install 'caiwen\[yahoo\]'"):
            make_provider(settings.model_copy(update={"market_data": "yahoo"}))
    else:  # pragma: no cover - only where the extra is installed
        pytest.skip("yfinance installed; the missing-extra message cannot be shown")


def test_a_feed_may_know_tickers_outside_the_alias_table(feed) -> None:
    _, base = feed
    result = FigureService(_provider(base, "csv")).performance("qqq", "ytd")
    assert result.figure("return").symbol == "QQQ"
