"""Fusion modes as registry entries: which retrievers each mode runs and how it orders their results."""
from __future__ import annotations

from pathlib import Path

import pytest

from caiwen.registry import UnknownNameError
from knowledge_base.base import KnowledgeBase
from knowledge_base.catalog import Catalog
from knowledge_base.fusion import FUSION_MODES, RRF_K
from knowledge_base.options import KnowledgeBaseOptions

LEXICAL = [("a", 9.0), ("b", 7.0), ("c", 5.0)]
DENSE = [("d", 0.9), ("b", 0.8), ("e", 0.7)]


class Source:
    """A ranking that records whether a mode asked for it (the dense side costs a query embedding)."""

    def __init__(self, ranked: list[tuple[str, float]]) -> None:
        self.ranked = ranked
        self.calls = 0

    def __call__(self) -> list[tuple[str, float]]:
        self.calls += 1
        return self.ranked


def fuse(mode: str, depth: int = 20) -> tuple[list[str], Source, Source]:
    lexical, dense = Source(LEXICAL), Source(DENSE)
    fused = FUSION_MODES.get(mode)(lexical, dense, depth)
    return sorted(fused.scores, key=fused.scores.__getitem__, reverse=True), lexical, dense


def test_the_four_modes_are_registered() -> None:
    assert FUSION_MODES.names() == ["dense", "hybrid", "lexical", "rrf"]


def test_hybrid_keeps_the_lexical_order_and_dense_fills_below_it() -> None:
    order, _, dense = fuse("hybrid")
    assert order == ["a", "b", "c", "d", "e"]
    assert dense.calls == 1


def test_hybrid_skips_the_dense_side_when_lexical_fills_the_depth() -> None:
    order, _, dense = fuse("hybrid", depth=3)
    assert order == ["a", "b", "c"]
    assert dense.calls == 0


def test_rrf_rewards_a_chunk_both_sides_found() -> None:
    fused = FUSION_MODES.get("rrf")(Source(LEXICAL), Source(DENSE), 20)
    assert max(fused.scores, key=fused.scores.__getitem__) == "b"
    assert fused.scores["b"] == pytest.approx(0.5 / (RRF_K + 2) + 1.0 / (RRF_K + 2))


@pytest.mark.parametrize(("mode", "expected", "runs_lexical", "runs_dense"), [
    ("lexical", ["a", "b", "c"], 1, 0),
    ("dense", ["d", "b", "e"], 0, 1),
])
def test_single_side_modes_never_run_the_other_retriever(mode, expected, runs_lexical, runs_dense) -> None:
    order, lexical, dense = fuse(mode)
    assert order == expected
    assert (lexical.calls, dense.calls) == (runs_lexical, runs_dense)


def test_an_unknown_mode_names_the_valid_ones() -> None:
    with pytest.raises(UnknownNameError, match="unknown retrieval mode 'magic': use one of dense, hybrid, lexical, rrf"):
        FUSION_MODES.get("magic")


def test_a_misconfigured_mode_fails_when_the_knowledge_base_is_built(tmp_path: Path) -> None:
    options = KnowledgeBaseOptions(data_dir=tmp_path, retrieval_mode="bm25")
    with pytest.raises(UnknownNameError, match="'bm25': use one of dense, hybrid, lexical, rrf"):
        KnowledgeBase(lambda: None, lambda: None, Catalog(tmp_path / "catalog.sqlite3"), options)
