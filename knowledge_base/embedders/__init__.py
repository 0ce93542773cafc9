"""Embedders behind one protocol, chosen by `CAIWEN_EMBEDDER` (see `registry.load_embedder`)."""
from knowledge_base.embedders.base import Embedder, LangChainEmbeddings
from knowledge_base.embedders.registry import load_embedder

__all__ = ["Embedder", "LangChainEmbeddings", "load_embedder"]
