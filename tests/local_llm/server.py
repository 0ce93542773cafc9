"""The real local model for tests marked `local_llm`: found (or skipped with the reason), served by
`caiwen llm serve` in a subprocess, and stopped with SIGTERM.

Importable from any test package (the widget's browser test uses it too). The model file is the one
`caiwen llm fetch` wrote (CAIWEN_LOCAL_MODEL, else <data dir>/models/…); threads come from
CAIWEN_TEST_LLM_THREADS (default 2). Answers on a loaded 2-core machine take minutes, so the chain's LLM
timeout is CAIWEN_TEST_LLM_TIMEOUT_S (default 600 s).
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]
THREADS = int(os.environ.get("CAIWEN_TEST_LLM_THREADS", "2"))
TIMEOUT_S = float(os.environ.get("CAIWEN_TEST_LLM_TIMEOUT_S", "600"))
ALIAS = "caiwen-local"


@dataclass
class RunningLLM:
    base_url: str  # …/v1, what CAIWEN_LLM_BASE_URL is set to
    model: Path
    process: subprocess.Popen
    stdout_path: Path

    def env(self) -> dict[str, str]:
        """The CAIWEN_LLM_* settings that point the chain at this server."""
        return {"CAIWEN_COMPOSER": "llm", "CAIWEN_LLM_BASE_URL": self.base_url, "CAIWEN_LLM_MODEL": ALIAS,
                "CAIWEN_LLM_TOOLS": "off", "CAIWEN_LLM_TIMEOUT_S": str(TIMEOUT_S)}


def fetched_model() -> Path:
    """The fetched GGUF, or a skip that says how to get it."""
    if subprocess.run([sys.executable, "-c", "import xllamacpp"], capture_output=True).returncode != 0:
        pytest.skip("xllamacpp is not installed: pip install 'caiwen[local-llm]' -c constraints.txt")
    from caiwen.local_llm.weights import BUNDLED_MODEL
    from caiwen.wiring import load_settings, local_model_path

    model = local_model_path(load_settings(), BUNDLED_MODEL.filename)
    if not model.is_file():
        pytest.skip(f"the local model is not fetched ({model}): run `caiwen llm fetch`")
    return model


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(model: Path, log_dir: Path, threads: int = THREADS) -> RunningLLM:
    port = free_port()
    stdout_path = log_dir / f"llm-serve-{port}.out"
    with open(stdout_path, "wb") as out, open(log_dir / f"llm-serve-{port}.err", "wb") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "caiwen", "llm", "serve", "--model", str(model), "--port", str(port),
             "--threads", str(threads), "--ctx", "4096"],
            cwd=REPO, stdout=out, stderr=err, env={**os.environ, "HF_HUB_OFFLINE": "1"},
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"caiwen llm serve exited with {process.returncode}: "
                               f"{(log_dir / f'llm-serve-{port}.err').read_text(errors='replace')[-2000:]}")
        try:
            if httpx.get(f"{base}/health", timeout=5).status_code == 200:
                return RunningLLM(f"{base}/v1", model, process, stdout_path)
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    process.kill()
    raise TimeoutError("caiwen llm serve did not answer /health within 300 s")


def stop_server(server: RunningLLM, sig: int = signal.SIGTERM) -> int:
    server.process.send_signal(sig)
    try:
        return server.process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        server.process.kill()
        raise


@pytest.fixture(scope="session")
def local_model() -> Path:
    return fetched_model()


@pytest.fixture(scope="session")
def local_llm(local_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningLLM]:
    """One `caiwen llm serve` for the session."""
    server = start_server(local_model, tmp_path_factory.mktemp("llm-serve"))
    yield server
    stop_server(server)
