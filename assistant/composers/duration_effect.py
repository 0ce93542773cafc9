"""The price effect of a rate move the asker states, through the duration the sources state.

A bond's (or bond fund's) price changes by about −D × Δy for a move of Δy percentage points in yields, D
its modified or effective duration; when the question also asks about convexity and the sources state one,
+ ½ × C × Δy² (Δy as a fraction) is added. Computed here from the cited duration and the asker's move,
shown with both inputs, the way the other arithmetic on stated figures is.

    「假如利率上升2个百分点，按久期计价格大约跌多少?」 + 「修正久期约为2.78年」 → −2.78 × 2 ≈ −5.56%
"""
from __future__ import annotations

import re
from decimal import Decimal

from assistant.arithmetic import Computation, Operand
from assistant.composers.base import CompositionInput
from assistant.composers.extractive_candidates import Candidate
from assistant.figures.question_numbers import COUNT, count_value
from knowledge_base.scripts import normalize_for_index

_ASKS_DURATION = re.compile(r"久期|存续期间|\bduration\b", re.I)
_ASKS_CONVEXITY = re.compile(r"凸性|\bconvexity\b", re.I)
_RATES = re.compile(r"利率|收益率|殖利率|孳息率|息口|加息|减息|降息|升息|\b(yields?|rates?|interest)\b", re.I)
_AMOUNT = r"(\d+(?:\.\d+)?|" + COUNT[1:-1] + r")\s*"  # 2, 两, two
_POINTS = re.compile(_AMOUNT + r"(?:个百分点|百分点|percentage points?|pp\b|%)", re.I)
_BASIS = re.compile(_AMOUNT + r"(?:个基点|基点|bps?\b|basis points?)", re.I)
_DOWN = re.compile(r"下降|下跌|下调|回落|走低|减息|降息|(?<!上)降|\b(fall|falls|fell|fallen|drop|drops|dropped|"
                   r"decline|declines|declined|cut|cuts|lower)\b", re.I)
_UP = re.compile(r"上升|上涨|上调|走高|加息|升息|提高|增加|(?<!上)升|\b(rise|rises|rose|risen|increase|increases|"
                 r"increased|climb|climbs|climbed|hike|hikes|higher|up)\b", re.I)
# 「修正久期约为2.78年」, "Effective duration | 6.12 years": the label, then its figure
_DURATION = re.compile(r"(修正久期|有效久期|麦考利久期|麦考林久期|久期|modified duration|effective duration|"
                       r"macaulay duration|duration)[^。；;\n\d%]{0,16}?(\d+(?:\.\d+)?)(?!\s*(?:%|个百分点|年期))", re.I)
_CONVEXITY = re.compile(r"(凸性|convexity)[^。；;\n\d%]{0,16}?(\d+(?:\.\d+)?)(?!\s*%)", re.I)
# Price sensitivity is the modified (or effective) duration's; Macaulay's is a time, used only alone.
_PREFERENCE = (("修正", "modified"), ("有效", "effective"), ("",), ("麦考", "macaulay"))


def _rank(label: str) -> int:
    label = label.lower()
    for i, marks in enumerate(_PREFERENCE):
        if any(m and m in label for m in marks):
            return i
    return 2


def rate_move(norm_question: str) -> tuple[Decimal, str, bool] | None:
    """(points, as written, rising) of the yield move a question states: 2个百分点, 50 basis points (0.5)."""
    text = normalize_for_index(norm_question).lower()
    if not _RATES.search(text):
        return None
    bp = _BASIS.search(text)
    pts = _POINTS.search(text)
    found = bp or pts
    if found is None:
        return None
    digits = found.group(1)
    amount = Decimal(digits) if digits[0].isdigit() else Decimal(count_value(digits))
    if amount <= 0:
        return None
    move = amount / 100 if found is bp else amount
    # as the asker wrote it, where folding kept every character in place
    shown = (norm_question.lower() if len(norm_question) == len(text) else text)[found.start():found.end()]
    # The move's direction is the rates' (「利率上升…价格跌多少」, "price drop if rates rose"): the words right
    # after the word for rates, or that word itself (加息).
    for m in _RATES.finditer(text):
        window = text[m.start():m.end() + 16]
        down, up = _DOWN.search(window), _UP.search(window)
        if bool(down) != bool(up):
            return move, shown.strip(), bool(up)
    return None  # no direction, or both: which one is asked is not this code's guess


def _stated(pattern: re.Pattern[str], units: list[Candidate]) -> list[tuple[int, Operand, Candidate]]:
    return [(_rank(m.group(1)), Operand(Decimal(m.group(2)), m.group(2), False, c.n), c)
            for c in units for m in pattern.finditer(normalize_for_index(c.text))]


def _one(found: list[tuple[int, Operand, Candidate]]) -> tuple[Operand, Candidate] | None:
    """The preferred label's figure and the unit stating it, when that label gives one value only."""
    if not found:
        return None
    best = min(rank for rank, _, _ in found)
    values = {o.value: (o, c) for rank, o, c in found if rank == best}
    return next(iter(values.values())) if len(values) == 1 else None


def duration_effect(inp: CompositionInput, chosen: list[Candidate],
                    candidates: list[Candidate]) -> tuple[Computation, list[Candidate]] | None:
    """The computation and the units stating its inputs, for a question that asks a rate move's effect through
    duration; None when the question states no move, or the sources no single duration."""
    if not chosen or not _ASKS_DURATION.search(inp.norm_question):
        return None
    move = rate_move(inp.norm_question)
    if move is None:
        return None
    points, shown, rising = move
    top = chosen[0].n
    # the chosen units first; else the units of the source they come from (a fund's fact table)
    pool = [*chosen, *(c for c in candidates if c.n == top and c not in chosen)]
    duration = _one(_stated(_DURATION, chosen)) or _one(_stated(_DURATION, pool))
    if duration is None:
        return None
    stated = [duration]
    value = duration[0].value * points * (-1 if rising else 1)
    if _ASKS_CONVEXITY.search(inp.norm_question):
        convexity = _one(_stated(_CONVEXITY, chosen)) or _one(_stated(_CONVEXITY, pool))
        if convexity is not None:
            value += convexity[0].value * points * points / 200  # ½ × C × (Δy/100)², in percent
            stated.append(convexity)
    asker = Operand(points, shown, False, 0)
    units = list(dict.fromkeys(c for _, c in stated if c not in chosen))
    calc = Computation("rate_effect", duration[0], asker, value, "%", tuple(o for o, _ in stated[1:]), falling=rising)
    return calc, units
