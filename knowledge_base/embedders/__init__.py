"""Embedders behind one protocol, chosen by `CAIWEN_EMBEDDER` (see `registry.load_embedder`)."""
from knowledge_base.embedders.base import Embedder
from knowledge_base.embedders.registry import load_embedder


def __getattr__(name: str):
    if name == "LangChainEmbeddings":
        from knowledge_base.embedders.langchain_adapter import LangChainEmbeddings

        return LangChainEmbeddings
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["Embedder", "LangChainEmbeddings", "load_embedder"]
