"""`sentence-transformers:<model name or local path>` for real deployments (bge-m3, multilingual-e5-base...)."""
from __future__ import annotations

import numpy as np

from knowledge_base.embedders.base import l2_normalize
from knowledge_base.errors import EmbedderUnavailableError


class SentenceTransformersEmbedder:
    def __init__(self, model: str, device: str = "cpu") -> None:
        try:
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(model, device=device)
        except Exception as exc:
            raise EmbedderUnavailableError(
                f"sentence-transformers model {model!r} could not be loaded (offline: pass a local path "
                f"or a model already in the Hugging Face cache): {exc}"
            ) from exc
        self.id = f"sentence-transformers:{model}"
        self.dim = int(self._model.get_embedding_dimension())
        # e5-family models are trained with these prefixes; others take raw text.
        self._e5 = "e5" in model.lower()

    def _encode(self, texts: list[str], prefix: str) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self._e5:
            texts = [prefix + t for t in texts]
        return l2_normalize(self._model.encode(list(texts), normalize_embeddings=True, convert_to_numpy=True))

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, "query: ")

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, "passage: ")
