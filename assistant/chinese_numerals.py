"""The value of a numeral written in Chinese characters (六 -> 6, 十二 -> 12, 两千 -> 2000, 一百二 -> 120,
二〇二六 -> 2026), read by cn2an."""
from __future__ import annotations


def chinese_numeral_value(numeral: str) -> int:
    """The integer `numeral` writes; ValueError for a run of numeral characters that is no number (十十)."""
    import cn2an  # about 0.4 s to import: paid by the first answer that meets a Chinese numeral, not at start-up

    return int(cn2an.cn2an(numeral, "normal"))
