"""The period a question pins its figure to (a year, a month of a year, a day, a series 第N期), and whether a text
states it in any of the ways documents write one: 2026年7月, 2026/07/17, July 17, 2026, 17 Jul 2026, 第9期.

A question for the figure of a period that no retrieved source names (a year outside the table, a week the
yield table does not list, a series before the first one shown) asks for something the sources do not state:
the rows of the other periods are not its answer.

Hand-written rather than a date parser: only the equality of one key across a handful of written forms is
needed, for every retrieved text of every question (dateparser's search_dates costs milliseconds per text).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from assistant.chinese_numerals import chinese_numeral_value

MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
# (an abbreviation's dot is part of it, Jan.; a full name's is the sentence's: "on 22 May. From June")
_MONTH_NAME = (r"(?P<mname>january|february|march|april|may|june|july|august|september|october|november|december|"
               r"(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?)")
_YEAR = r"(?P<year>(?:19|20)\d\d)"

# Chinese forms: 2024年10月(16日), 10月16日; English: October 16, 2024 / 16 October 2024 / October 2024;
# series: 第8期; a half or a quarter of a year: 2026年上半年, 2025年第三季, H1 2026, Q3 2025. A bare year is a
# key only where it qualifies the thing asked about (2024年 / in 2024).
_QUESTION_KEYS = [
    # a whole year said to be whole ("full year 2025", FY2025, 2025年全年): a half or a quarter of it does not state it
    re.compile(rf"(?<![A-Za-z])(?P<whole>full[- ]year|fy|fiscal(?:\s+year)?)\s*(?:of\s+)?{_YEAR}(?!\d)", re.I),
    re.compile(rf"(?<!\d){_YEAR}\s*(?P<whole>full[- ]year|fy)(?![A-Za-z])", re.I),
    re.compile(rf"{_YEAR}\s*年?\s*(?:度\s*)?(?P<whole>全年)"),
    re.compile(rf"{_YEAR}\s*年\s*(?P<half>上|下)半年"),
    # a year's final dividend or distribution (2026年末期息, "final distribution for 2026"): an interim report states
    # the interim one, and last year's final, not this one
    re.compile(rf"{_YEAR}\s*年\s*(?:度\s*)?(?:的|嘅|之)?\s*(?P<final>末期)"),
    re.compile(rf"\b(?P<final>final)\s+(?:cash\s+)?(?:dividend|distribution)s?\s+(?:for|of)\s+(?:the\s+year\s+)?{_YEAR}\b", re.I),
    re.compile(rf"\b{_YEAR}\s+(?P<final>final)\s+(?:cash\s+)?(?:dividend|distribution)", re.I),
    re.compile(rf"{_YEAR}\s*年\s*(?:第\s*)?(?P<quarter>[一二三四1-4])\s*季"),
    re.compile(rf"\b(?P<half>first|second) half (?:of )?{_YEAR}\b", re.I),
    re.compile(rf"\bh(?P<half>[12])\s*{_YEAR}\b", re.I),
    re.compile(rf"\bq(?P<quarter>[1-4])\s*{_YEAR}\b", re.I),
    re.compile(rf"\b(?:the )?(?P<quarter>first|second|third|fourth) quarter (?:of )?{_YEAR}\b", re.I),
    re.compile(rf"\b{_YEAR}\s*h(?P<half>[12])\b", re.I),
    re.compile(rf"\b{_YEAR}\s*q(?P<quarter>[1-4])\b", re.I),
    re.compile(rf"{_YEAR}\s*年\s*(?P<month>\d{{1,2}})\s*月(?:\s*(?P<day>\d{{1,2}})\s*[日号號])?"),
    re.compile(rf"(?<!\d)(?P<month>\d{{1,2}})\s*月\s*(?P<day>\d{{1,2}})\s*[日号號]"),
    # a month's end or start without its year (「10月底的规模」): the document's own year is meant
    re.compile(r"(?<![\d年])(?P<month>\d{1,2})\s*月\s*(?:底|末|初)"),
    re.compile(rf"\b{_MONTH_NAME}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s*{_YEAR})?", re.I),
    re.compile(rf"\b(?P<day>\d{{1,2}})\s+{_MONTH_NAME}(?:,?\s*{_YEAR})?", re.I),
    re.compile(rf"\b{_MONTH_NAME}\s*,?\s*{_YEAR}\b", re.I),
    # a span up to now: 近3年, 近一年, 过去6个月, "3-year return", "the past five years"
    re.compile(r"(?:近|过去|最近)\s*(?P<trailing>\d{1,2}|[一二三四五六七八九十两]{1,2})\s*(?:个)?\s*(?P<tunit>年|月)"),
    re.compile(r"\b(?P<trailing>\d{1,2}|one|two|three|five|ten)[- ](?P<tunit>year|month)s?(?:'s?)?\s+(?:return|performance|annuali[sz]ed|total return|track record)", re.I),
    re.compile(r"\b(?:past|last)\s+(?P<trailing>\d{1,2}|two|three|five|ten)\s+(?P<tunit>year|month)s\b", re.I),
    # an ordinal of a schedule's or a tier's rows (第7年的票面利率, 第三级额度, 第2次分红): a series of its own unit
    re.compile(r"第\s*(?P<series>\d{1,3}|[一二三四五六七八九十两]{1,3})\s*(?P<unit>期|年|级|級|档|檔|次|批|轮|輪)"),
    # "a level-3 account", "tier 2": a tier's row, as 第三级
    re.compile(r"\b(?P<level>level|tier)[- ]?(?P<series>\d{1,2})\b", re.I),
    re.compile(rf"(?<![\d/.\-]){_YEAR}\s*年(?!\s*\d{{1,2}}\s*月)(?!\s*(?:以来|以來|至今|起|后|後|前|之前|之后|之後|底|初|中))"),
    re.compile(rf"\b(?:in|for|during)\s+{_YEAR}\b(?!\s*[-–/]|\s+(?:to|through)\b)", re.I),
]


@dataclass(frozen=True)
class Period:
    """A period key: any of year, month, day, or a series number."""

    text: str  # as the question wrote it
    year: int | None = None
    month: int | None = None
    day: int | None = None
    series: int | None = None
    part: str | None = None  # a half or a quarter of the year: "h1", "h2", "q1"…"q4"
    unit: str = "期"  # what a series counts: 期, 年, 级, 次…
    trailing: int | None = None  # a span up to now (近3年, "3-year return"): its length, in `unit` (年 or 月)
    whole_year: bool = False  # "full year 2025", 2025年全年: a half or a quarter of the year does not state it
    final: bool = False  # the year's final dividend or distribution (末期): its interim one does not state it

    def patterns(self) -> list[re.Pattern[str]]:
        """The ways a document writes this period (lower-cased text)."""
        if self.trailing is not None:
            n, cn = self.trailing, _chinese(self.trailing)
            word = _ENGLISH_COUNTS[n] if n < len(_ENGLISH_COUNTS) else str(n)
            past = r"(?:近|过去|過去|最近)\s*"
            months = [n * 12] if self.unit == "年" else [n]  # a year is also written as 12 months
            forms = [rf"{past}(?:{m}|{_chinese(m)})\s*[个個]?\s*月" for m in months]
            forms += [rf"(?<![\d.]){m}\s*[- ]?\s*(?:months?|mths?)\b" for m in months]
            if self.unit == "年":
                forms += [rf"{past}(?:{n}|{cn})\s*[个個]?\s*年", rf"(?<![\d.]){n}\s*[- ]?\s*(?:years?|yrs?)\b",
                          rf"\b{word}[- ]years?\b",
                          # a column or a row label 「| 3年 |」「30 年 (1994 – 2024)」, a span 「30年來」
                          rf"(?<![\d.第])(?:{n}|{cn})\s*年\s*(?=[|｜\n(（]|$)",
                          rf"(?<![\d.第])(?:{n}|{cn})\s*年\s*(?:来|來|以来|以來|间|間|内|內)"]
            else:
                forms += [rf"\b{word}[- ]months?\b", rf"(?<![\d.]){n}\s*[个個]?月\s*(?=[|｜\n]|$)"]
            return [re.compile(p) for p in forms]
        if self.series is not None:
            unit = _UNIT_FORMS.get(self.unit, self.unit)
            ordinal = rf"第\s*(?:0?{self.series}|{_chinese(self.series)})\s*{unit}"
            if self.series == 1:
                ordinal = rf"{ordinal}|首\s*{unit}"  # 第一次 is 首次, 第一轮 首轮, 第一期 首期
            if self.unit in ("级", "級"):
                return [re.compile(rf"{ordinal}|\b(?:level|tier)[- ]?0?{self.series}\b", re.I)]
            if self.unit != "期":
                return [re.compile(ordinal)]
            return [re.compile(rf"{ordinal}|\bseries\s+0?{self.series}\b|\bno\.\s*0?{self.series}\b")]
        y = str(self.year) if self.year else None
        if self.final:
            return [re.compile(p) for p in (
                rf"{y}[^。；;\n]{{0,20}}末期", rf"末期[^。；;\n]{{0,20}}(?<!\d){y}(?!\d)",
                rf"\bfinal\b[^.;\n]{{0,60}}(?<!\d){y}(?!\d)", rf"(?<!\d){y}\s+final\b")]
        if self.part is not None:
            return [re.compile(p) for p in _part_forms(y, self.part)]
        if self.month is None:
            return [re.compile(rf"(?<!\d){y}(?!\d)")]
        m = rf"0?{self.month}"
        name = MONTH_NAMES[self.month - 1]
        mname = rf"(?:{name[:3]}(?:{name[3:]})?|{name[:4]})\.?" if len(name) > 3 else name
        if self.day is None and y is None:  # a month of the document's year
            return [re.compile(p) for p in (
                rf"(?<![\d.]){m}\s*月", rf"(?<!\d)(?:19|20)\d\d[/\-.]{m}(?![\d])", rf"\b{mname}\b")]
        if self.day is None:  # a month of a year
            return [re.compile(p) for p in (
                rf"{y}\s*年\s*{m}\s*月", rf"(?<!\d){y}[/\-.]{m}(?![\d])", rf"(?<!\d){y}[/\-.]{m}[/\-.]\d",
                rf"\b{mname}\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s*)?{y}\b", rf"(?<![\d/.\-]){m}[/\-.]{y}(?!\d)",
                rf"(?<!\d){m}/\d{{1,2}}/{y}(?!\d)", rf"(?<!\d)\d{{1,2}}/{m}/{y}(?!\d)")]  # 10/09/2026 either way round
        d = rf"0?{self.day}"
        forms = [rf"(?<!\d){m}\s*月\s*{d}\s*[日号號]", rf"\b{mname}\s+{d}(?:st|nd|rd|th)?\b", rf"\b{d}\s+{mname}\b"]
        if y:
            forms += [rf"(?<!\d){y}[/\-.]{m}[/\-.]{d}(?!\d)", rf"(?<!\d){d}/{m}/{y}(?!\d)", rf"(?<!\d){m}/{d}/{y}(?!\d)"]
        else:
            forms += [rf"(?<!\d)(?:19|20)\d\d[/\-.]{m}[/\-.]{d}(?!\d)", rf"(?<![\d/]){m}/{d}(?![\d])"]
        return [re.compile(p) for p in forms]

    @property
    def anchor(self) -> str:
        """The index token every written form of the period holds: its year, else its series or day number."""
        return str(self.year or self.series or self.day or self.month or self.trailing)

    @property
    def anchors(self) -> tuple[str, ...]:
        """Index tokens to look the period up by: a series written in Chinese numerals (第七年) holds no digit."""
        if self.trailing is not None:  # 近三年 holds no digit; "three-year" none either
            return (str(self.trailing), _chinese(self.trailing),
                    _ENGLISH_COUNTS[self.trailing] if self.trailing < len(_ENGLISH_COUNTS) else str(self.trailing))
        if self.series is not None and self.unit != "期":
            first = (f"首{self.unit}",) if self.series == 1 else ()
            return (self.anchor, f"第{_chinese(self.series)}{self.unit}", f"第{self.series}{self.unit}", *first)
        return (self.anchor,)

    def stated_in(self, text: str) -> bool:
        lowered = text.lower()
        if self.whole_year:
            return _states_whole_year(lowered, str(self.year))
        return any(p.search(lowered) for p in self.patterns())


_UNIT_FORMS = {"级": "[级級]", "級": "[级級]", "档": "[档檔]", "檔": "[档檔]", "轮": "[轮輪]", "輪": "[轮輪]"}


def _chinese(n: int) -> str:
    """7 -> 七, 12 -> 十二: how a document may write an ordinal's number."""
    import cn2an  # imported on first use, as in chinese_numerals

    return cn2an.an2cn(n, "low")


