"""Errors the knowledge base raises; callers turn them into clear messages (CLI) or 503s (API).

`str(error)` is for the operator (it may name paths and hosts); `public_message` is what an API caller reads.
"""
from caiwen.errors import CaiwenError

STORAGE_UNAVAILABLE = (
    "Storage is unavailable right now (read-only or full disk, or the database is down), so this request "
    "cannot be completed; please try again shortly. Operators: check /readyz."
)


class KnowledgeBaseError(CaiwenError):
    """Base class: the message is meant for the operator."""

    code = "knowledge_base_error"
    http_status = 503
    public = "The knowledge base cannot serve this request right now."

    @property
    def public_message(self) -> str:
        return self.public


class StoreUnavailableError(KnowledgeBaseError):
    """The Chroma store (embedded or server) cannot be reached."""

    code = "store_unavailable"
    public = ("The knowledge base is unavailable right now, so no answer can be given. "
              "Please try again shortly; operators: check /readyz and the vector store.")


class EmbedderMismatchError(KnowledgeBaseError):
    """The collection was built with another embedder; the fix is to re-index."""

    code = "index_mismatch"
    public = "The knowledge base was built with another embedder and must be re-indexed."


class EmbedderUnavailableError(KnowledgeBaseError):
    """The embedder cannot be loaded or its service cannot be reached."""

    code = "embedder_unavailable"
    public = "The embedding model is unavailable right now; please try again shortly."


class CatalogUnavailableError(KnowledgeBaseError):
    """The catalog (SQLite in the data directory) cannot be written: a read-only or full disk."""

    code = "storage_unavailable"
    public = STORAGE_UNAVAILABLE
