"""Content checks: `must_include` recall and numeric accuracy.

Text is compared in one canonical form: OpenCC t2s and full/half-width folding (the same
`normalize_for_index` the index uses), case-folded, thousands separators dropped (1,000万 = 1000万) and
whitespace removed (72 % = 72%, "tracking error" = "trackingerror"). So a Traditional answer matches
Simplified keys, and ＩＷＭ matches IWM.

Numbers: every number in the answer is a candidate, also scaled by a following 万/亿/thousand/million/
billion (5億 is both 5 and 500000000). An expected number is found when some candidate is within its
`tol`. Magnitudes are compared, because answers state signs in words as often as with a minus
("fell 1.16%", "跌1.16%"), and a dash between numbers is usually a range or a subtraction (4.00%-4.25%).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from evals.golden import GoldenNumber
from evals.metrics.citations import strip_markers
from knowledge_base.scripts import normalize_for_index

# Only an ASCII comma between digits is a thousands separator; a full-width ',' is Chinese punctuation.
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)\s*"
    r"(万亿|万|亿|千|thousand|million|billion|trillion|bn|mn)?",
    re.IGNORECASE,
)
_SCALE = {
    "千": 1e3, "万": 1e4, "亿": 1e8, "万亿": 1e12,
    "thousand": 1e3, "million": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12,
}


def canonical_text(text: str) -> str:
    """NFC, thousands separators dropped, t2s, width folding, case folding (whitespace kept)."""
    text = _THOUSANDS.sub("", unicodedata.normalize("NFC", text))
    return normalize_for_index(text).casefold()


def normalize_for_match(text: str) -> str:
    return _SPACE.sub("", canonical_text(text))


def must_include_recall(answer: str, keys: Sequence[str]) -> float | None:
    if not keys:
        return None
    haystack = normalize_for_match(answer)
    return sum(normalize_for_match(k) in haystack for k in keys) / len(keys)


def missing_keys(answer: str, keys: Sequence[str]) -> list[str]:
    haystack = normalize_for_match(answer)
    return [k for k in keys if normalize_for_match(k) not in haystack]


def extract_numbers(text: str) -> list[float]:
    """Candidate values stated in the text (citation markers are not numbers)."""
    values: list[float] = []
    for match in _NUMBER.finditer(canonical_text(strip_markers(text))):
        value = float(match.group(1))
        values.append(value)
        scale = match.group(2)
        if scale:
            values.append(value * _SCALE[scale.lower()])
    return values


def number_found(expected: GoldenNumber, candidates: Sequence[float]) -> bool:
    target = abs(expected.value)
    slack = expected.tol + 1e-9 * max(1.0, target)
    return any(abs(abs(c) - target) <= slack for c in candidates)


@dataclass
class NumericCheck:
    found: list[float]
    missing: list[float]

    @property
    def accuracy(self) -> float:
        """1.0 when every expected number is stated within tolerance."""
        return 0.0 if self.missing else 1.0


def check_numbers(answer: str, expected: Sequence[GoldenNumber]) -> NumericCheck | None:
    if not expected:
        return None
    candidates = extract_numbers(answer)
    found = [n.value for n in expected if number_found(n, candidates)]
    missing = [n.value for n in expected if not number_found(n, candidates)]
    return NumericCheck(found=found, missing=missing)
