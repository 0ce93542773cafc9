"""Helpers for the widget's browser tests: servers to start, a scripted chain, page helpers."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import uuid
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus"
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

# Markup that would run if any text the widget shows reached innerHTML.
XSS_IMG = '<img src=x onerror="window.__pwned=1">'
XSS_SCRIPT = "<script>window.__pwned=1</script>"

# A document planted in the corpus: relevant to the test question, hostile in its title and body.
PLANTED_NAME = "zz_planted_reconstitution.txt"
PLANTED_TITLE = f"羅素2000重組懶人包{XSS_IMG}"
PLANTED_TEXT = f"""{PLANTED_TITLE}
2026年5月20日
羅素2000點樣重組?羅素2000指數每年6月重組一次{XSS_IMG},富時羅素會按4月底的市值重新排序成分股。
重組名單於6月最後一個星期五收市後生效{XSS_SCRIPT},期間羅素2000成分股的成交量通常會大幅上升。
投資者要留意羅素2000重組前後的價格波動,重組日的成交額往往是全年最高之一。
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_ready(url: str, timeout_s: float, proc=None) -> None:
    """Poll `url` until it answers 200 (or the server process dies, or time runs out)."""
    deadline = time.monotonic() + timeout_s
    last = "no answer"
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode} before {url} answered")
        try:
            response = httpx.get(url, timeout=5)
            if response.status_code == 200:
                return
            last = f"HTTP {response.status_code}: {response.text[:300]}"
        except httpx.HTTPError as exc:
            last = repr(exc)
        time.sleep(0.25)
    raise TimeoutError(f"{url} not ready after {timeout_s} s; last: {last}")


@contextmanager
def serve_api(data_dir: Path, env: dict[str, str]) -> Iterator[str]:
    """`uvicorn caiwen.wiring:app_from_environment` in a subprocess on a free port over `data_dir`; yields its base URL."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("CAIWEN_")}
    full_env.update(CAIWEN_DATA_DIR=str(data_dir), HF_HUB_OFFLINE="1", **env)
    port = free_port()
    # the demo page calls the API it came from: that origin must be configured (Host is never trusted)
    full_env.setdefault("CAIWEN_CORS_ORIGINS", json.dumps([f"http://127.0.0.1:{port}"]))
    log_path = data_dir.parent / f"server-{port}.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "caiwen.wiring:app_from_environment", "--factory",
             "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
            cwd=REPO, env=full_env, stdout=log, stderr=subprocess.STDOUT,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_ready(f"{base_url}/readyz", timeout_s=120, proc=proc)
        except Exception:
            print(log_path.read_text(errors="replace")[-4000:])
            raise
        yield base_url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


def artifact(name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / name


@dataclass
class PageProblems:
    """JavaScript errors seen on a page (uncaught exceptions and console.error)."""

    errors: list[str] = field(default_factory=list)

    def on_console(self, message) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def on_page_error(self, error) -> None:
        self.errors.append(f"pageerror: {error}")


def shadow_eval(page, body: str, arg: Any = None) -> Any:
    """Evaluate `body`, a JS function `(root, arg) => …` over the widget's shadow root, in the page."""
    script = (
        "([arg]) => { const root = document.querySelector('caiwen-widget').shadowRoot; "
        f"return ({body})(root, arg); }}"
    )
    return page.evaluate(script, [arg])


# Counts the text pieces appended to an answer while it is still streaming (aria-busy="true").
COUNT_STREAMED_TEXT = """(root) => {
  window.__streamedPieces = 0;
  new MutationObserver((mutations) => {
    for (const m of mutations) {
      const article = m.target.closest && m.target.closest('article.bot');
      if (!article || article.getAttribute('aria-busy') !== 'true' || !m.target.matches('.bubble')) continue;
      for (const node of m.addedNodes) if (node.nodeType === 3) window.__streamedPieces++;
    }
  }).observe(root, {subtree: true, childList: true});
}"""


