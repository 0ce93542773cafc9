"""Is the answer written in the asker's script?

Rule: the script of an answer is decided by its own words, not by the evidence it quotes. Text inside
quotation marks (「」 『』 “” ‘’ "…") and [n] markers is removed first; an English answer that frames
quoted Chinese evidence is therefore English. What remains is English when it has no CJK characters or
at least 4 Latin letters per CJK character (a stray 羅素 in an English sentence); otherwise its CJK
characters decide Traditional vs Simplified (`knowledge_base.scripts.detect_script`). Chinese made only of
characters both scripts share (and no Cantonese particles) cannot be told apart and matches either.
If nothing is left after stripping (an answer that is all quotation), the whole text is used.
"""
from __future__ import annotations

import re

from evals.metrics.citations import strip_markers
from knowledge_base.scripts import converter, detect_script, has_cantonese_particles

_QUOTED = re.compile(r"「[^」]*」|『[^』]*』|“[^”]*”|‘[^’]*’|\"[^\"\n]*\"")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
LATIN_PER_CJK = 4

AMBIGUOUS_CHINESE = "zh"


def framing_text(answer: str) -> str:
    stripped = _QUOTED.sub(" ", strip_markers(answer))
    if not _CJK.search(stripped) and not _LATIN.search(stripped):
        return answer
    return stripped


def answer_script(answer: str) -> str:
    """zh-Hant, zh-Hans, en, or `zh` for Chinese that both scripts write the same way."""
    text = framing_text(answer)
    cjk = _CJK.findall(text)
    latin = len(_LATIN.findall(text))
    if not cjk or latin >= LATIN_PER_CJK * len(cjk):
        return "en"
    sample = "".join(cjk)
    neutral = converter("t2s").convert(sample) == sample == converter("s2t").convert(sample)
    if neutral and not has_cantonese_particles(sample):
        return AMBIGUOUS_CHINESE
    return detect_script(sample)


def language_matches(answer: str, expected_lang: str) -> bool:
    script = answer_script(answer)
    if script == AMBIGUOUS_CHINESE:
        return expected_lang in ("zh-Hant", "zh-Hans")
    return script == expected_lang
