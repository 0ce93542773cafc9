"""A question asking several things at once, cut into its parts (「降到多少?为啥对罗素2000特别有利?」)."""
from __future__ import annotations

import re

# a question mark or semicolon ends a part; so does a comma after 多少 / 几 (「要付多少，几时到账」)
QUESTION_PARTS = re.compile(r"[?？;；]|(?<=[多少几])[,，]")


def question_parts(norm_question: str) -> list[str]:
    """The question's parts, each a question of its own; one part for a question asking one thing."""
    return [p.strip() for p in QUESTION_PARTS.split(norm_question) if p.strip()]
