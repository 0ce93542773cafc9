"""`caiwen serve --workers 2` as a real subprocess: the per-IP limit is shared through a real redis-server,
and `/metrics` from any worker counts the requests every worker served (prometheus multiprocess mode)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from service_harness import WIDGET_ORIGIN, free_port

REPO = Path(__file__).resolve().parents[2]
LIMIT = 4
REQUESTS = 12


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    port = free_port()
    workdir = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly",
                                "no", "--dir", str(workdir)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    import redis

    client = redis.Redis(host="127.0.0.1", port=port)
    deadline = time.monotonic() + 30
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            assert process.poll() is None and time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.1)
    yield f"redis://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


def test_two_workers_share_the_rate_limit_and_the_metrics(ingested_data_dir: Path, redis_url: str,
                                                          tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(ingested_data_dir, data_dir)
    metrics_dir = tmp_path / "metrics"
    metrics_dir.mkdir()
    port = free_port()
    env = {**os.environ, "CAIWEN_DATA_DIR": str(data_dir), "CAIWEN_COMPOSER": "extractive",
           "CAIWEN_RATE_LIMIT": f"{LIMIT}/minute", "CAIWEN_RATE_LIMIT_STORAGE": redis_url,
           "CAIWEN_CORS_ORIGINS": f'["{WIDGET_ORIGIN}"]', "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir),
           "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(REPO)}
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen([sys.executable, "-m", "caiwen", "serve", "--port", str(port), "--workers", "2"],
                                  cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        ready = 0
        while ready < 6:  # consecutive answers, so both workers have finished starting
            assert server.poll() is None, log.read_text(errors="replace")[-3000:]
            assert time.monotonic() < deadline, "the workers did not get ready"
            try:
                ready = ready + 1 if httpx.get(f"{url}/readyz", timeout=5).status_code == 200 else 0
            except httpx.HTTPError:
                ready = 0
            time.sleep(0.2)

        statuses = []
        for _ in range(REQUESTS):  # a new connection each time: the kernel spreads them over the workers
            response = httpx.post(f"{url}/v1/chat/stream", json={"question": "羅素2000點樣重組？"},
                                  headers={"Origin": WIDGET_ORIGIN}, timeout=120)
            statuses.append(response.status_code)
        assert statuses.count(200) == LIMIT and statuses.count(429) == REQUESTS - LIMIT, statuses

        served_by = {int(m.group(1)) for f in metrics_dir.iterdir()
                     if (m := re.fullmatch(r"histogram_(\d+)\.db", f.name))}
        assert len(served_by) == 2, f"requests did not reach both workers: {sorted(served_by)}"

        families = {f.name: f for f in text_string_to_metric_families(httpx.get(f"{url}/metrics").text)}
        asks = sum(s.value for s in families["caiwen_http_request_duration_seconds"].samples
                   if s.name.endswith("_count") and s.labels.get("route") == "/v1/chat/stream")
        assert asks == REQUESTS  # whichever worker answered the scrape counted all of them
        rejected = sum(s.value for s in families["caiwen_rate_limited"].samples if s.name.endswith("_total"))
        assert rejected == REQUESTS - LIMIT
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
