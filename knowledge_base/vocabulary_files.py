"""Tab-separated data files that hold vocabularies and question/sentence patterns (`*/data/*.tsv`): one
`key<TAB>value` row per line, `#` lines are comments. A deployment extends them for its own documents; a
malformed row or a bad pattern names its file and line. Shared by ingest, the knowledge base and the
assistant, so it sits in the lowest of them."""
from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from importlib import resources


def _numbered_rows(text: str, name: str) -> Iterator[tuple[int, str, str]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        key, tab, value = line.partition("\t")
        if not tab or not key.strip() or not value.strip():
            raise ValueError(f"{name} line {number}: expected 'key<TAB>value', got {line!r}")
        yield number, key.strip(), value


def parse_vocabulary(text: str, name: str) -> list[tuple[str, str]]:
    """(key, value) rows of a vocabulary text."""
    return [(key, value) for _, key, value in _numbered_rows(text, name)]


def read_vocabulary(package: str, name: str) -> list[tuple[str, str]]:
    """(key, value) rows of the data file `name` in `package` (e.g. "knowledge_base.data")."""
    return parse_vocabulary(resources.files(package).joinpath(name).read_text(encoding="utf-8"), name)


def read_words(package: str, name: str) -> frozenset[str]:
    """The words of a one-word-per-line data file (`#` lines are comments), stripped."""
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def parse_rows(text: str, name: str, columns: int) -> list[list[str]]:
    """Rows of `columns` tab-separated fields; a malformed row names its file and line."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) != columns or not all(cells):
            raise ValueError(f"{name} line {number}: expected {columns} tab-separated fields, got {line!r}")
        rows.append(cells)
    return rows


def read_rows(package: str, name: str, columns: int) -> list[list[str]]:
    """Rows of the data file `name` in `package`, `columns` fields each."""
    return parse_rows(resources.files(package).joinpath(name).read_text(encoding="utf-8"), name, columns)


def read_patterns(package: str, name: str, kinds: Collection[str] | None = None
                  ) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(label, case-insensitive pattern) rows of a `label<TAB>regex` data file, in file order; with `kinds`,
    a label outside them is an error."""
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    out = []
    for number, label, pattern in _numbered_rows(text, name):
        if kinds is not None and label not in kinds:
            raise ValueError(f"{name} line {number}: unknown kind {label!r} (use {' | '.join(kinds)})")
        try:
            out.append((label, re.compile(pattern.strip(), re.I)))
        except re.error as exc:
            raise ValueError(f"{name} line {number}: bad pattern {pattern!r}: {exc}") from exc
    return tuple(out)
