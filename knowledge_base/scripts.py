"""Script normalization and detection shared by ingest (documents) and the assistant (questions).

The index holds one script: everything is converted to Simplified (OpenCC t2s) and full-width ASCII is
folded, so 羅素 and 罗素, ＲＴＹ and RTY are one word to both the embedder and the lexical index.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
# Written-Cantonese particles built from characters both scripts share: they still mark Hong Kong
# Traditional. The widget (api/widget/widget.js) carries the same string; a test keeps the two equal.
CANTONESE_PARTICLES = "嘅咗喺噉咁哋嗰咩唔冇佢啲睇嚟乜"
_CANTONESE = re.compile(f"[{CANTONESE_PARTICLES}]")


@lru_cache(maxsize=None)
def converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


_WIDTH_TABLE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def fold_width(text: str) -> str:
    """Full-width ASCII (ＡＢＣ１２３％) and the ideographic space to half-width; CJK punctuation is kept."""
    return text.translate(_WIDTH_TABLE)


# Simplified variants t2s leaves apart: Traditional 帳戶 becomes 帐户 and 賬戶 账户, and Hong Kong writes 櫃枱 where
# the mainland writes 柜台. Each pair is one word in finance text (a tent, 帐篷 / 帐幕, is the one other sense of 帐).
_VARIANTS = re.compile(r"帐(?![篷幕])|枱")
_VARIANT_OF = {"帐": "账", "枱": "台"}


def normalize_for_index(text: str) -> str:
    """t2s + width folding + NFC + the variants above; the same function for documents and queries, one character
    for one, so positions in the normalized text are positions in the original."""
    simplified = converter("t2s").convert(fold_width(unicodedata.normalize("NFC", text)))
    return _VARIANTS.sub(lambda m: _VARIANT_OF[m.group()], simplified)


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


_LATIN_PER_CJK = 20  # Latin letters per Chinese character above which a text is English


def detect_script(text: str) -> str:
    """zh-Hant, zh-Hans or en, by counting characters that change under t2s vs s2t."""
    cjk = _CJK.findall(text)
    latin = len(_LATIN.findall(text))
    # An English page with a 中文 language switch or a Chinese name in passing is still English.
    if not cjk or (len(cjk) < 2 and latin > 3) or len(cjk) * _LATIN_PER_CJK < latin:
        return "en"
    sample = "".join(cjk)
    simplified = converter("t2s").convert(sample)
    traditional = converter("s2t").convert(sample)
    trad_only = sum(1 for a, b in zip(sample, simplified) if a != b)  # chars t2s would change
    simp_only = sum(1 for a, b in zip(sample, traditional) if a != b)  # chars s2t would change
    if trad_only == simp_only == 0:
        # Characters shared by both scripts only: Cantonese particles still mark Hong Kong Traditional.
        return "zh-Hant" if has_cantonese_particles(sample) else "zh-Hans"
    return "zh-Hant" if trad_only >= simp_only else "zh-Hans"


def has_cantonese_particles(text: str) -> bool:
    return _CANTONESE.search(text) is not None
