"""Arithmetic on numbers the asker stated (P/E premium or discount, ratio, annualizing, growth, a percentage
of a level, checking a stated move): figures plus one sentence, no market data."""
from __future__ import annotations

from market_data.analytics import claims, returns, valuation
from market_data.errors import FiguresError
from market_data.models import FigureRequest
from assistant.figures.wording import grouped
from assistant.language import QueryLanguage
from assistant.messages import fill, say
from assistant.schemas import Figure

STATED_SOURCE = "question"  # arithmetic on numbers the asker gave


def _stated(name: str, value: float, unit: str, r: FigureRequest, period: str = "") -> Figure:
    return Figure(name=name, value=round(value, 4 if unit == "x" else 2), unit=unit, symbol=r.symbol, period=period,
                  as_of=None, source=STATED_SOURCE)


def answer_arithmetic(r: FigureRequest, lang: QueryLanguage) -> tuple[list[Figure], str]:
    o = r.operands
    if r.kind == "premium":
        hi, lo = o["value"], o["base"]
        ey_hi, ey_lo = valuation.earnings_yield(hi) * 100, valuation.earnings_yield(lo) * 100
        yields = [_stated("earnings_yield", ey_hi, "%", r, f"pe {hi:g}"), _stated("earnings_yield", ey_lo, "%", r, f"pe {lo:g}")]
        if r.discount:
            d = valuation.discount(lo, hi) * 100
            return [_stated("pe_discount", d, "%", r, f"{lo:g} vs {hi:g}")] + yields, say(
                "figures.pe_discount", lang, hi=hi, lo=lo, d=d, ey_hi=ey_hi, ey_lo=ey_lo)
        p = valuation.premium(hi, lo) * 100
        return [_stated("pe_premium", p, "%", r, f"{hi:g} vs {lo:g}")] + yields, say(
            "figures.pe_premium", lang, hi=hi, lo=lo, p=p, ey_hi=ey_hi, ey_lo=ey_lo)
    if r.kind == "ratio":
        hi, lo = o["value"], o["base"]
        x = valuation.ratio(hi, lo)
        return [_stated("ratio", x, "x", r, f"{hi:g} vs {lo:g}")], say("figures.ratio", lang, hi=hi, lo=lo, x=x)
    if r.kind == "annualize":
        cum, years = o["cumulative_pct"], o["years"]
        ann = returns.annualize(cum / 100, years) * 100
        return [_stated("annualized_return", ann, "%", r, f"{years:g}y")], say(
            "figures.annualize", lang, cum=cum, years=years, ann=ann)
    if r.kind == "growth":
        amount, rate, years = o["amount"], o["rate_pct"], o["years"]
        fv = returns.growth(amount, rate / 100, years)
        return [_stated("future_value", fv, "", r, f"{years:g}y")], say(
            "figures.growth", lang, amount=grouped(amount, 0), rate=rate, years=years, fv=grouped(fv), times=fv / amount)
    if r.kind == "percent_of":
        pct, base = o["pct"], o["base"]
        v = returns.percent_of(pct, base)
        return [_stated("percent_of", v, "points", r, f"{pct:g}% of {base:g}")], say(
            "figures.percent_of", lang, pct=pct, base=grouped(base), value=grouped(v))
    if r.kind == "claim":
        return _claim(r, lang)
    if r.kind == "expression":
        return _expression(r, lang)
    raise FiguresError(f"unknown figure kind {r.kind!r}")


def _claim(r: FigureRequest, lang: QueryLanguage) -> tuple[list[Figure], str]:
    o = r.operands
    c = claims.check_claim(o.get("start"), o.get("end"), o.get("points"), o.get("pct"))
    figs = [
        _stated("implied_return", c.pct, "%", r, "claim"),
        _stated("implied_change", c.points, "points", r, "claim"),
        _stated("implied_start", c.start, "points", r, "claim"),
        _stated("claim_consistent", 1.0 if c.consistent else 0.0, "", r, "claim"),
    ]
    parts = []
    if "points" in c.stated:
        parts.append(fill("figures.claim_points", lang, points=c.stated["points"]))
    if "pct" in c.stated:
        parts.append(fill("figures.claim_pct", lang, pct=c.stated["pct"]))
    if "start" in c.stated:
        parts.append(fill("figures.claim_start", lang, level=grouped(c.stated["start"])))
    if "end" in c.stated:
        parts.append(fill("figures.claim_end", lang, level=grouped(c.stated["end"])))
    stated = fill("figures.claim_list", lang, head=fill("figures.claim_separator", lang).join(parts[:-1]), last=parts[-1])
    if c.consistent:
        return figs, say("figures.claim_consistent", lang, stated=stated, start=grouped(c.start), end=grouped(c.end),
                         points=c.points, pct=c.pct)
    alternative = ""
    if "points_from_pct" in c.implied:
        base = c.implied.get("start_from_pct", c.start)
        alternative = fill("figures.claim_alternative", lang, pct=c.stated["pct"], points=c.implied["points_from_pct"],
                           base=grouped(base))
    basis = fill("figures.claim_basis_points" if "points" in c.stated else "figures.claim_basis_levels", lang)
    return figs, say("figures.claim_inconsistent", lang, stated=stated, basis=basis, start=grouped(c.start), pct=c.pct,
                     alternative=alternative)


def _expression(r: FigureRequest, lang: QueryLanguage) -> tuple[list[Figure], str]:
    """A calculation the asker quotes (52 × 22% = 11.6?): worked out, and whether the stated result follows."""
    o = r.operands
    value = o["a"] / o["b"] if o["divide"] else o["a"] * o["b"]
    shown_a = f"{o['a_shown']:g}{'%' if o['a_pct'] else ''}"
    shown_b = f"{o['b_shown']:g}{'%' if o['b_pct'] else ''}"
    expr = f"{shown_a}{'÷' if o['divide'] else '×'}{shown_b}"
    value = round(value, 4)
    claimed = o["claimed"]
    gap = round(abs(value - claimed), 4)
    holds = gap <= max(abs(claimed), 1.0) * 0.005  # the claim's own rounding
    figs = [_stated("expression", value, "", r, expr), _stated("claim_consistent", 1.0 if holds else 0.0, "", r, "claim")]
    if holds:
        return figs, say("figures.expression_holds", lang, expr=expr, value=value, claimed=claimed)
    return figs, say("figures.expression_differs", lang, expr=expr, value=value, claimed=claimed, gap=gap)