_QUARTER_WORDS = ("一", "二", "三", "四")
_ENGLISH_COUNTS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_ORDINALS = ("first", "second", "third", "fourth")


def _part_forms(y: str, part: str) -> list[str]:
    """The ways a document writes a half or a quarter of year `y` (interim reports call the first half 中期)."""
    n = int(part[1])
    if part[0] == "h":
        months = (1, 6) if n == 1 else (7, 12)
        words = "上半年|中期|首半年|前半年|半年度" if n == 1 else "下半年|后半年|後半年"
        return [rf"{y}\s*年\s*(?:度\s*)?(?:{words})", rf"{y}\s*年\s*{months[0]}\s*[-–至到~]\s*{months[1]}\s*月",
                rf"\bh{n}\s*{y}\b", rf"\b{y}\s*h{n}\b", rf"\b{n}h\s*(?:{y}|{y[2:]})\b",  # 1H2026, 1H26
                rf"\b{_ORDINALS[n - 1]} half (?:of )?{y}\b"]
    word = _QUARTER_WORDS[n - 1]
    return [rf"{y}\s*年\s*(?:度\s*)?(?:第\s*)?[{word}{n}]\s*季", rf"\bq{n}\s*{y}\b", rf"\b{y}\s*q{n}\b",
            rf"\b{n}q\s*(?:{y}|{y[2:]})\b",  # 3Q2026, 3Q26
            rf"\b{_ORDINALS[n - 1]} quarter (?:of )?{y}\b"]


