"""The value of a numeral written in Chinese characters (六 -> 6, 十二 -> 12, 两千 -> 2000)."""
from __future__ import annotations

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def chinese_numeral_value(numeral: str) -> int:
    """Digits and 十/百/千 in Simplified script; a unit with no digit before it counts once (十二 -> 12)."""
    total, digit = 0, None
    for ch in numeral:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * CN_UNITS[ch]
            digit = None
    return total + (digit or 0)
