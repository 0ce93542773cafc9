"""Numbers as a question states them: counts in digits, Chinese or English words (三年, twelve months), and
figures with their unit (18倍, 62%, 195.51點)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.chinese_numerals import chinese_numeral_value
from assistant.number_tokens import NumberToken

_EN_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
               "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "a": 1, "an": 1}
COUNT = r"(\d{1,3}|[零一二两三四五六七八九十]{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty)"


def count_value(token: str) -> int:
    """The count a token writes; 0 for a run of numeral characters that is no number (十十), which every
    caller already rejects, since it accepts only positive counts."""
    token = token.strip().lower()
    if token.isdigit():
        return int(token)
    if token in _EN_NUMBERS:
        return _EN_NUMBERS[token]
    try:
        return chinese_numeral_value(token)
    except ValueError:
        return 0


_STATED = re.compile(
    r"(?<![0-9a-z.])([+\-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[+\-]?\d+(?:\.\d+)?)\s*"
    r"(%|个百分点|倍|x(?![a-z])|times|点|points?|pts)?"
)


@dataclass(frozen=True)
class Num:
    value: float
    unit: str  # % | x | points | ''
    start: int
    end: int


def stated_numbers(text: str) -> list[Num]:
    out = []
    for m in _STATED.finditer(text):
        unit = m.group(2) or ""
        unit = {"个百分点": "%", "倍": "x", "times": "x", "点": "points", "point": "points", "pts": "points"}.get(unit, unit)
        out.append(Num(float(m.group(1).replace(",", "")), unit, m.start(), m.end()))
    return out


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


# 「代號2395的股票」, "the stock with code 2395", 「（2395）」: a number that names a security, not how many
_CODE_BEFORE = re.compile(r"(?:代号|代码|编号|编码|股份代号|证券代号|股票代号|\bcode|\bticker|\bsymbol|\bstock)\s*[:：]?\s*$"
                          r"|[(（]\s*$", re.I)


def names_a_code(question: str, t: NumberToken) -> bool:
    """The number is a security's code the asker writes (after 代號 / code / ticker, or in brackets, or led by a zero
    as no quantity is: 00988, 0050)."""
    if re.fullmatch(r"0\d{3,5}", t.raw):
        return True
    return not t.decimals and "," not in t.raw and _CODE_BEFORE.search(question[:t.start].lower()) is not None
