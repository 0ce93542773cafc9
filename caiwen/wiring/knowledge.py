"""The knowledge base and the ingest job, built from the settings."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from caiwen.config import Settings
from knowledge_base.base import KnowledgeBase
from knowledge_base.catalog import Catalog
from knowledge_base.embedders.registry import embedder_id, load_embedder
from knowledge_base.options import KnowledgeBaseOptions

if TYPE_CHECKING:  # the ingest modules load parsers (trafilatura): not on a question's cold start
    from ingest.formats import LoadOptions
    from ingest.formats import IngestOptions
    from ingest.summary import IngestSummary
    from knowledge_base.store import ChromaStore


def knowledge_base_options(settings: Settings) -> KnowledgeBaseOptions:
    return KnowledgeBaseOptions(
        data_dir=settings.resolved_data_dir, embed_batch_size=settings.embed_batch_size,
        unit_vectors=settings.unit_vectors, retrieval_mode=settings.retrieval_mode, chroma_url=settings.chroma_url,
        chroma_path=None if settings.chroma_url else settings.chroma_path, catalog_sync_s=settings.catalog_sync_s,
    )


def open_catalog(settings: Settings):
    """The catalog's backend by the scheme of CAIWEN_DATABASE_URL: PostgreSQL holds it for every instance; any
    other database (or none) keeps it in the data directory's SQLite file."""
    url = settings.database_url or ""
    if url.split(":", 1)[0].split("+", 1)[0] == "postgresql":
        from knowledge_base.catalog_pg import PgCatalog

        return PgCatalog(url)
    return Catalog(settings.catalog_path)


def open_knowledge_base(settings: Settings) -> KnowledgeBase:
    """The embedder and the store are built on first use: an answer the lexical index serves alone never
    loads the embedding model or Chroma (start-up)."""

    def store() -> "ChromaStore":
        from knowledge_base.store import ChromaStore, make_client

        client = make_client(settings.chroma_url, settings.chroma_path)
        return ChromaStore(client, settings.collection, kb.embedder, settings.chroma_url or str(settings.chroma_path))

    kb = KnowledgeBase(lambda: load_embedder(settings.embedder), store, open_catalog(settings),
                       knowledge_base_options(settings))
    expected = embedder_id(settings.embedder)
    if expected is not None:
        kb.check_embedder(expected)
    kb.maybe_sync()  # a machine that did not run the ingest picks up what the shared store holds
    return kb


def load_options(settings: Settings) -> "LoadOptions":
    from ingest.formats import LoadOptions
    from ingest.ocr import ocr_from_setting

    return LoadOptions(
        max_text_bytes=settings.max_file_bytes, max_document_bytes=settings.max_document_bytes,
        max_pages=settings.max_pages, ocr=ocr_from_setting(settings.ocr),
    )


def ingest_options(settings: Settings) -> "IngestOptions":
    from ingest.formats import IngestOptions

    return IngestOptions(load=load_options(settings), chunk_size=settings.chunk_size,
                         chunk_overlap=settings.chunk_overlap, write_batch_chunks=settings.write_batch_chunks)


def run_ingest(paths: list[Path], settings: Settings, prune: bool = False, progress: bool = False,
               kb: KnowledgeBase | None = None, doc_id_prefix: str = "") -> "IngestSummary":
    """The ingest job over the configured knowledge base (or `kb`, one already open)."""
    from ingest.pipeline import run_ingest as run

    return run(paths, kb or open_knowledge_base(settings), ingest_options(settings), prune=prune,
               progress=progress, doc_id_prefix=doc_id_prefix)
