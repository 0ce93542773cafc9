"""The embedded default: daily bars imported into `prices_dir`, one Parquet file per symbol.

Each file carries its own provenance (source file names, import time, coverage) in the Parquet schema
metadata, so a file is the whole record and replacing it with `os.replace` is atomic.
"""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from market_data.errors import NoDataError
from market_data.models import Bar, PriceHistory
from market_data.providers.base import clip, last_bar

META_KEY = b"caiwen"


@dataclass(frozen=True)
class StoredSeries:
    symbol: str
    path: Path
    rows: int
    first: date | None
    last: date | None
    sources: list[str]
    imported_at: str

    @property
    def source(self) -> str:
        latest = self.sources[-1] if self.sources else "unknown file"
        return f"files:{self.symbol} ({latest}, imported {self.imported_at[:10]})"


class PriceStore:
    """Reads and atomically writes the per-symbol Parquet files."""

    def __init__(self, prices_dir: Path):
        self.dir = Path(prices_dir)
        self._cache: dict[str, tuple[int, PriceHistory]] = {}

    def path_for(self, symbol: str) -> Path:
        return self.dir / f"{symbol}.parquet"

    def exists(self, symbol: str) -> bool:
        return self.path_for(symbol).is_file()

    def symbols(self) -> list[str]:
        if not self.dir.is_dir():
            return []
        return sorted(p.stem for p in self.dir.glob("*.parquet"))

    def info(self, symbol: str) -> StoredSeries:
        path = self.path_for(symbol)
        meta = pq.read_schema(path).metadata or {}
        record = json.loads(meta.get(META_KEY, b"{}"))
        return StoredSeries(
            symbol=symbol,
            path=path,
            rows=pq.read_metadata(path).num_rows,
            first=date.fromisoformat(record["first"]) if record.get("first") else None,
            last=date.fromisoformat(record["last"]) if record.get("last") else None,
            sources=list(record.get("sources", [])),
            imported_at=record.get("imported_at", ""),
        )

    def catalog(self) -> list[StoredSeries]:
        return [self.info(s) for s in self.symbols()]

    def read(self, symbol: str) -> PriceHistory:
        path = self.path_for(symbol)
        try:
            mtime = path.stat().st_mtime_ns
        except FileNotFoundError:
            raise NoDataError(symbol, f"nothing imported (run `caiwen prices import FILE --symbol {symbol}`)") from None
        cached = self._cache.get(symbol)
        if cached and cached[0] == mtime:
            return cached[1]
        frame = pd.read_parquet(path)
        frame["date"] = pd.to_datetime(frame["date"])
        history = PriceHistory(symbol, frame.set_index("date"), self.info(symbol).source)
        self._cache[symbol] = (mtime, history)
        return history

    def write(self, symbol: str, bars: pd.DataFrame, sources: list[str]) -> StoredSeries:
        """Replace the symbol's file in one step: write a temp file beside it, then rename over it."""
        self.dir.mkdir(parents=True, exist_ok=True)
        record = {
            "symbol": symbol,
            "sources": sources[-20:],
            "imported_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "first": bars.index[0].date().isoformat() if len(bars) else None,
            "last": bars.index[-1].date().isoformat() if len(bars) else None,
        }
        frame = bars.reset_index()
        frame["date"] = frame["date"].dt.date
        table = pa.Table.from_pandas(frame, preserve_index=False)
        table = table.replace_schema_metadata({META_KEY: json.dumps(record).encode()})
        fd, tmp = tempfile.mkstemp(prefix=f".{symbol}.", suffix=".tmp", dir=self.dir)
        os.close(fd)
        try:
            pq.write_table(table, tmp)
            os.replace(tmp, self.path_for(symbol))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self._cache.pop(symbol, None)
        return self.info(symbol)


class FilesProvider:
    name = "files"
    lists_symbols = True

    def __init__(self, prices_dir: Path):
        self.store = PriceStore(prices_dir)

    def history(self, symbol: str, start: date | None = None, end: date | None = None) -> PriceHistory:
        return clip(self.store.read(symbol), start, end)

    def latest(self, symbol: str) -> Bar:
        return last_bar(self.store.read(symbol))

    def symbols(self) -> list[str]:
        return self.store.symbols()
