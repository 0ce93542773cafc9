"""The kind of answer a question asks for (a date, a number, a name, a rank) and whether a unit has one.

Question words live in `assistant/data/answer_types.tsv` so a deployment can extend them. Used by the
offline composer to prefer units that can answer (a date for "when", a figure for "how much") and by the
chain to find a table's extreme row for rank questions.
"""
from __future__ import annotations

import re
from functools import lru_cache

from assistant.chinese_numerals import chinese_numeral_value
from assistant.figures.question_numbers import count_value
from knowledge_base.lexical_tokens import cantonese_to_mandarin
from knowledge_base.vocabulary_files import read_patterns

ANSWER_TYPES = ("rank_max", "rank_min", "date", "time", "duration", "number", "name", "definition")

_DATE = re.compile(r"\d{4}\s*年|\d{1,2}\s*月\s*\d{0,2}|[一二三四五六七八九十]{1,3}月|"
                   r"(?<![A-Za-z0-9-])(?:19|20)\d{2}-\d{1,2}(?:-\d{1,2})?(?![\d-])|\b(19|20)\d{2}\b|"
                   r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d", re.I)
# a time of day: 「13:25」, 「下午3:00」, "12:00 noon", "4 p.m."
_TIME = re.compile(r"\d{1,2}\s*[:：]\s*\d{2}|\d{1,2}\s*[点點时時](?!\d)|[上下中]午|\bnoon\b|\bmidnight\b|\d\s*[ap]\.?m\b", re.I)
# a length of time: 「10個營業日」, 「T+2」, 「次一營業日」, "two business days" (not the 13日 of a date), or the
# end of one ("through December 31, 2027")
_DURATION = re.compile(r"(?<![月\d])\d{1,3}\s*(?:个|個)?\s*(?:营业日|營業日|工作日|工作天|交易日|天|周|週|星期|个月|個月|小时|小時|分钟|分鐘)"
                       r"|(?<![A-Za-z])T\s*\+\s*\d|次一?(?:营业日|營業日|交易日|工作日)|次日|翌日|即日|当日|當日|当天|當天"
                       r"|\b(?:\d+|one|two|three|four|five|six|seven|ten)\s+(?:business |working |trading |calendar )?"
                       r"(?:days?|weeks?|months?|hours?|minutes?)\b|\bnext (?:business |trading )?day\b|\bsame day\b"
                       # how long something lasts: until when ("through December 31, 2027", 「至2027年12月31日止」)
                       r"|\b(?:through|until|till)\s+(?:[a-z]+\s+)?\d|至\s*\d{4}\s*年[^。；;]{0,12}[止为為]|直至|为止|為止", re.I)
_NUMBER = re.compile(r"\d|[一二两三四五六七八九十百千万亿]+(倍|成|个|只|家|年|%|‰|天|日|周|季|个?月)|百分之|六成|半")
_NAME = re.compile(r"[A-Z][A-Za-z&.\-]+|「[^」]{2,20}」|（[A-Z]{1,6}）|\([A-Z]{1,6}\)|[\u4e00-\u9fff]{2,8}(公司|集团|银行|证券|指数|交易所|基金)")


# 「多少港币」, "how many dollars": an amount of money asked, the currency being its unit (group 3), not its topic
ASKS_AMOUNT = re.compile(r"(多少|几多|几|幾多|幾)\s*(亿|億|万|萬)?\s*(元|块|钱|錢|港元|港币|港幣|美元|新台币|新台幣|人民币|人民幣|日元|港仙|仙)"
                         r"|how (much|many) (money|dollars|cents|yuan|hk\$|us\$|nt\$)|in (dollars|cents|yuan)")


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return read_patterns("assistant.data", "answer_types.tsv", ANSWER_TYPES)


def answer_type(norm_question: str) -> str | None:
    """rank_max | rank_min | date | time (「幾點截單」) | duration (「幾耐到賬」) | number | name | definition (「咩意思」, "what does X mean"), or None for
    how/why questions and the rest."""
    text = cantonese_to_mandarin(norm_question.lower())
    rank = _ordinal_rank(text)
    if rank is not None:
        return rank[0]
    return next((kind for kind, pattern in _patterns() if pattern.search(text)), None)


_UPDATED = re.compile(r"\bupdated?\b|\bpublished\b|\beffective\b|更新|发布|公布|生效")


def asks_a_date(norm_question: str) -> bool:
    """Some part of the question asks when (a date, a day, since when), or when the page was updated."""
    text = cantonese_to_mandarin(norm_question.lower())
    return _UPDATED.search(text) is not None or any(kind == "date" and pattern.search(text)
                                                      for kind, pattern in _patterns())


def asks_how_much(norm_question: str) -> bool:
    """The question asks for a figure (多少, how much), whatever else its words ask (「最多能占多少」 is also a
    rank question to `answer_type`)."""
    text = cantonese_to_mandarin(norm_question.lower())
    return any(kind == "number" and pattern.search(text) for kind, pattern in _patterns())


# A place other than the first: 第二大 / 排第三 / second-largest (largest side), 第二小 / 倒数第二 / 2nd-lowest.
_ORDINAL = re.compile(r"(倒数)?第\s*([二三四五2-5])\s*(大|高|多|贵|名|位|小|低|少|便宜|细)?|排名?第?\s*([二三四五2-5])(?![\d.%期])"
                      r"|\b(second|third|fourth|fifth|[2-5](?:nd|rd|th))[- ](largest|biggest|highest|most|heaviest|"
                      r"smallest|lowest|least|fewest|cheapest)\b")
_ENGLISH_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5}
_SMALL_SIDE = {"小", "低", "少", "便宜", "细", "smallest", "lowest", "least", "fewest", "cheapest"}


