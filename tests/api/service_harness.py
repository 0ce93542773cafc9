"""Helpers for the API tests: settings, keys, the app over a chain double, and a live uvicorn server."""
from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import uvicorn

from caiwen.persistence import make_engine, upgrade
from caiwen.wiring import create_app
from api.security import KeyStore
from api.fake_service import FakeAnswerService
from caiwen.config import Settings

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
WIDGET_ORIGIN = "https://broker.example"


def make_settings(data_dir: Path, **overrides) -> Settings:
    base = {"data_dir": data_dir, "cors_origins": [WIDGET_ORIGIN], "rate_limit": "1000/minute"}
    base.update(overrides)
    return Settings(**base)


def mint_keys(settings: Settings) -> dict[str, str]:
    engine = make_engine(settings.sql_url)
    upgrade(engine)
    store = KeyStore(engine)
    keys = {"ask": store.create("support-desk", "ask"), "admin": store.create("ops", "admin")}
    engine.dispose()
    return keys


class FakeService:
    """The app over a FakeAnswerService, with a TestClient and one key per scope."""

    def __init__(self, tmp_path: Path, **overrides) -> None:
        self.settings = make_settings(tmp_path / "data", **overrides)
        self.keys = mint_keys(self.settings)
        self.assistant = FakeAnswerService()
        self.app = create_app(self.settings, assistant_factory=lambda _settings: self.assistant)

    def auth(self, scope: str = "ask") -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[scope]}"}


# --- real servers --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    """A real uvicorn server on 127.0.0.1 in a background thread."""

    def __init__(self, app, port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


def parse_sse(text: str) -> list[tuple[str, str]]:
    """(event, data) pairs from a text/event-stream body; comment lines (pings) are skipped."""
    events = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        name, data = "message", []
        for line in block.split("\n"):
            if line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].removeprefix(" "))
        if data:
            events.append((name, "\n".join(data)))
    return events