# What makes a year's mention a part of it: 1H2025 / H1 2025 / Q3 2025 before, 2025年上半年 / 2025年6月 / 2025/06 /
# 2025 H1 after, or a day or a month of it ("30 June 2025", "31 Dec 2025": a balance sheet's date, not a year's figures)
# a half, a quarter or months of a fiscal year too: "Q3 FY2025", "nine months fiscal 2025"
_PART_BEFORE = re.compile(r"(?:(?:[1-4][hq]|\b[hq][1-4]\s?|\b(?:three|six|nine) months\s+)(?:fy\s?|fiscal\s+(?:year\s+)?)?|"
                          r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?)$")
_PART_AFTER = re.compile(r"^(?:\s*年\s*(?:度\s*)?(?:上半|下半|前半|后半|後半|首半|第|中期|[一二三四1-4]\s*季|\d)|[/\-.]\d|\s*[hq][1-4]\b)")
# unless the date closes the year the figures cover: "the year ended 31 December 2025", 「截至2025年12月31日止年度」
_YEAR_ENDED = re.compile(r"years? ended\s+(?:31\s+dec[a-z]*|dec[a-z]*\s+31),?\s+$")
_YEAR_ENDED_AFTER = re.compile(r"^\s*年\s*12\s*月\s*31\s*日\s*止?\s*(?:年度|全年|的年度|之年度)")


