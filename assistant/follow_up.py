"""Follow-up questions without an LLM: carry the previous question's subject over.

「羅素2000點樣重組？」 then 「咁同標普500比呢？」 → the second names an index but not what about it, so the
previous subject terms are prepended: 「羅素2000 重組 咁同標普500比呢？」. A follow-up that names nothing of
its own (「佢嘅市盈率呢？」) gets the previous subject as its subject.
"""
from __future__ import annotations

import re

from assistant.evidence import content_terms

_FOLLOW_UP = re.compile(r"^(咁|那|那么|然后|还有|還有|另外|and\b|what about|how about|so\b)|呢[?？]?$|\b(it|its|they|that)\b", re.I)


def subject_of(standalone: str, norm: str) -> str:
    lang = "en" if not re.search(r"[\u4e00-\u9fff]", norm) else "zh"
    return " ".join(content_terms(norm, lang)[:4])


def carry_subject(question: str, previous_subject: str) -> str:
    if not previous_subject:
        return question
    if _FOLLOW_UP.search(question.strip()) or len(question.strip()) <= 12:
        return f"{previous_subject} {question}"
    return question
