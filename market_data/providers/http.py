"""A quote service reached over HTTP (how a brokerage's own feed is reached).

`url_template` names the symbol as `{symbol}` and may name `{start}` / `{end}` (ISO dates, empty when
open-ended). The answer may be JSON (a list of bar objects, `{"bars": [...]}` / `{"prices": [...]}` /
`{"data": [...]}`, or columns `{"date": [...], "close": [...]}`) or CSV with a header. Transient failures
(connection refused, timeouts, 5xx) are retried with exponential backoff; successful answers are kept for
`cache_ttl_s` seconds.
"""
from __future__ import annotations

import csv
import io
import json
import threading
import time
from datetime import date
from urllib.parse import quote, urlsplit, urlunsplit

import httpx
import pandas as pd
from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_exponential

from market_data.bars import validate_bars
from market_data.errors import MarketDataConfigError, NoDataError, ProviderDataError, ProviderUnavailableError
from market_data.models import Bar, PriceHistory
from market_data.providers.base import clip, last_bar

_LIST_KEYS = ("bars", "prices", "data", "history", "values", "candles", "quotes", "results")
MAX_BODY_BYTES = 20_000_000  # decades of daily bars are a few MB; more is a misconfigured or hostile feed


class _Transient(Exception):
    """A failure worth retrying (wrapped so tenacity retries only these)."""


