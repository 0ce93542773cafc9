"""Market-data providers, chosen by `settings.market_data` (files | http | yahoo).

Providers are kept per configuration for the life of the process, so the http provider's TTL cache and
connection pool serve every question an API worker answers.
"""
from __future__ import annotations

import threading
from collections.abc import Callable

from market_data.errors import MarketDataConfigError
from market_data.providers.base import MarketDataProvider
from caiwen.registry import Registry, UnknownNameError

# Each factory builds the provider named by `settings.market_data` from the settings.
PROVIDERS: Registry[Callable[..., MarketDataProvider]] = Registry("market_data")


@PROVIDERS.register("files")
def _files(settings) -> MarketDataProvider:
    from market_data.providers.files import FilesProvider

    return FilesProvider(settings.prices_dir)


@PROVIDERS.register("http")
def _http(settings) -> MarketDataProvider:
    from market_data.providers.http import HttpProvider

    if not settings.market_data_url:
        raise MarketDataConfigError(
            "market_data=http needs CAIWEN_MARKET_DATA_URL, a URL template with {symbol}, "
            "e.g. http://feed.local/prices/{symbol}.csv"
        )
    return HttpProvider(
        settings.market_data_url,
        timeout_s=settings.market_data_timeout_s,
        cache_ttl_s=settings.market_data_cache_ttl_s,
    )


@PROVIDERS.register("yahoo")
def _yahoo(settings) -> MarketDataProvider:
    from market_data.providers.yahoo import YahooProvider

    return YahooProvider(timeout_s=settings.market_data_timeout_s)


_instances: dict[tuple, MarketDataProvider] = {}
_lock = threading.Lock()


def _config_key(settings) -> tuple:
    return (
        settings.market_data,
        str(settings.prices_dir) if settings.market_data == "files" else None,
        settings.market_data_url,
        settings.market_data_timeout_s,
        settings.market_data_cache_ttl_s,
    )


def make_provider(settings) -> MarketDataProvider:
    """A fresh provider for the configured backend."""
    try:
        factory = PROVIDERS.get(settings.market_data)
    except UnknownNameError as exc:
        raise MarketDataConfigError(str(exc)) from None
    return factory(settings)


def provider_for(settings) -> MarketDataProvider:
    """The process-wide provider for this configuration (created on first use)."""
    key = _config_key(settings)
    with _lock:
        provider = _instances.get(key)
        if provider is None:
            provider = _instances[key] = make_provider(settings)
        return provider


__all__ = ["MarketDataProvider", "PROVIDERS", "make_provider", "provider_for"]
