"""Question patterns kept as data files in assistant/data/: `kind<TAB>regex` per line, `#` for comments.
A deployment extends them for its own documents; a bad line names its file and line number."""
from __future__ import annotations

import re
from collections.abc import Collection
from importlib import resources


def kind_patterns(name: str, kinds: Collection[str]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(kind, compiled case-insensitive pattern) for every line of assistant/data/`name`, in file order."""
    text = resources.files("assistant.data").joinpath(name).read_text(encoding="utf-8")
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, _, pattern = line.partition("\t")
        if kind not in kinds:
            raise ValueError(f"{name} line {number}: unknown kind {kind!r} (use {' | '.join(kinds)})")
        try:
            out.append((kind, re.compile(pattern.strip(), re.I)))
        except re.error as exc:
            raise ValueError(f"{name} line {number}: {exc}") from exc
    return tuple(out)
