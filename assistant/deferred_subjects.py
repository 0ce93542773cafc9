"""A thing the knowledge base names only to say its details come elsewhere: 「衡岳科技先锋股票型基金（017436）的相关
费率另行公告」 is the one sentence naming 017436, and it says its fees are announced separately. A question about
017436 is then one the sources do not answer, whatever else they state about their own funds' fees.

Only a security the question names by code counts, and only where every sentence of the knowledge base writing that
code is one such deferral: a code the sources also describe (its rate, its dates) is theirs to answer.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from assistant.sentences import split_sentences

CHUNKS_READ = 4  # chunks read per code: a thing named in passing is named in one or two
_CODE = re.compile(r"(?<![A-Za-z0-9.])\d{4,6}(?![\d.%])")
# 「另行公告」, 「詳情另行通知」, 「尚未公布」, 「未能預先確定」, "to be announced", "announced separately"
_DEFERRAL = re.compile(
    r"另行(?:公告|通知|公布|披露|通告)|另文(?:公告|通知)|(?:尚未|仍未)(?:公布|公告|确定|厘定|披露)|"
    r"(?:不能|未能|无法|唔能够|唔可以)预先确定|\bto be (?:announced|confirmed|determined)\b|"
    r"\bannounced separately\b|\bnot yet (?:announced|published|determined)\b",
    re.I,
)


def deferred_codes(norm_question: str, texts_mentioning: Callable[[str, int], list[str]]) -> list[str]:
    """The codes the question names (not years) whose every sentence in the knowledge base defers their details
    (`texts_mentioning(token, limit)`: normalized texts of chunks indexing the token)."""
    out = []
    for code in dict.fromkeys(_CODE.findall(norm_question)):
        if 1900 <= int(code) <= 2100:
            continue
        sentences = {text[start:end].strip() for text in texts_mentioning(code, CHUNKS_READ)
                     for start, end in split_sentences(text) if code in text[start:end]}
        if sentences and all(_DEFERRAL.search(s.lower()) for s in sentences):
            out.append(code)
    return out