def _public(url: str) -> str:
    """The URL without query string or credentials, fit to show as a figure's source."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


def parse_payload(body: bytes, content_type: str, source: str) -> pd.DataFrame:
    """Raw table from a JSON or CSV answer; anything else is a ProviderDataError."""
    text = body.decode("utf-8-sig", errors="replace").strip()
    preview = text[:60].replace("\n", " ")
    if not text:
        raise ProviderDataError(f"quote service at {source} returned an empty body", source)
    if "json" in content_type or text[0] in "[{":
        try:
            payload = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ProviderDataError(f"quote service at {source} returned malformed JSON ({exc.msg} at "
                                    f"char {exc.pos}): {preview!r}", source) from None
        if isinstance(payload, dict):
            inner = next((payload[k] for k in _LIST_KEYS if isinstance(payload.get(k), (list, dict))), None)
            payload = inner if inner is not None else payload
        if isinstance(payload, dict) and payload and all(isinstance(v, list) for v in payload.values()):
            try:
                return pd.DataFrame(payload)
            except ValueError:
                raise ProviderDataError(f"quote service at {source} returned columns of unequal length", source) from None
        if isinstance(payload, list) and all(isinstance(r, dict) for r in payload):
            return pd.DataFrame.from_records(payload)
        raise ProviderDataError(f"quote service at {source} returned JSON that is not a list of bars: {preview!r}",
                                source)
    first_line = text.split("\n", 1)[0]
    if "," in first_line or "\t" in first_line or ";" in first_line:
        sep = "\t" if "\t" in first_line else ";" if ";" in first_line and "," not in first_line else ","
        try:
            return pd.read_csv(io.StringIO(text), sep=sep)
        except (pd.errors.ParserError, ValueError, csv.Error) as exc:
            raise ProviderDataError(f"quote service at {source} returned CSV that does not parse: {exc}", source) from None
    raise ProviderDataError(f"quote service at {source} returned neither JSON nor CSV: {preview!r}", source)


class HttpProvider:
    name = "http"
    lists_symbols = False  # any ticker may be asked for; the feed says 404 if it has none

    def __init__(
        self,
        url_template: str,
        timeout_s: float = 5.0,
        cache_ttl_s: float = 300.0,
        attempts: int = 3,
        backoff_s: float = 0.25,
        client: httpx.Client | None = None,
    ):
        if "{symbol}" not in url_template:
            raise MarketDataConfigError(
                f"market_data_url must contain {{symbol}} (got {url_template!r}); "
                "e.g. http://feed.local/prices/{symbol}.csv"
            )
        self.url_template = url_template
        self.timeout_s = timeout_s
        self.cache_ttl_s = cache_ttl_s
        self.attempts = max(1, attempts)
        self.backoff_s = backoff_s
        # No redirects: the configured feed answers itself, and a redirect could point anywhere (even inside).
        self.client = client or httpx.Client(timeout=httpx.Timeout(timeout_s), follow_redirects=False)
        self._cache: dict[str, tuple[float, PriceHistory]] = {}
        self._lock = threading.Lock()
        self.fetches = 0  # network round trips that returned an answer (for the benchmark and tests)

    def url_for(self, symbol: str, start: date | None = None, end: date | None = None) -> str:
        return (
            self.url_template.replace("{symbol}", quote(symbol, safe=""))
            .replace("{start}", start.isoformat() if start else "")
            .replace("{end}", end.isoformat() if end else "")
        )

    def _get(self, url: str) -> tuple[httpx.Response, bytes]:
        """The response and its body, read up to MAX_BODY_BYTES."""
        try:
            with self.client.stream("GET", url, follow_redirects=False) as response:
                if response.status_code >= 500 or response.status_code == 429:
                    raise _Transient(f"HTTP {response.status_code}")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body.extend(chunk)
                    if len(body) > MAX_BODY_BYTES:
                        raise ProviderDataError(f"quote service at {_public(url)} sent more than "
                                                f"{MAX_BODY_BYTES:,} bytes", _public(url))
                return response, bytes(body)
        except (httpx.TransportError, httpx.TimeoutException) as exc:
            raise _Transient(f"{type(exc).__name__}: {exc}") from exc

    def _fetch(self, symbol: str, url: str) -> PriceHistory:
        source = _public(url)
        retrying = Retrying(
            stop=stop_after_attempt(self.attempts),
            wait=wait_exponential(multiplier=self.backoff_s, max=max(self.backoff_s * 8, 0.01)),
            retry=retry_if_exception(lambda e: isinstance(e, _Transient)),
            reraise=True,
        )
        try:
            response, body = retrying(self._get, url)
        except _Transient as exc:
            raise ProviderUnavailableError(
                f"quote service at {source} is unavailable ({exc}; {self.attempts} attempt(s), timeout "
                f"{self.timeout_s:g} s)", source
            ) from None
        self.fetches += 1
        if response.status_code == 404:
            raise NoDataError(symbol, f"the quote service has no such symbol (HTTP 404 from {source})")
        if response.status_code >= 400:
            raise ProviderUnavailableError(f"quote service at {source} refused the request (HTTP "
                                           f"{response.status_code})", source)
        if response.is_redirect:
            raise ProviderUnavailableError(f"quote service at {source} redirects (HTTP {response.status_code}); "
                                           "set CAIWEN_MARKET_DATA_URL to the final address", source)
        raw = parse_payload(body, response.headers.get("content-type", ""), source)
        if len(raw) == 0:
            raise NoDataError(symbol, f"the quote service at {source} returned no bars")
        checked = validate_bars(raw, row_label=lambda i: f"bar {i + 1}")
        if checked.problems:
            raise ProviderDataError(f"quote service at {source} returned unusable bars for {symbol}: "
                                    + "; ".join(checked.problems), source)
        return PriceHistory(symbol, checked.bars, f"http:{source}")

    def _full(self, symbol: str, start: date | None, end: date | None) -> PriceHistory:
        url = self.url_for(symbol, start, end)
        now = time.monotonic()
        with self._lock:
            hit = self._cache.get(url)
            if hit and hit[0] > now:
                return hit[1]
        history = self._fetch(symbol, url)
        if self.cache_ttl_s > 0:
            with self._lock:
                self._cache[url] = (time.monotonic() + self.cache_ttl_s, history)
        return history

    def history(self, symbol: str, start: date | None = None, end: date | None = None) -> PriceHistory:
        # Only a template that names {start}/{end} gets a per-window URL; otherwise one cached fetch serves all.
        templated = "{start}" in self.url_template or "{end}" in self.url_template
        full = self._full(symbol, start if templated else None, end if templated else None)
        return clip(full, start, end)

    def latest(self, symbol: str) -> Bar:
        return last_bar(self._full(symbol, None, None))

    def symbols(self) -> list[str]:
        return []

    def clear_cache(self) -> None:
        with self._lock:
            self._cache.clear()
