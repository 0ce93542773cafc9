"""`caiwen eval --sample N`: a small sample that still spans every kind and language, in file order."""
from __future__ import annotations

from evals.golden import GoldenItem, sample_items


def item(i: int, kind: str, lang: str) -> GoldenItem:
    sources = [] if kind == "out_of_scope" else ["doc.txt"]
    return GoldenItem(id=f"g{i:02d}", question=f"q{i}", lang=lang, kind=kind, expected_sources=sources)


def test_sample_spans_kinds_and_languages_in_file_order():
    items = [item(i, "fact", "zh-Hant") for i in range(10)]
    items += [item(10, "advice", "en"), item(11, "out_of_scope", "zh-Hans"), item(12, "fact", "en")]
    chosen = sample_items(items, 4)
    assert [i.id for i in chosen] == ["g00", "g10", "g11", "g12"]
    assert sample_items(items, 100) == items  # more than there are: all of them, once
    assert [i.id for i in sample_items(items, 5)] == ["g00", "g01", "g10", "g11", "g12"]
