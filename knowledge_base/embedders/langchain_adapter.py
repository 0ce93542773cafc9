"""Any Caiwen embedder as LangChain `Embeddings` (a module of its own: langchain_core is slow to import)."""
from __future__ import annotations

from langchain_core.embeddings import Embeddings

from knowledge_base.embedders.base import Embedder


class LangChainEmbeddings(Embeddings):
    """Lets `langchain_chroma.Chroma` and LangChain retrievers use any Caiwen embedder."""

    def __init__(self, embedder: Embedder):
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed_passages(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed_queries([text])[0].tolist()