def _ordinal_rank(text: str) -> tuple[str, int] | None:
    """(rank_max | rank_min, place) of a question asking for a place other than the first."""
    for m in _ORDINAL.finditer(text):
        bottom, chinese, side, ranked, english, english_side = m.groups()
        if chinese and not (bottom or side):
            continue  # 第2期: a series, not a place
        numeral = chinese or ranked
        place = (int(numeral) if numeral.isdigit() else chinese_numeral_value(numeral)) if numeral else \
            _ENGLISH_ORDINALS.get(english) or int(english[0])
        smallest = bool(bottom) or (side or english_side) in _SMALL_SIDE
        return ("rank_min" if smallest else "rank_max"), place
    return None


def rank_position(norm_question: str) -> int:
    """Which place a rank question asks for: 2 for 第二大 / 排第二 / second-largest, else 1 (the extreme)."""
    rank = _ordinal_rank(cantonese_to_mandarin(norm_question.lower()))
    return rank[1] if rank else 1


_N = r"(\d{1,2}|[两二三四五六七八九十]{1,2}|two|three|four|five|six|seven|eight|nine|ten)"
# 「前三大成分股」, 「最大嘅五隻」, "the top five holdings", "the three largest": the first N of a ranking
_TOP = re.compile(rf"前\s*{_N}\s*(?:大|名|位)|(?:最大|最高|最重)的?\s*{_N}\s*(?:只|个|家|档|支|项|隻|個|檔|項)"
                  rf"|\btop[\s-]+{_N}\b|\b{_N}\s+(?:largest|biggest|heaviest)\b|\b(?:largest|biggest|heaviest)\s+{_N}\b")


def top_count(norm_question: str) -> int | None:
    """How many leading places of a ranking the question asks about together (前三大, top five), if two or more."""
    m = _TOP.search(cantonese_to_mandarin(norm_question.lower()))
    if m is None:
        return None
    count = count_value(next(g for g in m.groups() if g))
    return count if count >= 2 else None


def satisfies(kind: str | None, text: str) -> bool | None:
    """Whether a unit's text holds the kind of answer asked for (None: the question asks for no type)."""
    if kind is None:
        return None
    if kind == "date":
        return bool(_DATE.search(text))
    if kind == "time":
        return bool(_TIME.search(text))
    if kind == "duration":
        return bool(_DURATION.search(text))
    if kind in ("number", "rank_max", "rank_min"):
        return bool(_NUMBER.search(text))
    if kind == "definition":
        return None  # which term a unit defines: defined_terms.defined_term, against the question's words
    return bool(_NAME.search(text))
