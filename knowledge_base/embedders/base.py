"""The embedder protocol and its LangChain adapter."""
from __future__ import annotations

from typing import Protocol

import numpy as np
from langchain_core.embeddings import Embeddings


class Embedder(Protocol):
    """Turns text into L2-normalized float32 vectors; queries and passages may be embedded differently."""

    id: str  # recorded on the collection: opening it with another embedder is an error
    dim: int

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...


def l2_normalize(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


class LangChainEmbeddings(Embeddings):
    """Lets `langchain_chroma.Chroma` and LangChain retrievers use any Caiwen embedder."""

    def __init__(self, embedder: Embedder):
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed_passages(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed_queries([text])[0].tolist()