def _states_whole_year(text: str, year: str) -> bool:
    """A text writes the year other than as a half, a quarter, a month or a day of it."""
    for m in re.finditer(rf"(?<!\d){year}(?!\d)", text):
        before, after = text[max(0, m.start() - 40): m.start()], text[m.end():]
        if _YEAR_ENDED.search(before) or _YEAR_ENDED_AFTER.match(after):
            return True
        if not _PART_BEFORE.search(before[-24:]) and not _PART_AFTER.match(after):
            return True
    return False


def month_number(name: str) -> int:
    """1 for January, Jan or jan. (an English month's name or its abbreviation)."""
    return next(i for i, full in enumerate(MONTH_NAMES, 1) if full.startswith(name.lower().rstrip(".")[:3]))


@lru_cache(maxsize=1024)
def question_periods(norm_question: str) -> tuple[Period, ...]:
    """The periods a question names, most specific first, without one inside another (2024年10月, not 2024)."""
    found: list[tuple[int, int, Period]] = []
    for pattern in _QUESTION_KEYS:
        for m in pattern.finditer(norm_question):
            if any(s <= m.start() < e or s < m.end() <= e for s, e, _ in found):
                continue
            g = m.groupdict()
            month = int(g["month"]) if g.get("month") else month_number(g["mname"]) if g.get("mname") else None
            if month is not None and not 1 <= month <= 12:
                continue
            day = int(g["day"]) if g.get("day") else None
            if day is not None and not 1 <= day <= 31:
                continue
            part = None
            if g.get("half"):
                part = f"h{1 if g['half'].lower() in ('上', 'first', '1') else 2}"
            elif g.get("quarter"):
                quarter = g["quarter"]
                number = _ORDINALS.index(quarter.lower()) + 1 if quarter.lower() in _ORDINALS else \
                    int(quarter) if quarter.isdigit() else chinese_numeral_value(quarter)
                part = f"q{number}"
            if g.get("trailing"):
                t = g["trailing"].lower()
                length = int(t) if t.isdigit() else _ENGLISH_COUNTS.index(t) if t in _ENGLISH_COUNTS else \
                    chinese_numeral_value(t)
                unit = "年" if g["tunit"].lower() in ("年", "year") else "月"
                found.append((m.start(), m.end(), Period(m.group(0).strip(), unit=unit, trailing=length)))
                continue
            series = g.get("series")
            if series and not series.isdigit():
                try:
                    series = str(chinese_numeral_value(series))
                except ValueError:
                    continue
            found.append((m.start(), m.end(), Period(
                m.group(0).strip(), int(g["year"]) if g.get("year") else None, month, day,
                int(series) if series else None, part, g.get("unit") or ("级" if g.get("level") else "期"),
                whole_year=bool(g.get("whole")), final=bool(g.get("final")))))
    return tuple(p for _, _, p in sorted(found, key=lambda f: f[0]))


