"""Running headers and footers: lines in the top or bottom margin that repeat on most pages (digits ignored),
and bare page numbers ("3", "- 3 -", "Page 3 of 9", 「第3頁」)."""
from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.pdf_lines import Line

_PAGE_NUMBER = re.compile(
    r"^[\s\-–—|·•]*(page|p\.|第)?\s*\d{1,4}\s*(頁|页)?\s*((/|／|of|共)\s*\d{1,4}\s*(頁|页)?)?[\s\-–—|·•]*$", re.I
)
MARGIN_SHARE = 0.10  # top and bottom tenth of the page hold running headers and footers


def margin_signature(line: Line, page_height: float) -> str | None:
    """A key for a line in the top or bottom margin ("T:財問證券研究報告", "B:第#/#"), None for body lines.
    Digits are masked so "Page 3" and "Page 4" share a key."""
    if line.bottom <= page_height * MARGIN_SHARE:
        zone = "T"
    elif line.top >= page_height * (1 - MARGIN_SHARE):
        zone = "B"
    else:
        return None
    return zone + ":" + re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text))


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text.strip()))


def repeated_margins(signatures_per_page: Sequence[set[str]], min_share: float = 0.5) -> set[str]:
    """Margin lines found on at least half of the pages (and on two or more) are running headers/footers."""
    pages = len(signatures_per_page)
    if pages < 2:
        return set()
    counts: dict[str, int] = {}
    for signatures in signatures_per_page:
        for signature in signatures:
            counts[signature] = counts.get(signature, 0) + 1
    return {s for s, n in counts.items() if n >= 2 and n >= pages * min_share}


def drop_margins(lines: list[Line], page_height: float, running: set[str]) -> list[Line]:
    kept = []
    for line in lines:
        signature = margin_signature(line, page_height)
        if signature is not None and (signature in running or is_page_number(line.text)):
            continue
        kept.append(line)
    return kept
