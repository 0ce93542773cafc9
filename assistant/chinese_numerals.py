"""The value of a numeral written in Chinese characters (六 -> 6, 十二 -> 12, 两千 -> 2000, 一百二 -> 120,
二〇二六 -> 2026), read by cn2an."""
from __future__ import annotations

import re
from collections.abc import Iterable


def chinese_numeral_value(numeral: str) -> int:
    """The integer `numeral` writes; ValueError for a run of numeral characters that is no number (十十)."""
    import cn2an  # about 0.4 s to import: paid by the first answer that meets a Chinese numeral, not at start-up

    return int(cn2an.cn2an(numeral, "normal"))


_NUMERAL_WORD = re.compile(r"^([零〇一二两三四五六七八九十百千万]+)([年月日天倍个只家成]?)$")


def arabic_forms(tokens: Iterable[str]) -> set[str]:
    """The Arabic numbers that index words written in Chinese numerals stand for (零 -> 0, 十年 -> 10), so
    「市盈率為零」 meets a question about a P/E of 0."""
    out = set()
    for token in tokens:
        m = _NUMERAL_WORD.match(token)
        if m is None or m.group(1) in ("一", "万"):  # 一 is mostly "a/one of", not the figure 1
            continue
        try:
            out.add(str(chinese_numeral_value(m.group(1))))
        except ValueError:
            continue
    return out
