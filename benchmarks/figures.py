"""Time to compute the full figure set for 10 symbols x 30 years of synthetic daily bars.

Builds seeded random-walk closes on every NYSE session of the last 30 years for 10 symbols, then times:
- `prices import` of each CSV (validation, calendar checks, Parquet write);
- the full figure set (every standard period's change, 1-year and whole-history risk, 1-year relative figures
  against ^GSPC) from the files provider, cold (fresh provider, Parquet read) and warm (provider cache);
- the same through the http provider against a real HTTP server on 127.0.0.1 serving CSV, cold (every symbol
  fetched and parsed) and cached (TTL cache).

    python benchmarks/figures.py [--symbols 10] [--years 30] [--repeat 3]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from market_data import calendar  # noqa: E402
from market_data.importing import import_prices  # noqa: E402
from market_data.providers.files import FilesProvider  # noqa: E402
from market_data.providers.http import HttpProvider  # noqa: E402
from market_data.service import FigureService  # noqa: E402

SYMBOLS = ["^GSPC", "^RUT", "^DJI", "^IXIC", "^NDX", "IWM", "VTWO", "SPY", "QQQ", "DIA", "EFA", "EEM"]
BENCHMARK = "^GSPC"


def synthetic_csvs(folder: Path, symbols: list[str], years: int) -> tuple[dict[str, Path], int]:
    days = calendar.sessions()
    last = days[days <= pd.Timestamp.today().normalize()][-1]
    days = days[(days > last - pd.DateOffset(years=years)) & (days <= last)]
    rng = np.random.default_rng(20260101)
    paths = {}
    for symbol in symbols:
        closes = 1000 * np.exp(np.cumsum(rng.normal(0.0003, 0.012, len(days))))
        frame = pd.DataFrame({"date": days.date, "close": np.round(closes, 4)})
        path = folder / f"{symbol.strip('^')}.csv"
        frame.to_csv(path, index=False)
        paths[symbol] = path
    return paths, len(days)


def full_figure_set(service: FigureService, symbols: list[str]) -> int:
    count = 0
    for symbol in symbols:
        result = service.full_set(symbol, benchmark=None if symbol == BENCHMARK else BENCHMARK)
        count += len(result.figures)
    return count


def timed(fn, repeat: int) -> tuple[float, float, int]:
    runs, out = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        out = fn()
        runs.append(time.perf_counter() - started)
    return min(runs), statistics.median(runs), out


class CsvFeed(BaseHTTPRequestHandler):
    files: dict[str, bytes] = {}

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        symbol = unquote(self.path.rsplit("/", 1)[-1])
        body = self.files.get(symbol)
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "text/csv")
        self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        self.wfile.write(body or b"")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--symbols", type=int, default=10)
    parser.add_argument("--years", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    symbols = SYMBOLS[: args.symbols]

    started = time.perf_counter()
    calendar.nyse()
    print(f"NYSE calendar load: {time.perf_counter() - started:.3f} s")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths, bars = synthetic_csvs(folder, symbols, args.years)
        print(f"{len(symbols)} symbols x {bars} daily bars ({args.years} years), repeat {args.repeat} (min / median)")

        prices = folder / "prices"
        started = time.perf_counter()
        for symbol, path in paths.items():
            import_prices(path, symbol, prices, replace=True)
        print(f"import (validate + calendar checks + Parquet), all symbols: {time.perf_counter() - started:.3f} s")

        def files_cold() -> int:
            return full_figure_set(FigureService(FilesProvider(prices)), symbols)

        warm_service = FigureService(FilesProvider(prices))
        full_figure_set(warm_service, symbols)

        rows = [("files, cold (fresh provider, Parquet read)", *timed(files_cold, args.repeat)),
                ("files, warm (provider cache)", *timed(lambda: full_figure_set(warm_service, symbols), args.repeat))]

        CsvFeed.files = {s: p.read_bytes() for s, p in paths.items()}
        server = ThreadingHTTPServer(("127.0.0.1", 0), CsvFeed)
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        thread.start()
        url = f"http://127.0.0.1:{server.server_address[1]}/prices/{{symbol}}"
        try:
            def http_cold() -> int:
                return full_figure_set(FigureService(HttpProvider(url, cache_ttl_s=300)), symbols)

            cached = HttpProvider(url, cache_ttl_s=300)
            full_figure_set(FigureService(cached), symbols)
            rows.append(("http, cold (fetch + parse + validate)", *timed(http_cold, args.repeat)))
            rows.append(("http, cached (TTL cache)",
                         *timed(lambda: full_figure_set(FigureService(cached), symbols), args.repeat)))
            fetches = cached.fetches
        finally:
            server.shutdown()
            server.server_close()

    width = max(len(r[0]) for r in rows)
    for label, best, median, figures in rows:
        print(f"{label:<{width}}  {best * 1000:8.1f} ms  {median * 1000:8.1f} ms  "
              f"({figures} figures, {best / len(symbols) * 1000:.1f} ms/symbol)")
    print(f"http fetches by the cached provider over {args.repeat + 1} rounds: {fetches}")


if __name__ == "__main__":
    main()
