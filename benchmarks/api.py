"""Load test of the HTTP API on loopback: `/v1/ask` (extractive) at concurrency 1, 8 and 32.

Starts `caiwen serve` in a subprocess over a data directory holding the ingested corpus (ingesting it
first when the directory has no sources), mints an `ask` key, waits for `/readyz`, then drives
`/v1/ask` with the golden dev questions from an httpx async load generator and prints requests/s,
p50/p95/p99 latency and errors per concurrency level, plus server start-up time and RSS.

`--long N` mixes N 2,000-character questions into each level (spread evenly). They must be handled
quickly: a 422 `question_too_long` (or a 200) counts as handled, anything else as an error; the
latency columns are those of the normal questions, and the long ones' latencies are printed apart.

    python benchmarks/api.py [--data-dir DIR] [--requests 64] [--levels 1,8,32] [--workers 1] [--long 0]
    python benchmarks/api.py --requests 400 --levels 50 --long 4     # the issue-10 load run
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import psutil

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
LONG_QUESTION = ("羅素2000指數的成分股每年六月重組，請詳細解釋重組對小型股、指數基金和投資者的影響。" * 60)[:2000]
FALLBACK_QUESTIONS = ["羅素2000點樣重組？", "罗素2000和标普500估值差多少", "How does the Russell 2000 reconstitution work?"]


def questions() -> list[str]:
    golden = SHARED / "golden" / "dev.jsonl"
    if not golden.is_file():
        return FALLBACK_QUESTIONS
    return [json.loads(line)["question"] for line in golden.read_text(encoding="utf-8").splitlines() if line.strip()]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare(data_dir: Path, env: dict[str, str]) -> str:
    """Ingest the corpus when needed and mint a fresh `ask` key; returns the key."""
    code = (
        "import sys\n"
        "from caiwen.config import Settings\n"
        "from knowledge_base.catalog import Catalog\n"
        "s = Settings()\n"
        "if not Catalog(s.catalog_path).documents():\n"
        "    from caiwen.wiring import run_ingest\n"
        f"    print(run_ingest([__import__('pathlib').Path({str(SHARED / 'corpus')!r})], s).model_dump_json(),"
        " file=sys.stderr)\n"
        "from caiwen.persistence import make_engine, upgrade\n"
        "from api.security import KeyStore\n"
        "e = make_engine(s.sql_url); upgrade(e)\n"
        "print(KeyStore(e).create(f'bench-{__import__(\"uuid\").uuid4().hex[:8]}', 'ask'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    return out.stdout.strip().splitlines()[-1]


def rss_mb(proc: psutil.Process) -> float:
    try:
        procs = [proc, *proc.children(recursive=True)]
        return sum(p.memory_info().rss for p in procs if p.is_running()) / 1e6
    except psutil.Error:
        return float("nan")


async def drive(url: str, key: str, qs: list[str], concurrency: int, total: int, long: int = 0) -> dict:
    latencies: list[float] = []
    long_latencies: list[float] = []
    long_statuses: dict[str, int] = {}
    errors: dict[str, int] = {}
    counter = iter(range(total))
    long_at = {round((j + 0.5) * total / long) for j in range(long)} if long else set()
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits,
                                 headers={"Authorization": f"Bearer {key}"}) as client:

        async def worker() -> None:
            for i in counter:
                started = time.perf_counter()
                if i in long_at:
                    try:
                        response = await client.post("/v1/ask", json={"question": LONG_QUESTION})
                    except httpx.HTTPError as exc:
                        errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
                        continue
                    status = str(response.status_code)
                    long_statuses[status] = long_statuses.get(status, 0) + 1
                    if response.status_code not in (200, 422):
                        errors[f"long:{status}"] = errors.get(f"long:{status}", 0) + 1
                    long_latencies.append((time.perf_counter() - started) * 1000)
                    continue
                try:
                    response = await client.post("/v1/ask", json={"question": qs[i % len(qs)]})
                    if response.status_code != 200:
                        errors[str(response.status_code)] = errors.get(str(response.status_code), 0) + 1
                        continue
                except httpx.HTTPError as exc:
                    errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
                    continue
                latencies.append((time.perf_counter() - started) * 1000)

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    return {"latencies": latencies, "errors": errors, "elapsed": elapsed, "long_latencies": long_latencies,
            "long_statuses": long_statuses}


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="data dir with (or to receive) the ingested corpus")
    parser.add_argument("--requests", type=int, default=64, help="requests per concurrency level (at least 4 per connection)")
    parser.add_argument("--levels", default="1,8,32")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--long", type=int, default=0, help="2,000-character questions mixed into each level")
    args = parser.parse_args()

    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="caiwen-bench-"))
    env = {**os.environ, "CAIWEN_DATA_DIR": str(data_dir), "CAIWEN_COMPOSER": "extractive",
           "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT)}
    print(f"data dir: {data_dir}", flush=True)
    key = prepare(data_dir, env)

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-c", "from caiwen.cli.main import run; run()", "serve", "--port", str(port),
         "--workers", str(args.workers), *(["--per-worker-limits"] if args.workers > 1 else [])],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    proc = psutil.Process(server.pid)
    try:
        while True:
            if server.poll() is not None:
                print("server exited during start-up", file=sys.stderr)
                return 1
            try:
                if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.perf_counter() - started > 300:
                print("server not ready after 300 s", file=sys.stderr)
                return 1
            time.sleep(0.1)
        startup_s = time.perf_counter() - started
        print(f"server start-up (spawn → /readyz 200): {startup_s:.2f} s; RSS {rss_mb(proc):.0f} MB "
              f"({args.workers} worker(s), {os.cpu_count()} CPUs)")
        qs = questions()
        asyncio.run(drive(url, key, qs, 1, min(4, args.requests)))  # warm-up, not reported
        print(f"{'conc':>4} {'reqs':>5} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>8} {'RSS MB':>7}")
        for level in (int(x) for x in args.levels.split(",")):
            result = asyncio.run(drive(url, key, qs, level, max(args.requests, 4 * level), args.long))
            lat = result["latencies"]
            errors = sum(result["errors"].values())
            handled_long = sum(result["long_statuses"].values()) - sum(
                n for k, n in result["errors"].items() if k.startswith("long:"))
            detail = "" if not errors else " " + json.dumps(result["errors"])
            total = len(lat) + len(result["long_latencies"]) + sum(
                n for k, n in result["errors"].items() if not k.startswith("long:"))
            print(f"{level:>4} {total:>5} {total / result['elapsed']:>7.1f} {pct(lat, 50):>8.1f} "
                  f"{pct(lat, 95):>8.1f} {pct(lat, 99):>8.1f} {errors:>8}{detail} {rss_mb(proc):>7.0f}", flush=True)
            if args.long:
                long_ms = ", ".join(f"{v:.0f}" for v in sorted(result["long_latencies"]))
                print(f"     long questions: {handled_long}/{args.long} handled, statuses "
                      f"{json.dumps(result['long_statuses'])}, latency ms [{long_ms}]; normal questions: "
                      f"{len(lat)} ok, p95 {pct(lat, 95):.0f} ms", flush=True)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
