"""How figures are worded for the asker: index names, grouped numbers, windows and moves (phrases from the
message catalog, still in Simplified for a Chinese asker: the sentence they go into is converted whole)."""
from __future__ import annotations

from market_data.analytics import returns
from market_data.errors import FiguresError
from market_data.symbols import display_name
from assistant.language import QueryLanguage
from assistant.messages import fill


def _en(language: QueryLanguage) -> bool:
    return not language.is_chinese


def full_name(symbol: str, language: QueryLanguage) -> str:
    name = display_name(symbol, "en" if _en(language) else "zh")
    return name if name == symbol else f"{name} ({symbol})" if _en(language) else f"{name}({symbol})"


def short_name(symbol: str, language: QueryLanguage) -> str:
    return display_name(symbol, "en" if _en(language) else "zh")


def grouped(value: float, decimals: int = 2) -> str:
    return f"{value:,.{decimals}f}"


def window_phrase(period_label: str, change: returns.Change, language: QueryLanguage) -> str:
    """'year to date' / '年初至今' etc.; custom windows name their base close and end date."""
    try:
        unit, n = returns.parse_period(period_label)
    except FiguresError:
        unit, n = "custom", 0
    if unit == "custom":  # the end date is already in the sentence's "as of"
        return fill("figures.since_close", language, start=change.start_date)
    if unit in ("ytd", "mtd", "wtd", "max"):
        return fill(f"figures.{unit}", language, start=change.start_date)
    if unit == "d":
        return fill("figures.one_day" if n == 1 else "figures.past_days", language, n=n)
    word = {"m": "month", "y": "year"}[unit]
    return fill(f"figures.past_{word}" if n == 1 else f"figures.past_{word}s", language, n=n)


def move_phrase(ret: float, language: QueryLanguage) -> str:
    if round(ret * 100, 2) == 0:
        return fill("figures.unchanged", language)
    return fill("figures.up" if ret > 0 else "figures.down", language, pct=abs(ret) * 100)
