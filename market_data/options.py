"""Which market-data backend answers, and how, as plain values (the composition root fills them in)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class MarketDataOptions:
    market_data: str = "files"  # the provider's registry name: files | http | yahoo
    prices_dir: Path = Path(".caiwen/prices")  # the files provider's folder (`caiwen prices import` writes it)
    market_data_url: str | None = None  # the http provider's URL template, with {symbol}
    market_data_timeout_s: float = 5.0
    market_data_cache_ttl_s: float = 300.0
