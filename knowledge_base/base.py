"""The knowledge base facade: what ingest writes into and the assistant reads from."""
from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from caiwen.settings import Settings
from knowledge_base.catalog import Catalog, text_hash
from knowledge_base.embedders import Embedder, load_embedder
from knowledge_base.errors import EmbedderMismatchError
from knowledge_base.records import ChunkRecord, DocumentRecord, SearchHit
from knowledge_base.retriever import CaiwenRetriever, SearchFilters, hybrid_search
from knowledge_base.store import ChromaStore, make_client


@dataclass
class PendingDocument:
    """A document whose chunks are embedded and ready to be written."""

    doc: DocumentRecord
    cleaned_text: str
    chunks: list[ChunkRecord]
    vectors: np.ndarray


class KnowledgeBase:
    def __init__(self, settings: Settings, embedder: Embedder, store: ChromaStore, catalog: Catalog):
        self.settings = settings
        self.embedder = embedder
        self.store = store
        self.catalog = catalog
        self._synced_revision: str | None = None
        self._synced_at = float("-inf")
        recorded = catalog.get_meta("embedder")
        if recorded is None:
            catalog.set_meta("embedder", embedder.id)
        elif recorded != embedder.id:
            raise EmbedderMismatchError(
                f"the knowledge base in {settings.resolved_data_dir} was built with embedder {recorded!r}, "
                f"not {embedder.id!r}: re-index into a fresh data directory (CAIWEN_DATA_DIR)"
            )

    @classmethod
    def from_settings(cls, settings: Settings) -> "KnowledgeBase":
        embedder = load_embedder(settings.embedder)
        client = make_client(settings.chroma_url, settings.chroma_path)
        store = ChromaStore(client, settings.collection, embedder, settings.chroma_url or str(settings.chroma_path))
        kb = cls(settings, embedder, store, Catalog(settings.catalog_path))
        kb._maybe_sync()  # a machine that did not run the ingest picks up what the shared store holds
        return kb

    # --- writing (ingest) ----------------------------------------------------------------
    def embed_chunks(self, chunks: list[ChunkRecord]) -> tuple[np.ndarray, int]:
        """Vectors for chunks, computing only those whose text this embedder has not seen; returns (vectors, computed)."""
        hashes = [text_hash(c.embed_text) for c in chunks]
        cached = self.catalog.cached_vectors(self.embedder.id, hashes)
        missing = [i for i, h in enumerate(hashes) if h not in cached]
        fresh: dict[str, np.ndarray] = {}
        size = self.settings.embed_batch_size
        for i in range(0, len(missing), size):
            batch = missing[i: i + size]
            vectors = self.embedder.embed_passages([chunks[j].embed_text for j in batch])
            fresh.update({hashes[j]: v for j, v in zip(batch, vectors)})
        if fresh:
            self.catalog.cache_vectors(self.embedder.id, fresh)
        cached.update(fresh)
        dim = self.embedder.dim
        return np.array([cached[h] for h in hashes], dtype=np.float32).reshape(len(chunks), dim), len(missing)

    def write_document(self, doc: DocumentRecord, cleaned_text: str, chunks: list[ChunkRecord]) -> int:
        """Embed and write one document; returns how many chunks were embedded (not served by the cache)."""
        vectors, computed = self.embed_chunks(chunks)
        self.write_documents([PendingDocument(doc, cleaned_text, chunks, vectors)])
        return computed

    def write_documents(self, pending: list["PendingDocument"]) -> None:
        """Write embedded documents: one vector upsert for all, then per document its stale vectors and its
        catalog commit. A document is visible only once its catalog commit is done; the caller bumps the
        store's revision once its run is done."""
        if not pending:
            return
        self.store.upsert([(p.doc, p.chunks) for p in pending], np.concatenate([p.vectors for p in pending]))
        for p in pending:
            self.store.delete_stale(p.doc.doc_id, p.doc.content_hash)
            self.catalog.replace_document(p.doc, p.cleaned_text, p.chunks)

    def remove_document(self, doc_id: str) -> None:
        self.store.delete_doc(doc_id)
        self.catalog.delete_document(doc_id)

    # --- several machines on one Chroma server ---------------------------------------------
    def sync_catalog(self) -> int:
        """Bring this machine's catalog (chunk texts, lexical index) in line with the shared Chroma store.

        With a `chroma run` server, API instances on other machines did not run the ingest: their catalog is
        derived state, rebuilt from what the store holds. A document caught mid-write (chunks of two
        versions) is left for the next sync. Returns how many documents changed."""
        stored: dict[str, dict[str, list]] = {}
        for chunk_id, meta, norm_text in self.store.records():
            if not meta or "doc_hash" not in meta:
                continue  # written before the store carried catalog fields
            stored.setdefault(meta["doc_id"], {}).setdefault(meta["doc_hash"], []).append((chunk_id, meta, norm_text))
        local = self.catalog.document_hashes()
        changed = 0
        for doc_id, versions in stored.items():
            if len(versions) != 1:
                continue
            (digest, rows), = versions.items()
            if local.get(doc_id) == digest or len(rows) != rows[0][1]["doc_chunks"]:
                continue
            rows.sort(key=lambda row: row[1]["ordinal"])
            first = rows[0][1]
            doc = DocumentRecord(doc_id=doc_id, title=first["title"], published=first.get("published"),
                                 script=first["script"], content_hash=digest, source_path=first["source_path"],
                                 chunk_count=len(rows))
            chunks = [ChunkRecord(chunk_id=cid, doc_id=doc_id, ordinal=m["ordinal"], start=m["start"], end=m["end"],
                                  text=m["text"], norm_text=norm, heading=m["heading"], title=m["title"],
                                  published=m.get("published"), script=m["script"], units=m.get("units"))
                      for cid, m, norm in rows]
            self.catalog.replace_document(doc, "", chunks)  # the full cleaned text stays with the ingest machine
            changed += 1
        for doc_id in set(local) - set(stored):
            self.catalog.delete_document(doc_id)
            changed += 1
        self._synced_revision = self.store.revision
        self._synced_at = time.monotonic()
        return changed

    def _maybe_sync(self) -> None:
        if not self.settings.chroma_url:
            return  # embedded store: the local catalog is the record
        if time.monotonic() - self._synced_at < self.settings.catalog_sync_s:
            return
        self._synced_at = time.monotonic()
        if self.store.revision != self._synced_revision:
            self.sync_catalog()

    # --- reading -------------------------------------------------------------------------
    def search(self, query: str, k: int = 5, filters: dict | SearchFilters | None = None, mode: str | None = None) -> list[SearchHit]:
        self._maybe_sync()
        if not isinstance(filters, SearchFilters):
            filters = SearchFilters.from_dict(filters)
        return hybrid_search(self, query, k, filters, mode or self.settings.retrieval_mode)

    def as_retriever(self, k: int = 5, filters: dict | None = None) -> CaiwenRetriever:
        return CaiwenRetriever(kb=self, k=k, mode=self.settings.retrieval_mode, filters=filters)

    def sources(self) -> list[DocumentRecord]:
        self._maybe_sync()
        return self.catalog.documents()

    def document(self, doc_id: str) -> DocumentRecord | None:
        return self.catalog.document(doc_id)

    def chunks(self, doc_id: str) -> list[ChunkRecord]:
        return self.catalog.chunks(doc_id)

    def ping(self) -> bool:
        return self.store.ping()
