"""The knowledge base as a LangChain retriever (imported on demand: langchain_core is slow to import)."""
from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict


class CaiwenRetriever(BaseRetriever):
    """LangChain retriever over the knowledge base; metadata carries the SearchHit for citations."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    kb: Any
    k: int = 5
    mode: str = "hybrid"
    filters: dict | None = None

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        hits = self.kb.search(query, k=self.k, filters=self.filters, mode=self.mode)
        return [
            Document(id=h.chunk.chunk_id, page_content=h.chunk.text, metadata={"hit": h, "doc_id": h.chunk.doc_id})
            for h in hits
        ]
