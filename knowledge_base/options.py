"""The knowledge base's own settings, as plain values (the composition root fills them in)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class KnowledgeBaseOptions:
    data_dir: Path = Path(".caiwen")  # named in errors: where to re-index
    embed_batch_size: int = 16
    unit_vectors: bool = True  # ingest embeds the quotable answer units too
    retrieval_mode: str = "hybrid"
    chroma_url: str | None = None  # a `chroma run` server: the catalog is synced from it
    chroma_path: Path | None = None  # the embedded store's directory (checked for loss); None with a server
    catalog_sync_s: float = 30.0
