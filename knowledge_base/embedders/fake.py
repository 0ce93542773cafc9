"""The fake beside the Embedder protocol: deterministic unit vectors keyed by the text's hash, at near-zero
cost. Identical texts get identical vectors and different texts nearly orthogonal ones, so storage, caching,
incremental ingest and lexical retrieval can be tested (and the pipeline's own cost measured) without
paying for a real model. It knows no meaning: never use it where dense similarity matters."""
from __future__ import annotations

import hashlib

import numpy as np


class HashEmbedder:
    def __init__(self, dim: int = 384) -> None:
        self.dim = dim
        self.id = f"fake-hash-{dim}"

    def _vectors(self, texts: list[str]) -> np.ndarray:
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            seed = int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")
            out[i] = np.random.default_rng(seed).standard_normal(self.dim)
        return out / np.linalg.norm(out, axis=1, keepdims=True)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._vectors(texts)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._vectors(texts)