def dated_months(norm_question: str) -> list[tuple[int, int]]:
    """(year, month) of each month a question names with its year (2026年9月, September 2026)."""
    return [(p.year, p.month) for p in question_periods(norm_question) if p.year and p.month]


PERIOD_SOURCE_CHUNKS = 200  # chunks read per period that retrieval missed: the newest that hold its anchor number


def unstated_periods(norm_question: str, texts: list[str],
                     texts_with: Callable[[str, int], list[str]] | None = None, about: Sequence[str] = (),
                     documents: Callable[[], Sequence[str]] | None = None) -> list[str]:
    """The periods the question names that none of the texts states, as the question wrote them.
    `texts_with(token, limit)`: chunks of the whole knowledge base holding an index token; a period the
    retrieved texts lack but another chunk states is not unstated (retrieval missed it, the sources did not).
    `documents()`: every chunk of the retrieved documents, where a period counts wherever it is stated (a fact
    sheet's performance table names "Fund", not the fund); elsewhere `about`, the question's topic words: such a
    chunk must write one of them (another company's "fiscal 2026" does not state 曜衡精密's 2026年全年)."""
    out = []
    for p in question_periods(norm_question):
        if any(p.stated_in(t) for t in texts):
            continue
        if documents is not None and any(p.stated_in(t.lower()) for t in documents()):
            continue
        if texts_with is not None and any(p.stated_in(t) and (not about or any(w in t.lower() for w in about))
                                          for a in p.anchors for t in texts_with(a, PERIOD_SOURCE_CHUNKS)):
            continue
        out.append(p.text)
    return out
