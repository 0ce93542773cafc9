"""Numbers in answer and passage text with their unit and scale, and when two of them state the same figure.

Numbers are compared after width folding and canonicalisation (2,692.23 == 2692.23, 87% == 87 %,
８７ == 87, 71億 == 7.1 billion).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from assistant.chinese_numerals import chinese_numeral_value
from knowledge_base.scripts import fold_width

# Applied to width-folded text; the digits group is group 1.
_NUMBER = re.compile(
    r"(?<![A-Za-z0-9.])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![0-9])"
    r"(?:\s*(亿|億|万|萬|兆|(?:trillion|billion|million|thousand|bn|mn)(?![A-Za-z])))?"
    r"(?:\s*(%|percent(?:age points?)?(?![A-Za-z])|per cent(?![A-Za-z])|个百分点|個百分點|百分点|百分點|pp(?![A-Za-z])))?",
    re.IGNORECASE,
)
_SCALES = {
    "亿": 10**8, "億": 10**8, "万": 10**4, "萬": 10**4, "兆": 10**12,
    "trillion": 10**12, "billion": 10**9, "bn": 10**9, "million": 10**6, "mn": 10**6, "thousand": 10**3,
}
# Numbers that are part of a name (羅素2000, S&P 500, Nasdaq-100) are not figures; matched on the
# width-folded, lower-cased text just before the number, in either script.
_NAME_BEFORE = re.compile(
    r"(罗素|羅素|russell|标普|標普|s&p|纳斯达克|納斯達克|那斯达克|那斯達克|nasdaq|道琼斯|道瓊斯|道指|dow jones|dow|"
    r"恒生|恆生|msci|ftse|富时|富時|日经|日經|nikkei|stoxx|沪深|滬深|中证|中證|上证|上證|csi|wilshire|威尔希尔|威爾希爾)"
    r"\s*-?\s*$"
)
_ENUMERATOR_AFTER = re.compile(r"^\s*[.)、)]\s")


@dataclass(frozen=True)
class NumberToken:
    raw: str  # the digits as written (after width folding), e.g. "2,692.23"
    value: Decimal
    decimals: int
    scale: int  # 10**8 for 億 …, else 1
    percent: bool
    start: int  # span of the digits in the text it was found in
    end: int

    @property
    def canonical(self) -> str:
        return _canon(self.value)

    @property
    def scaled(self) -> Decimal:
        return self.value * self.scale


def _canon(value: Decimal) -> str:
    return format(value.normalize(), "f")


def numbers_in(text: str, *, skip_names: bool = True) -> list[NumberToken]:
    """Numbers in `text` (any script, full-width digits allowed) with their unit and scale.

    Skips numbers that belong to a name (羅素2000, S&P 500) and list enumerators ("1. ", "2) ").
    Spans refer to `text` itself: width folding keeps every character in place.
    """
    folded = fold_width(text)
    tokens: list[NumberToken] = []
    for m in _NUMBER.finditer(folded):
        raw = m.group(1)
        before = folded[max(0, m.start() - 12) : m.start()]
        if skip_names and _NAME_BEFORE.search(before.lower()):
            continue
        line_start = folded.rfind("\n", 0, m.start()) + 1
        if not folded[line_start : m.start()].strip() and _ENUMERATOR_AFTER.match(folded[m.end(1) : m.end(1) + 3]):
            continue
        try:
            value = Decimal(raw.replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the pattern only admits digits
            continue
        percent = bool(m.group(3)) or folded[max(0, m.start() - 3) : m.start()] in ("百分之",)
        decimals = len(raw.split(".")[1]) if "." in raw else 0
        scale = _SCALES.get((m.group(2) or "").lower(), 1)
        tokens.append(NumberToken(raw, value, decimals, scale, percent, m.start(1), m.end(1)))
    return tokens


# Chinese numerals before a counter or calendar word (六月, 十二月, 三年, 两千家): passages write small
# numbers this way while answers often use digits. Used for grounding only, never as a repair.
_CN_NUMBER = re.compile(r"([零〇一二两三四五六七八九十百千]+)(?=[个月年日号倍次家只成天周季期名位])")


def _cn_value(numeral: str) -> int | None:
    if not numeral.strip("零〇"):
        return None
    try:
        return chinese_numeral_value(numeral)
    except ValueError:  # numeral characters that write no number (十十): no figure to ground
        return None


def chinese_numbers_in(norm_text: str) -> list[NumberToken]:
    """Numbers written in Chinese numerals in t2s-normalized text (六月 -> 6, 十二月 -> 12, 两千家 -> 2000)."""
    tokens = []
    for m in _CN_NUMBER.finditer(norm_text):
        value = _cn_value(m.group(1))
        if value is not None:
            tokens.append(NumberToken(m.group(1), Decimal(value), 0, 1, False, m.start(1), m.end(1)))
    return tokens


def rounds_to(precise: Decimal, shown: Decimal, decimals: int) -> bool:
    quantum = Decimal(1).scaleb(-decimals)
    return precise.quantize(quantum, rounding=ROUND_HALF_UP) == shown


def same_number(answer: NumberToken, source: NumberToken) -> bool:
    if answer.percent and not source.percent:
        return False
    if answer.value == source.value and (answer.scale == source.scale or source.scale == 1 or answer.scale == 1):
        return True
    if answer.scale != source.scale and answer.scaled == source.scaled:
        return True  # 71億 == 7.1 billion
    if answer.scale == source.scale and source.decimals > answer.decimals:
        return rounds_to(source.value, answer.value, answer.decimals)  # 2,692 for 2,692.23
    return False
