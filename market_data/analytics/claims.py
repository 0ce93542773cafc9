"""Check a stated move for internal consistency: start level, end level, point change and % change.

Any three determine the fourth; with three or four stated, the redundant one is compared with what the
others imply, within the rounding of the stated numbers (7.88 is taken as 7.875..7.885).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from market_data.errors import InvalidRequestError


def _half_unit(value: float) -> float:
    text = repr(float(value))
    decimals = len(text.split(".")[1]) if "." in text and "e" not in text else 0
    if text.endswith(".0"):
        decimals = 0
    return 0.5 * 10 ** (-decimals)


@dataclass
class ClaimCheck:
    start: float
    end: float
    points: float
    pct: float  # per cent
    stated: dict[str, float]
    consistent: bool
    implied: dict[str, float] = field(default_factory=dict)  # values the other stated numbers imply
    problems: list[str] = field(default_factory=list)


def check_claim(start: float | None = None, end: float | None = None, points: float | None = None,
                pct: float | None = None) -> ClaimCheck:
    """`pct` in per cent (7.88), `points` signed (+195.51)."""
    stated = {k: v for k, v in {"start": start, "end": end, "points": points, "pct": pct}.items() if v is not None}
    if len(stated) < 3:
        raise InvalidRequestError(
            f"a claim check needs three of start, end, points, pct (got {', '.join(stated) or 'none'})"
        )
    for name in ("start", "end"):
        if name in stated and not stated[name] > 0:
            raise InvalidRequestError(f"{name} level must be above zero")

    problems: list[str] = []
    implied: dict[str, float] = {}
    # Levels from the stated point change (exact arithmetic), falling back to the stated percentage.
    if start is not None and end is not None:
        s, e = start, end
    elif start is not None:
        s, e = start, start + points if points is not None else start * (1 + pct / 100)
    elif points is not None:
        s, e = end - points, end
    else:
        s, e = end / (1 + pct / 100), end
    if not s > 0:
        raise InvalidRequestError("the stated numbers imply a start level at or below zero")
    implied_points, implied_pct = e - s, (e / s - 1) * 100

    if {"start", "end", "points"} <= stated.keys():
        tol = _half_unit(start) + _half_unit(end) + _half_unit(points) + 1e-9
        implied["points"] = implied_points
        if abs(points - implied_points) > tol:
            problems.append(f"the levels imply {implied_points:+,.2f} points, not {points:+,.2f}")
    if pct is not None:
        implied["pct"] = implied_pct
        # the stated pct's rounding plus how far the other stated numbers' rounding can move it
        level_tol = sum(_half_unit(v) for k, v in stated.items() if k != "pct") / s * 100
        if abs(pct - implied_pct) > _half_unit(pct) + level_tol + 1e-9:
            basis = "the points" if points is not None else "the levels"
            problems.append(f"{basis} imply {implied_pct:+.2f} %, not {pct:+.2f} %")
    if pct is not None and points is not None:
        # The other reading: trust the percentage and the known level, and see what the points would be.
        if start is not None:
            implied.setdefault("points_from_pct", start * pct / 100)
        elif end is not None:
            base = end / (1 + pct / 100)
            implied["points_from_pct"] = end - base
            implied["start_from_pct"] = base
    if "start" not in stated:
        implied["start"] = s
    if "end" not in stated:
        implied["end"] = e
    return ClaimCheck(s, e, implied_points, implied_pct, stated, not problems, implied, problems)
