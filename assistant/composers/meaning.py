"""How close in meaning the question is to each answer unit: the cosine of the question's vector and the
unit's vector cached at ingest (knowledge_base.unit_vectors). Units without a cached vector (a knowledge base
ingested before unit vectors) get no similarity, and the composer scores them by shared words alone."""
from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from knowledge_base.scripts import normalize_for_index

if TYPE_CHECKING:
    from knowledge_base.base import KnowledgeBase


class UnitMeaning(Protocol):
    def similarities(self, texts: list[str]) -> dict[str, float]:
        """Cosine similarity to the question for each unit embed text that has a vector; others are left out."""
        ...


class KbUnitMeaning:
    """Reads unit vectors from the knowledge base's cache; embeds the question only when some unit has a
    vector, and through `kb.query_vector`, so a question retrieval already embedded is not embedded again."""

    def __init__(self, kb: "KnowledgeBase", question: str):
        self.kb = kb
        self.norm_query = normalize_for_index(question)  # what retrieval embeds (knowledge_base.retriever)

    def similarities(self, texts: list[str]) -> dict[str, float]:
        vectors = self.kb.unit_vectors(texts)
        if not vectors:
            return {}
        query = self.kb.query_vector(self.norm_query)
        return {text: float(query @ vector) for text, vector in vectors.items()}


class FakeUnitMeaning:
    """Fixed similarities by unit text, for tests."""

    def __init__(self, similarities: dict[str, float]):
        self.fixed = similarities

    def similarities(self, texts: list[str]) -> dict[str, float]:
        return {t: self.fixed[t] for t in texts if t in self.fixed}
