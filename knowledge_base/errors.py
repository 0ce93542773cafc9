"""Errors the knowledge base raises; callers turn them into clear messages (CLI) or 503s (API)."""


class KnowledgeBaseError(Exception):
    """Base class: the message is meant for the operator."""


class StoreUnavailableError(KnowledgeBaseError):
    """The Chroma store (embedded or server) cannot be reached."""


class EmbedderMismatchError(KnowledgeBaseError):
    """The collection was built with another embedder; the fix is to re-index."""


class EmbedderUnavailableError(KnowledgeBaseError):
    """The embedder cannot be loaded or its service cannot be reached."""


class CatalogUnavailableError(KnowledgeBaseError):
    """The catalog (SQLite in the data directory) cannot be written: a read-only or full disk."""
