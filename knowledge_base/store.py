"""The Chroma vector store: embedded PersistentClient by default, a `chroma run` server via HttpClient.

Vectors are always computed by Caiwen's embedder and passed in: Chroma must never attach its own
default embedding function (it would try to download an ONNX model). The collection records which
embedder built it, and opening it with another one is an error that says to re-index.
"""
from __future__ import annotations

import uuid
from urllib.parse import urlparse

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings
from langchain_chroma import Chroma

from knowledge_base.embedders.base import Embedder
from knowledge_base.embedders.langchain_adapter import LangChainEmbeddings
from knowledge_base.errors import EmbedderMismatchError, StoreUnavailableError
from knowledge_base.records import ChunkRecord, DocumentRecord, units_to_json


def _client_settings() -> ChromaSettings:
    # A fresh object per client: chromadb.HttpClient writes its API implementation into the settings it
    # is given, so a shared object made every later PersistentClient in the process talk HTTP.
    return ChromaSettings(anonymized_telemetry=False)


def make_client(chroma_url: str | None, path) -> chromadb.ClientAPI:
    try:
        if chroma_url:
            parsed = urlparse(chroma_url if "//" in chroma_url else f"http://{chroma_url}")
            return chromadb.HttpClient(
                host=parsed.hostname or "127.0.0.1",
                port=parsed.port or (443 if parsed.scheme == "https" else 8000),
                ssl=parsed.scheme == "https",
                settings=_client_settings(),
            )
        return chromadb.PersistentClient(path=str(path), settings=_client_settings())
    except Exception as exc:
        where = chroma_url or str(path)
        raise StoreUnavailableError(f"Chroma store at {where} is not reachable: {exc}") from exc


def page_breaks_from_meta(meta: dict) -> list[int]:
    return [int(x) for x in str(meta.get("page_breaks") or "").split(",") if x]


class ChromaStore:
    def __init__(self, client: chromadb.ClientAPI, collection: str, embedder: Embedder, where: str):
        self.where = where
        self.client = client
        self.embedder = embedder
        try:
            self.collection = client.get_or_create_collection(
                collection,
                metadata={"embedder": embedder.id, "dim": embedder.dim},
                configuration={"hnsw": {"space": "cosine"}},
                embedding_function=None,
            )
        except Exception as exc:
            raise StoreUnavailableError(f"Chroma store at {where} is not reachable: {exc}") from exc
        built_with = (self.collection.metadata or {}).get("embedder")
        if built_with and built_with != embedder.id:
            raise EmbedderMismatchError(
                f"collection {collection!r} was built with embedder {built_with!r}, not {embedder.id!r}: "
                f"re-index with CAIWEN_EMBEDDER set to the new embedder into a new collection "
                f"(CAIWEN_COLLECTION) or a fresh data directory"
            )
        # The LangChain view of the same collection, used by the retrieval chain.
        self.langchain = Chroma(
            client=client,
            collection_name=collection,
            embedding_function=LangChainEmbeddings(embedder),
            create_collection_if_not_exists=False,
        )

    def _guard(self, action: str, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except (EmbedderMismatchError, StoreUnavailableError):
            raise
        except Exception as exc:
            raise StoreUnavailableError(f"Chroma store at {self.where} failed to {action}: {exc}") from exc

    def upsert(self, documents: list[tuple[DocumentRecord, list[ChunkRecord]]], vectors: np.ndarray) -> None:
        """One write for several documents' chunks (`vectors` in the same order): Chroma costs a fixed
        40–250 ms per write call, whatever its size. Each chunk carries what is needed to rebuild the
        catalog from the store (see KnowledgeBase.sync_catalog)."""
        ids, texts, metadatas = [], [], []
        for doc, chunks in documents:
            for c in chunks:
                meta = {
                    "doc_id": c.doc_id, "ordinal": c.ordinal, "start": c.start, "end": c.end, "script": c.script,
                    "text": c.text, "heading": c.heading, "title": c.title, "doc_hash": doc.content_hash,
                    "source_path": doc.source_path, "doc_chunks": len(chunks), "units": units_to_json(c.units),
                }
                if c.published:
                    meta["published"] = c.published
                    meta["published_int"] = int(c.published.replace("-", ""))
                if c.page is not None:  # Chroma metadata holds no None and no lists
                    meta["page"], meta["page_end"] = c.page, c.page_end or c.page
                    meta["page_breaks"] = ",".join(map(str, c.page_breaks))
                ids.append(c.chunk_id)
                texts.append(c.norm_text)
                metadatas.append(meta)
        if not ids:
            return
        self._guard(
            "upsert",
            self.collection.upsert,
            ids=ids,
            embeddings=np.asarray(vectors, dtype=np.float32),
            documents=texts,
            metadatas=metadatas,
        )

    def records(self, page: int = 1000):
        """Every stored chunk as (chunk_id, metadata, normalized text), in pages."""
        offset = 0
        while True:
            batch = self._guard(
                "read", self.collection.get, include=["metadatas", "documents"], limit=page, offset=offset
            )
            yield from zip(batch["ids"], batch["metadatas"], batch["documents"])
            if len(batch["ids"]) < page:
                return
            offset += page

    def chunk_ids(self, page: int = 5000) -> set[str]:
        """Every stored chunk id (no vectors, no texts)."""
        ids: set[str] = set()
        offset = 0
        while True:
            batch = self._guard("read", self.collection.get, include=[], limit=page, offset=offset)
            ids.update(batch["ids"])
            if len(batch["ids"]) < page:
                return ids
            offset += page

    @property
    def revision(self) -> str | None:
        """Changes whenever a document is written or removed; readers on other machines compare it."""
        collection = self._guard("read metadata", self.client.get_collection, self.collection.name,
                                 embedding_function=None)
        return (collection.metadata or {}).get("revision")

    def bump_revision(self) -> None:
        metadata = dict(self.collection.metadata or {})
        metadata["revision"] = uuid.uuid4().hex
        self._guard("update metadata", self.collection.modify, metadata=metadata)

    def delete_stale(self, doc_id: str, keep_hash: str) -> None:
        """Delete a document's chunks from other versions in one call (unchanged chunk texts keep their
        ids, and the upsert has already stamped them with `keep_hash`)."""
        self._guard("delete", self.collection.delete,
                    where={"$and": [{"doc_id": doc_id}, {"doc_hash": {"$ne": keep_hash}}]})

    def delete_doc(self, doc_id: str) -> None:
        self._guard("delete", self.collection.delete, where={"doc_id": doc_id})

    def count(self) -> int:
        return self._guard("count", self.collection.count)

    def dense_search(self, vector: np.ndarray, k: int, where: dict | None = None) -> list[tuple[str, float]]:
        """(chunk_id, cosine similarity) best first, through the LangChain Chroma interface."""
        pairs = self._guard(
            "search",
            self.langchain.similarity_search_by_vector_with_relevance_scores,
            embedding=np.asarray(vector, dtype=np.float32).tolist(),
            k=k,
            filter=where,
        )
        return [(doc.id, 1.0 - float(distance)) for doc, distance in pairs]

    def ping(self) -> bool:
        try:
            self.collection.count()
            return True
        except Exception:
            return False
