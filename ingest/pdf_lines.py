"""What a page holds, positioned in PDF points (origin top-left): words, grouped into lines, and tables; and
how two pieces of text join (nothing between Chinese characters, a space between Latin words)."""
from __future__ import annotations

import re
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def size(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass
class Line:
    words: list[Word]

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def size(self) -> float:
        return statistics.median(w.size for w in self.words)

    @property
    def has_fields(self) -> bool:
        """Words set apart by wide gaps (a label and its value, cells of an unruled table)."""
        ordered = sorted(self.words, key=lambda w: w.x0)
        return any(b.x0 - a.x1 > 2 * a.size for a, b in zip(ordered, ordered[1:]))

    @property
    def text(self) -> str:
        ordered = sorted(self.words, key=lambda w: w.x0)
        out = ordered[0].text
        for prev, word in zip(ordered, ordered[1:]):
            out += join_fragments(out, word.text, gap=word.x0 - prev.x1, size=prev.size)
        return out


def join_fragments(before: str, after: str, gap: float | None = None, size: float = 10.0) -> str:
    """What goes between two pieces of one line or paragraph: nothing between Chinese characters (or after
    a hyphen), a space between Latin words."""
    if not before or not after:
        return after
    if before.endswith("-") and not before.endswith(" -"):
        return after
    if gap is not None and gap > size * 0.9:
        return " " + after  # a visible gap: separate fields or words
    if _CJK.match(before[-1]) or _CJK.match(after[0]):
        return after
    return " " + after


def group_lines(words: Iterable[Word]) -> list[Line]:
    """Words on one baseline band, top to bottom: a word joins a line when most of its height overlaps it."""
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        for line in reversed(lines[-4:]):
            overlap = min(line.bottom, word.bottom) - max(line.top, word.top)
            if overlap >= 0.5 * min(word.size, line.bottom - line.top):
                line.words.append(word)
                break
        else:
            lines.append(Line([word]))
    return sorted(lines, key=lambda line: (line.top, line.x0))
