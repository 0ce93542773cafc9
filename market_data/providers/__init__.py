"""Market-data providers, chosen by `MarketDataOptions.market_data` (files | http | yahoo).

Providers are kept per configuration for the life of the process, so the http provider's TTL cache and
connection pool serve every question an API worker answers.
"""
from __future__ import annotations

import threading
from collections.abc import Callable

from market_data.errors import MarketDataConfigError
from market_data.options import MarketDataOptions
from market_data.providers.base import MarketDataProvider
from caiwen.registry import Registry, UnknownNameError

# Each factory builds the provider named by `options.market_data` from the options.
PROVIDERS: Registry[Callable[[MarketDataOptions], MarketDataProvider]] = Registry("market_data")


@PROVIDERS.register("files")
def _files(options: MarketDataOptions) -> MarketDataProvider:
    from market_data.providers.files import FilesProvider

    return FilesProvider(options.prices_dir)


@PROVIDERS.register("http")
def _http(options: MarketDataOptions) -> MarketDataProvider:
    from market_data.providers.http import HttpProvider

    if not options.market_data_url:
        raise MarketDataConfigError(
            "market_data=http needs CAIWEN_MARKET_DATA_URL, a URL template with {symbol}, "
            "e.g. http://feed.local/prices/{symbol}.csv"
        )
    return HttpProvider(
        options.market_data_url,
        timeout_s=options.market_data_timeout_s,
        cache_ttl_s=options.market_data_cache_ttl_s,
    )


@PROVIDERS.register("yahoo")
def _yahoo(options: MarketDataOptions) -> MarketDataProvider:
    from market_data.providers.yahoo import YahooProvider

    return YahooProvider(timeout_s=options.market_data_timeout_s)


_instances: dict[tuple, MarketDataProvider] = {}
_lock = threading.Lock()


def _config_key(options: MarketDataOptions) -> tuple:
    return (
        options.market_data,
        str(options.prices_dir) if options.market_data == "files" else None,
        options.market_data_url,
        options.market_data_timeout_s,
        options.market_data_cache_ttl_s,
    )


def make_provider(options: MarketDataOptions) -> MarketDataProvider:
    """A fresh provider for the configured backend."""
    try:
        factory = PROVIDERS.get(options.market_data)
    except UnknownNameError as exc:
        raise MarketDataConfigError(str(exc)) from None
    return factory(options)


def provider_for(options: MarketDataOptions) -> MarketDataProvider:
    """The process-wide provider for this configuration (created on first use)."""
    key = _config_key(options)
    with _lock:
        provider = _instances.get(key)
        if provider is None:
            provider = _instances[key] = make_provider(options)
        return provider


__all__ = ["MarketDataOptions", "MarketDataProvider", "PROVIDERS", "make_provider", "provider_for"]
