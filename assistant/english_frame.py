"""What code can say in English about Chinese evidence, with no LLM: the figures (with units), dates,
tickers and Latin-script names the quoted sentences state, each with its [n], and the finance terms the
quotes use (knowledge_base/data/english_glossary.tsv). The quotes follow it.

    english_facts([("日经225指数收于41,280点，上涨2.1%。", 1)])
    -> ["41,280 points [1]", "2.1% [1]"]
    english_terms([("追蹤誤差愈小愈好。", 2)]) -> ["追蹤誤差 = tracking error [2]"]
"""
from __future__ import annotations

import re
from functools import lru_cache

from assistant.currencies import currencies
from assistant.number_tokens import numbers_in
from knowledge_base.contact_details import PHONE
from knowledge_base.lexical_tokens import ENTITY_ALIASES
from knowledge_base.scripts import normalize_for_index
from knowledge_base.vocabulary_files import read_vocabulary

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?")
_MONTH_DAY = re.compile(r"(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
_TENTHS = re.compile(r"(?<![\d一二三四五六七八九十])([一二三四五六七八九])成(?![员分本交立为功])")
_CN_DIGIT = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}
_UNITS = [("个百分点", " percentage points"), ("百分点", " percentage points"), ("%", "%"), ("‰", "‰"),
          ("倍", "x"), ("点", " points"), ("美元", " US dollars"), ("新台币", " NT dollars"), ("港元", " HK dollars"),
          ("日元", " yen"), ("元", " yuan"), ("家", " companies"), ("只", " stocks"), ("个月", " months"), ("年", " years"),
          ("天", " days")]
_CURRENCY_BEFORE = [(word, f" {c.english}") for c in currencies() for word in c.chinese]
_SCALES = {10**4: "ten thousand", 10**8: "hundred million", 10**12: "trillion"}
_TICKER = re.compile(r"(?<![A-Za-z])(?!(?:RMB|HKD|USD|CNY|TWD|NTD)\s?\d)[A-Z]{2,5}(?![A-Za-z$])")  # not HK$, nor RMB 500
_CURRENCY_SIGN = re.compile(r"(?<![A-Za-z])((?:HK|US|NT|S|A|C)?\$|RMB|HKD|USD)\s?$")
# 「許可證編號：91350000MA2CCQ7X」, "CE No. BQX417": a registration or licence code, which no part of says anything
_CODE = re.compile(r"(?<![A-Za-z0-9])(?=[A-Za-z0-9]*[A-Za-z])(?=[A-Za-z0-9]*\d)[A-Za-z0-9]{6,}(?![A-Za-z0-9])")
_LATIN_NAME = re.compile(r"(?<![A-Za-z])[A-Z][a-z]+(?:\s+(?:[A-Z][a-z]+|&|of))*\s+[A-Z][a-z]+")  # two words or more


def _date(m: re.Match[str]) -> str:
    year, month, day = m.group(1), int(m.group(2)), m.group(3)
    if not 1 <= month <= 12:
        return ""
    return f"{int(day)} {_MONTHS[month - 1]} {year}" if day else f"{_MONTHS[month - 1]} {year}"


def _amount(value, scale: int, raw: str) -> str:
    if scale == 1:
        return raw  # as written: a code (600000) must not gain separators
    scaled = value * scale
    for size, word in ((10**9, "billion"), (10**6, "million")):
        if scaled >= size:
            return f"{(scaled / size).normalize():f} {word}"
    return f"{value} {_SCALES.get(scale, '')}".strip()


