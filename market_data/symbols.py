"""Index and ETF symbols, their names in three scripts, and how customers write them.

Aliases are written in Simplified Chinese / lower-case Latin because they are matched against text that
went through `normalize_for_index` (OpenCC t2s + width folding), so 羅素2000 and 罗素2000 are one alias.
A space inside a Latin alias means "optional space or hyphen" (russell 2000 = russell2000 = russell-2000).
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from market_data.errors import UnknownSymbolError
from knowledge_base.scripts import normalize_for_index

# What a user-supplied ticker may look like when it is not in the table (e.g. imported with --symbol QQQ).
TICKER_RE = re.compile(r"^\^?[A-Z0-9][A-Z0-9.\-=]{0,14}$")


@dataclass(frozen=True)
class IndexSymbol:
    symbol: str
    name_en: str
    name_zh: str  # Simplified; converted to the asker's script on output
    aliases: tuple[str, ...]
    kind: str = "index"  # index | etf


SYMBOLS: tuple[IndexSymbol, ...] = (
    IndexSymbol(
        "^RUT", "Russell 2000", "罗素2000",
        ("罗素2000", "罗素两千", "罗素二千", "罗素2k", "罗素2000指数", "russell? 2000", "russell? 2k",
         "russell 2000 index", "r2k", "rut", "^rut", "rty"),
    ),
    IndexSymbol(
        "^GSPC", "S&P 500", "标普500",
        ("标普500", "标普五百", "标准普尔500", "标准普尔500指数", "标普500指数", "标普", "s&p 500", "s&p",
         "sp500", "sp 500", "spx", "^spx", "^gspc", "gspc"),
    ),
    IndexSymbol(
        "^DJI", "Dow Jones Industrial Average", "道琼斯工业平均指数",
        ("道琼斯工业平均指数", "道琼斯工业指数", "道琼斯指数", "道琼斯", "道琼", "道指", "dow jones", "dow",
         "djia", "dji", "^dji"),
    ),
    IndexSymbol(
        "^IXIC", "Nasdaq Composite", "纳斯达克综合指数",
        ("纳斯达克综合指数", "纳斯达克指数", "纳斯达克", "那斯达克", "纳指", "nasdaq composite", "nasdaq",
         "ixic", "^ixic"),
    ),
    IndexSymbol(
        "^NDX", "Nasdaq-100", "纳斯达克100指数",
        ("纳斯达克100", "纳斯达克100指数", "那斯达克100", "纳指100", "nasdaq 100", "ndx", "^ndx"),
    ),
    IndexSymbol("IWM", "iShares Russell 2000 ETF", "iShares罗素2000 ETF", ("iwm",), "etf"),
    IndexSymbol("VTWO", "Vanguard Russell 2000 ETF", "Vanguard罗素2000 ETF", ("vtwo",), "etf"),
    IndexSymbol("SPY", "SPDR S&P 500 ETF", "SPDR标普500 ETF", ("spy",), "etf"),
)

BY_SYMBOL: dict[str, IndexSymbol] = {s.symbol: s for s in SYMBOLS}


@dataclass(frozen=True)
class SymbolMention:
    symbol: str
    start: int
    end: int
    text: str


def _alias_pattern(alias: str) -> str:
    if re.search(r"[a-z]", alias):
        # "russell?" keeps its optional last letter (the common misspelling "russel")
        parts = [re.escape(p).replace(r"\?", "?") for p in alias.split(" ")]
        body = r"[\s\-]*".join(parts)
        return rf"(?<![a-z0-9]){body}(?![a-z0-9])"
    return re.escape(alias)


@lru_cache(maxsize=1)
def _alias_regex() -> tuple[re.Pattern[str], dict[str, str]]:
    """One alternation of every alias, longest first, so 纳斯达克100 wins over 纳斯达克."""
    entries = sorted(
        ((alias, s.symbol) for s in SYMBOLS for alias in s.aliases), key=lambda e: len(e[0]), reverse=True
    )
    groups, owner = [], {}
    for i, (alias, symbol) in enumerate(entries):
        groups.append(f"(?P<a{i}>{_alias_pattern(alias)})")
        owner[f"a{i}"] = symbol
    return re.compile("|".join(groups)), owner


def _normalize(text: str) -> str:
    return normalize_for_index(text).lower()


def find_symbols(norm_text: str) -> list[SymbolMention]:
    """Every known index/ETF named in already-normalized text, in order of appearance."""
    regex, owner = _alias_regex()
    text = norm_text.lower()
    return [
        SymbolMention(owner[m.lastgroup], m.start(), m.end(), m.group(0))
        for m in regex.finditer(text)
        if m.lastgroup
    ]


def lookup(text: str) -> IndexSymbol | None:
    """The table entry whose alias is exactly `text` (any script, any case), or None."""
    key = _normalize(text).strip()
    regex, owner = _alias_regex()
    m = regex.fullmatch(key)
    return BY_SYMBOL[owner[m.lastgroup]] if m and m.lastgroup else None


def suggestions(text: str, extra: tuple[str, ...] | list[str] = (), n: int = 3) -> list[str]:
    """Close matches among aliases and `extra` symbols (e.g. those with imported prices), as symbols."""
    key = re.sub(r"[\s\-_]", "", _normalize(text))
    choices: dict[str, str] = {}
    for s in SYMBOLS:
        choices[s.symbol.lower()] = s.symbol
        for alias in s.aliases:
            choices[re.sub(r"[\s\-_?]", "", alias)] = s.symbol
    for sym in extra:
        choices.setdefault(sym.lower(), sym)
    found: list[str] = []
    # Prefix/containment first ("russell" -> ^RUT), then edit-distance matches ("russle 2000").
    ranked = [choices[c] for c in choices if key and len(key) >= 3 and (key in c or c in key) and len(c) >= 3]
    ranked += [choices[c] for c in difflib.get_close_matches(key, list(choices), n=10, cutoff=0.6)]
    for sym in ranked:
        if sym not in found:
            found.append(sym)
    return found[:n]


def canonical(text: str, known_symbols: tuple[str, ...] | list[str] = ()) -> str:
    """Resolve user input to a symbol: an alias from the table, or a ticker that already has data."""
    entry = lookup(text)
    if entry:
        return entry.symbol
    raw = text.strip()
    if raw.upper() in {s.upper() for s in known_symbols}:
        return next(s for s in known_symbols if s.upper() == raw.upper())
    raise UnknownSymbolError(text, suggestions(text, tuple(known_symbols)), [s.symbol for s in SYMBOLS])


def symbol_for_storage(text: str) -> str:
    """The symbol prices are stored under: the table's symbol for an alias, else a plain upper-case ticker."""
    entry = lookup(text)
    if entry:
        return entry.symbol
    raw = text.strip().upper()
    if not TICKER_RE.match(raw):
        raise UnknownSymbolError(text, suggestions(text), [s.symbol for s in SYMBOLS])
    return raw


def display_name(symbol: str, lang: str = "en") -> str:
    entry = BY_SYMBOL.get(symbol)
    if entry is None:
        return symbol
    return entry.name_en if lang == "en" else entry.name_zh
