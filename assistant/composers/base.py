"""The composer protocol: turn a question and numbered evidence into an answer with [n] markers."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from assistant.language import QueryLanguage
from assistant.schemas import Figure
from knowledge_base.records import SearchHit

if TYPE_CHECKING:
    from assistant.composers.meaning import UnitMeaning


@dataclass
class CompositionInput:
    question: str  # as the customer typed it (after follow-up rewriting)
    norm_question: str  # t2s-normalized
    language: QueryLanguage
    contexts: list[SearchHit]  # numbered [1]..[k] in this order
    figures: list[Figure] = field(default_factory=list)  # computation-tool results already obtained
    history: list[tuple[str, str]] = field(default_factory=list)  # (question, answer) pairs, oldest first
    is_advice: bool = False
    meaning: UnitMeaning | None = None  # question-to-unit similarity; None = shared words only
    # Contexts (chunk ids) that joined for one reading only: the row stating a defined term's value
    # (assistant/defined_terms.py), a worked example's lines past its chunk (assistant/example_hits.py). The offline
    # composer quotes them only with that reading.
    defined_rows: frozenset[str] = frozenset()
    # Chinese names (index form) that an English question gives in Latin letters, glossed or in pinyin ("Lanyu
    # Energy Storage": 澜屿): the documents writing them are the subject's.
    names: frozenset[str] = frozenset()


@dataclass
class Composition:
    text: str  # answer with [n] markers, in the asker's language (script conversion is applied after)
    composer: str  # "llm" | "extractive"
    figures: list[Figure] = field(default_factory=list)  # any figures the composer obtained via tools
    model: str | None = None
    warnings: list[str] = field(default_factory=list)


class Composer(Protocol):
    name: str

    def compose(self, inp: CompositionInput) -> Composition: ...

    def stream(self, inp: CompositionInput) -> Iterator[str | Composition]:
        """Yield text pieces as they are written, then the final Composition last."""
        ...
