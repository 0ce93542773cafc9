"""Citation markers in answer text: [1], [1,2], [1][2], [1-3], full-width ［１］ and 【1】.

The one pattern every reader of markers uses (verification, quotes, sentence splitting, prompts).
"""
from __future__ import annotations

import re

from knowledge_base.scripts import fold_width

MARKER = re.compile(
    r"[\[［【]\s*([0-9０-９]+(?:\s*[-–,，、;；]\s*[0-9０-９]+)*)\s*[\]］】]"
)


def parse_marker_group(body: str) -> list[int]:
    """'1, 3-4' -> [1, 3, 4]; full-width digits allowed."""
    out: list[int] = []
    for part in re.split(r"\s*[,，、;；]\s*", fold_width(body).strip()):
        if not part:
            continue
        bounds = re.split(r"\s*[-–]\s*", part)
        if len(bounds) == 2 and all(b.isdigit() for b in bounds) and int(bounds[0]) <= int(bounds[1]) <= int(bounds[0]) + 20:
            out.extend(range(int(bounds[0]), int(bounds[1]) + 1))
        elif part.isdigit():
            out.append(int(part))
    return out


def markers_in(text: str) -> list[int]:
    """Every marker number in order of appearance (duplicates kept)."""
    return [n for m in MARKER.finditer(text) for n in parse_marker_group(m.group(1))]


def strip_markers(text: str) -> str:
    return MARKER.sub("", text)
