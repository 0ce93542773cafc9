"""llama.cpp's OpenAI-compatible HTTP server (xllamacpp) over any GGUF file, for `caiwen llm serve`.

    with LocalServer(ServeOptions(model=Path("model.gguf"), port=8081, threads=2)) as server:
        print(server.base_url)        # http://127.0.0.1:8081/v1: what CAIWEN_LLM_BASE_URL should be
        wait_for_signal()             # SIGINT / SIGTERM

`xllamacpp.Server(params)` loads the model and starts serving in its own threads; releasing the object
stops the HTTP server and frees the model, which is what `close()` does.
"""
from __future__ import annotations

import signal
import threading
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from caiwen.local_llm.weights import INSTALL_LINE

DEFAULT_ALIAS = "caiwen-local"


class ServeError(RuntimeError):
    """The server cannot start (runtime not installed, model file missing or unreadable, port taken)."""


@dataclass(frozen=True)
class ServeOptions:
    model: Path
    host: str = "127.0.0.1"
    port: int = 8081
    threads: int = 2
    ctx: int = 4096  # tokens of context for the one slot (prompt + answer)
    alias: str = DEFAULT_ALIAS  # the model name clients send (CAIWEN_LLM_MODEL)
    api_key: str | None = None  # when set, clients must send it as a Bearer token

    @property
    def base_url(self) -> str:
        host = "127.0.0.1" if self.host in ("0.0.0.0", "") else self.host
        return f"http://{host}:{self.port}/v1"


def _runtime():
    try:
        import xllamacpp
    except ImportError:
        raise ServeError(f"the llama.cpp runtime (xllamacpp) is not installed; install the extra with:\n    {INSTALL_LINE}") from None
    return xllamacpp


def _check_model(path: Path) -> None:
    if not path.is_file():
        raise ServeError(f"model file not found: {path} (run `caiwen llm fetch`, or pass --model PATH to a .gguf file)")
    with path.open("rb") as handle:
        if handle.read(4) != b"GGUF":
            raise ServeError(f"{path} is not a GGUF file (it does not start with the GGUF magic bytes)")


def common_params(options: ServeOptions):
    """The llama.cpp server parameters: one slot (answers are served one at a time on a small CPU, and the
    slot keeps the shared system prompt in its KV cache between requests), chat templates through Jinja."""
    xllamacpp = _runtime()
    params = xllamacpp.CommonParams()
    params.model.path = str(options.model)
    params.n_ctx = options.ctx
    params.n_parallel = 1
    params.cpuparams.n_threads = options.threads
    params.cpuparams_batch.n_threads = options.threads
    params.hostnames = [options.host]
    params.port = options.port
    params.model_alias = {options.alias}
    params.use_jinja = True
    params.cache_prompt = True
    if options.api_key:
        params.api_keys = [options.api_key]
    return params


class LocalServer:
    def __init__(self, options: ServeOptions) -> None:
        self.options = options
        self._server = None

    @property
    def base_url(self) -> str:
        return self.options.base_url

    def start(self) -> "LocalServer":
        _check_model(self.options.model)
        params = common_params(self.options)
        try:
            self._server = _runtime().Server(params)
        except Exception as exc:  # the binding raises plain RuntimeErrors for load and bind failures
            raise ServeError(f"llama.cpp could not start on {self.options.host}:{self.options.port}: {exc}") from None
        return self

    def close(self) -> None:
        server, self._server = self._server, None
        del server  # the binding's destructor stops the HTTP loop and frees the model

    def __enter__(self) -> "LocalServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()


def wait_for_signal(signals: tuple[int, ...] = (signal.SIGINT, signal.SIGTERM)) -> int:
    """Block the main thread until one of `signals` arrives; returns its number."""
    received: list[int] = []
    stop = threading.Event()

    def handler(signum: int, _frame: FrameType | None) -> None:
        received.append(signum)
        stop.set()

    previous = {sig: signal.signal(sig, handler) for sig in signals}
    try:
        while not stop.wait(0.5):
            pass
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
    return received[0]