def facts_of(sentence: str) -> list[str]:
    """English renderings of the dates, figures, tickers and Latin names one sentence states."""
    norm = normalize_for_index(sentence)
    out: list[str] = []
    taken: list[tuple[int, int]] = [m.span() for m in PHONE.finditer(norm)] + [m.span() for m in _CODE.finditer(norm)]
    for m in _MONTH_DAY.finditer(norm):
        month, day = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12 and 1 <= day <= 31 and not any(a <= m.start() < b for a, b in taken):
            if not _DATE.match(norm, max(0, m.start() - 6)):
                out.append(f"{day} {_MONTHS[month - 1]}")
                taken.append((m.start(), m.end()))
    for m in _DATE.finditer(norm):
        text = _date(m)
        if text:
            out.append(text)
            taken.append((m.start(), m.end()))
    for m in _TENTHS.finditer(norm):  # 六成 is 60 %
        out.append(f"{_CN_DIGIT[m.group(1)] * 10}%")
    for token in numbers_in(norm):
        if any(a <= token.start < b for a, b in taken):
            continue
        after = norm[token.end:token.end + 6].lstrip()
        if token.scale != 1:
            after = re.sub(r"^(亿|万|兆|billion|million)", "", after).lstrip()
        unit = "%" if token.percent else next((en for zh, en in _UNITS if after.startswith(zh)), "")
        if unit == " yuan":  # 港币42亿元, 新台币36.98元: the currency named before the figure
            before = norm[max(0, token.start - 5):token.start].rstrip()
            unit = next((en for zh, en in _CURRENCY_BEFORE if before.endswith(zh)), unit)
        sign = _CURRENCY_SIGN.search(norm[max(0, token.start - 5):token.start]) if not token.percent else None
        if sign is not None and unit in ("", " yuan"):
            space = " " if sign.group(1)[-1].isalpha() else ""
            out.append(f"{sign.group(1)}{space}{_amount(token.value, token.scale, token.raw)}")  # HK$800,000 as written
            continue
        if not unit and not token.decimals and token.scale == 1 and token.value < 100:
            continue  # 第12期, 6月, 30檔: a small count says nothing once its word is left behind in the quote
        if unit in ("", " years") and not token.decimals and 1800 <= token.value <= 2100:
            unit_text = str(token.value)  # a year (「2026 年」 is the year 2026, not 2026 years)
        else:
            if token.value == 1 and unit in (" days", " months", " years", " companies", " stocks"):
                unit = {" companies": " company", " stocks": " stock"}.get(unit, unit[:-1])  # 1天 is "1 day"
            unit_text = f"{_amount(token.value, token.scale, token.raw)}{unit}" if not token.percent else f"{token.raw}%"
        out.append(unit_text)
    codes = [m.span() for m in _CODE.finditer(sentence)]
    for m in _TICKER.finditer(sentence):
        if not any(a <= m.start() < b for a, b in codes):
            out.append(m.group(0))
    for m in _LATIN_NAME.finditer(sentence):
        name = m.group(0)
        if len(name) > 3 and name not in out and not any(name in o for o in out):
            out.append(name)
    seen: list[str] = []
    for item in out:
        signed = [o for o in out if o != item and o.endswith(item) and _CURRENCY_SIGN.search(o[: -len(item)])]
        if item not in seen and not signed:  # 180,000 beside HK$180,000: one figure
            seen.append(item)
    return seen


def english_facts(quotes: list[tuple[str, int]], limit: int = 8) -> list[str]:
    """"fact [n]" for the quoted sentences, in order, at most `limit`."""
    facts: list[str] = []
    for sentence, n in quotes:
        for fact in facts_of(sentence):
            item = f"{fact} [{n}]"
            if item not in facts:
                facts.append(item)
    return facts[:limit]


@lru_cache(maxsize=1)
def glossary() -> dict[str, str]:
    """Chinese index word -> English rendering (knowledge_base/data/english_glossary.tsv), loaded once."""
    return {zh: en.strip() for zh, en in read_vocabulary("knowledge_base.data", "english_glossary.tsv")}


@lru_cache(maxsize=1)
def entity_names() -> dict[str, str]:
    """Chinese names of entities (canonical or alias) -> their English name, the first Latin alias of the
    canonical word in knowledge_base/data/entity_aliases.tsv (那斯达克, 纳斯达克 → Nasdaq; 罗素2000 → Russell 2000)."""
    english: dict[str, str] = {}
    for alias, canonical in ENTITY_ALIASES.items():
        for word in canonical.split():
            if _CJK_WORD.search(word) and re.fullmatch(r"[a-z][a-z0-9&.\- ]+", alias) and len(alias) > 3:
                english.setdefault(word, " ".join(_capitalised(w) for w in alias.split()))
    out = dict(english)
    for alias, canonical in ENTITY_ALIASES.items():
        first = canonical.split()[0]
        if _CJK_WORD.search(alias) and first in english:
            out.setdefault(alias, english[first])
    return out


@lru_cache(maxsize=1)
def _renderings() -> dict[str, str]:
    return {**entity_names(), **glossary()}  # a finance term's glossary English wins over an entity alias


_CJK_WORD = re.compile(r"[\u4e00-\u9fff]")


def _capitalised(word: str) -> str:
    if "&" in word or len(word) <= 2:
        return word.upper()  # S&P, JP
    return word[:1].upper() + word[1:]


def english_terms(quotes: list[tuple[str, int]], asked: str = "", limit: int = 8) -> list[str]:
    """"“term” = English [n]" for the glossary words the quoted sentences use (the Chinese word in quotation marks,
    as the quotes it glosses are, so the English answer's own words stay English): the longest word at each place
    (流通市值, not 市值 inside it), the words the question asked about first, then in reading order, at most
    `limit`. `asked` is the question with its English words expanded to index words (费用率 for "expense")."""
    words = _renderings()
    found: list[tuple[int, int, str]] = []  # (asked first, reading order, rendering)
    seen: set[str] = set()
    order = 0
    for sentence, n in quotes:
        norm = normalize_for_index(sentence)
        same_length = len(norm) == len(sentence)  # OpenCC maps character for character: show the quote's form
        covered: list[tuple[int, int]] = []
        for word in sorted((w for w in words if w in norm), key=len, reverse=True):
            for m in re.finditer(re.escape(word), norm):
                if any(a <= m.start() and m.end() <= b for a, b in covered):
                    continue
                covered.append((m.start(), m.end()))
                if word in seen:
                    continue
                seen.add(word)
                shown = sentence[m.start():m.end()] if same_length else word
                found.append((0 if word in asked else 1, order + m.start(), f"“{shown}” = {words[word]} [{n}]"))
        order += len(norm) + 1
    found.sort()
    return [text for _, _, text in found[:limit]]