def ask(page, question: str, answers: int = 1, timeout_ms: float = 30_000) -> None:
    """Open the panel if needed, type the question, press Enter, wait until `answers` answers finished."""
    if page.locator("caiwen-widget .panel").is_hidden():
        page.locator("caiwen-widget .launcher").click()
    page.locator("caiwen-widget textarea").fill(question)
    page.locator("caiwen-widget textarea").press("Enter")
    page.wait_for_function(
        """(n) => {
          const root = document.querySelector('caiwen-widget').shadowRoot;
          return root.querySelectorAll('article.bot[aria-busy="false"]').length >= n;
        }""",
        arg=answers,
        timeout=timeout_ms,
    )


def last_answer(page):
    return page.locator("caiwen-widget article.bot").last


@dataclass
class RunningApi:
    base_url: str
    admin_key: str

    def feedback(self) -> list[dict[str, Any]]:
        response = httpx.get(
            f"{self.base_url}/v1/feedback", headers={"Authorization": f"Bearer {self.admin_key}"}, timeout=10
        )
        response.raise_for_status()
        return response.json()["items"]


def mint_admin_key(settings) -> str:
    """An admin key in the API's own key table (before the server starts), to read feedback back."""
    from caiwen.persistence import make_engine, upgrade
    from api.security import KeyStore

    engine = make_engine(settings.sql_url)
    try:
        upgrade(engine)
        return KeyStore(engine).create("browser-test-admin", "admin")
    finally:
        engine.dispose()


class ScriptedAssistant:
    """Stands in for `assistant.chain.Assistant` inside the real app: each `stream()` call plays the next
    queued script, a list of StreamEvents in which an exception instance is raised where it stands."""

    def __init__(self) -> None:
        self.scripts: deque[list[Any]] = deque()
        self.questions: list[dict[str, Any]] = []

    def enqueue(self, events: list[Any]) -> None:
        self.scripts.append(list(events))

    def stream(self, question: str, **kwargs: Any):
        self.questions.append({"question": question, **kwargs})
        script = self.scripts.popleft() if self.scripts else answer_events("(no script queued)")
        for item in script:
            if isinstance(item, BaseException):
                raise item
            yield item
            time.sleep(0.01)  # the browser sees the pieces arrive one by one

    def ask(self, question: str, **kwargs: Any):
        return [e for e in self.stream(question, **kwargs) if e.kind == "done"][-1].data

    def remember(self, question: str, response: Any, caller: str | None = None) -> None:
        """The API stores the turn after its audit write; a script has no conversations to keep."""

    def health(self) -> dict[str, Any]:
        return {"store": True, "embedder": True, "llm": "extractive"}

    def warm(self) -> None:
        """Nothing to load: the script holds its answers."""


@dataclass
class ScriptedApi(RunningApi):
    assistant: ScriptedAssistant = field(default_factory=ScriptedAssistant)


def answer_events(
    answer: str,
    *,
    citations: list[dict[str, Any]] | None = None,
    figures: list[dict[str, Any]] | None = None,
    disclaimer: str | None = None,
    lang: str = "zh-Hant",
    piece: int = 4,
) -> list[Any]:
    """What the chain streams: `token` events of `piece` characters, then citations, figures and done."""
    from assistant.chain import StreamEvent
    from assistant.schemas import AnswerResponse, Citation, Figure

    cites = [Citation(**c) for c in citations or []]
    figs = [Figure(**f) for f in figures or []]
    events: list[Any] = [StreamEvent("token", answer[i : i + piece]) for i in range(0, len(answer), piece)]
    events += [StreamEvent("citations", cites), StreamEvent("figures", figs)]
    events.append(StreamEvent("done", AnswerResponse(
        answer=answer, lang=lang, composer="extractive", citations=cites, figures=figs, disclaimer=disclaimer,
        conversation_id=str(uuid.uuid4()), message_id=str(uuid.uuid4()),
    )))
    return events
