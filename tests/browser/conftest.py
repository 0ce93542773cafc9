"""Fixtures for the widget's browser tests: Debian's headless Chromium driven by Playwright, and real API
servers on 127.0.0.1 for it to talk to.

- `corpus_api`: the whole product — `uvicorn caiwen.wiring:app_from_environment` in a subprocess over a data directory
  where the shared corpus plus one planted hostile document were ingested (`corpus_data`: about two
  minutes on two cores, once per session).
- `scripted_api`: the real FastAPI app in a thread with only the answering chain replaced by
  `ScriptedAssistant`, so a test chooses exactly what is streamed (hostile markup in every field,
  mid-stream errors, figures) and checks how the widget renders it.

Playwright's own browser download (`playwright install`) is never used: .ci/install-browser.sh installs
Debian's chromium and these fixtures launch it by path.
"""
from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.browser.support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    CORPUS,
    PLANTED_NAME,
    PLANTED_TEXT,
    PageProblems,
    RunningApi,
    ScriptedApi,
    ScriptedAssistant,
    free_port,
    mint_admin_key,
    serve_api,
    wait_ready,
)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: run .ci/install-browser.sh to install Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser):
    """open_page(url, width=1280, height=800) -> (page, problems) once the widget has mounted."""
    contexts = []

    def _open(url: str, width: int = 1280, height: int = 800):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-HK")
        contexts.append(context)
        page = context.new_page()
        problems = PageProblems()
        page.on("console", problems.on_console)
        page.on("pageerror", problems.on_page_error)
        page.goto(url)
        page.wait_for_function("() => window.CaiwenWidget && document.querySelector('caiwen-widget')")
        return page, problems

    yield _open
    for context in contexts:
        context.close()


@dataclass
class CorpusData:
    data_dir: Path
    admin_key: str


@pytest.fixture(scope="session")
def corpus_data(tmp_path_factory, browser) -> CorpusData:
    """A data directory holding the shared corpus plus the planted hostile document, ingested once."""
    from caiwen.config import Settings
    from caiwen.wiring import run_ingest

    if not CORPUS.is_dir():
        pytest.fail(f"the shared corpus is missing at {CORPUS}")
    root = tmp_path_factory.mktemp("widget-e2e")
    docs = root / "docs"
    shutil.copytree(CORPUS, docs)
    (docs / PLANTED_NAME).write_text(PLANTED_TEXT, encoding="utf-8")
    settings = Settings(data_dir=root / "data", composer="extractive")
    summary = run_ingest([docs], settings)
    assert not summary.failed, summary.failed
    return CorpusData(data_dir=root / "data", admin_key=mint_admin_key(settings))


@pytest.fixture(scope="session")
def corpus_api(corpus_data) -> Iterator[RunningApi]:
    """The whole product on 127.0.0.1, answering extractively (the offline default: no LLM is reachable)."""
    with serve_api(corpus_data.data_dir, {"CAIWEN_COMPOSER": "extractive"}) as base_url:
        yield RunningApi(base_url=base_url, admin_key=corpus_data.admin_key)


@pytest.fixture(scope="session")
def scripted_api_server(tmp_path_factory, browser) -> Iterator[ScriptedApi]:
    import uvicorn

    from caiwen.wiring import create_app
    from caiwen.config import Settings

    port = free_port()
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("widget-scripted"), composer="extractive",
        rate_limit="10000/minute", max_question_chars=200, cors_origins=[f"http://127.0.0.1:{port}"],
    )
    assistant = ScriptedAssistant()
    app = create_app(settings, assistant_factory=lambda _settings: assistant)
    admin_key = app.state.service.keys.create("browser-test-admin", "admin")
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base_url = f"http://127.0.0.1:{port}"
    wait_ready(f"{base_url}/readyz", timeout_s=30)
    yield ScriptedApi(base_url=base_url, admin_key=admin_key, assistant=assistant)
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def scripted_api(scripted_api_server) -> ScriptedApi:
    scripted_api_server.assistant.scripts.clear()
    scripted_api_server.assistant.questions.clear()
    return scripted_api_server
