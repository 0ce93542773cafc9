"""From a FigureRequest to what the customer reads: figures plus one or two sentences in their language.

The wording lives in the message catalog (`assistant/messages.py`): Chinese is written once in Simplified and
converted with `to_asker_script` (which also applies the HK / TW financial glossary). Every market sentence
names the date of the last close used ("as of" / 「截至」) and the data source. When nothing can be computed,
`error` says why in the asker's language and `figures` is empty: the chain then answers from the articles alone
(or shows `error` if they have nothing). Arithmetic on stated numbers is in `stated_arithmetic.py`; names,
numbers and windows are worded in `wording.py`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from market_data.analytics import returns
from market_data.errors import (
    DataRangeError,
    FiguresError,
    InsufficientDataError,
    MarketDataConfigError,
    NoDataError,
    ProviderDataError,
    ProviderUnavailableError,
    UnknownSymbolError,
)
from market_data.models import FigureRequest, FigureResult
from market_data.providers import MarketDataOptions, provider_for
from market_data.providers.base import MarketDataProvider
from market_data.service import FigureService
from assistant.figures.stated_arithmetic import answer_arithmetic
from assistant.figures.wording import full_name, grouped, move_phrase, short_name, window_phrase
from assistant.language import QueryLanguage
from assistant.messages import fill, say
from assistant.schemas import Figure

@dataclass
class FigureAnswer:
    figures: list[Figure]
    text: str
    error: str | None = None
    as_of: date | None = None  # last close used; compare with an article's date to say which is newer
    source: str | None = None
    notes: list[str] = field(default_factory=list)  # English details (snapped dates, stale data) for logs/CLI
    request: FigureRequest | None = None


def _assumed(request: FigureRequest, language: QueryLanguage) -> str:
    if not request.symbol_defaulted:
        return ""
    return say("figures.assumed_index", language, index=short_name(request.symbol, language))


def _source(result: FigureResult, language: QueryLanguage) -> str:
    return say("figures.source", language, source=result.source)


# --- market kinds -------------------------------------------------------------------------------------

def _performance(svc: FigureService, r: FigureRequest, lang: QueryLanguage) -> tuple[FigureResult, str]:
    res = svc.performance(r.symbol, r.period, r.start, r.end)
    c = res.details["change"]
    label = res.details["window"].label
    phrase = window_phrase(label, c, lang)
    sym = res.figures[0].symbol
    text = say("figures.performance", lang, end_date=c.end_date, name=full_name(sym, lang),
               end_level=grouped(c.end_level),
               phrase=phrase, move=move_phrase(c.ret, lang), points=c.points, start_date=c.start_date,
               start_level=grouped(c.start_level))
    return res, text + _source(res, lang)


def _risk_sentence(res: FigureResult, kind: str, lang: QueryLanguage) -> str:
    c = res.details["change"]
    sym = res.figures[0].symbol
    name = full_name(sym, lang)
    phrase = window_phrase(res.details["window"].label, c, lang)
    if kind == "volatility":
        if "daily_volatility" not in res.details:
            raise InsufficientDataError(f"{sym}: a volatility needs at least 3 closes in the window", sym)
        vol = res.figure("volatility").value
        daily = res.figure("daily_volatility").value
        n = res.details["sessions"]
        return say("figures.volatility", lang, end_date=c.end_date, name=name, phrase=phrase, vol=vol, n=n, daily=daily)
    if kind == "drawdown":
        dd = res.details["drawdown"]
        if dd.depth == 0:
            return say("figures.no_drawdown", lang, end_date=c.end_date, name=name, phrase=phrase)
        recovery = (fill("figures.recovered", lang, date=dd.recovery_date) if dd.recovery_date
                    else fill("figures.not_recovered", lang))
        return say("figures.drawdown", lang, end_date=c.end_date, name=name, phrase=phrase, depth=dd.depth * 100,
                   peak_date=dd.peak_date, peak_level=grouped(dd.peak_level), trough_date=dd.trough_date,
                   trough_level=grouped(dd.trough_level), recovery=recovery)
    # cagr
    if "cagr" not in res.details:
        raise InsufficientDataError(f"{sym}: an annualized return needs a window of at least one year", sym)
    cg = res.details["cagr"] * 100
    return say("figures.cagr", lang, end_date=c.end_date, name=name, phrase=phrase, cagr=cg,
               move=move_phrase(c.ret, lang),
               start_date=c.start_date, start_level=grouped(c.start_level), end_level=grouped(c.end_level),
               years=c.years)


_RISK_FIGURES = {"volatility": ("volatility", "daily_volatility"), "drawdown": ("max_drawdown",),
                 "cagr": ("annualized_return", "return")}


def _risk(svc: FigureService, r: FigureRequest, lang: QueryLanguage) -> tuple[FigureResult, str]:
    res = svc.risk(r.symbol, r.period, r.start, r.end)
    kinds = [r.kind] + [k for k in r.extras if k in ("volatility", "drawdown") and k != r.kind]
    text = "".join(_risk_sentence(res, k, lang) for k in kinds)
    wanted = {name for k in kinds for name in _RISK_FIGURES[k]}
    res.figures = [f for f in res.figures if f.name in wanted]
    return res, text + _source(res, lang)


def _relative(svc: FigureService, r: FigureRequest, lang: QueryLanguage) -> tuple[FigureResult, str]:
    res = svc.relative(r.symbol, r.benchmark or "^GSPC", r.period, r.start, r.end)
    rel = res.details["relative"]
    a, b = rel.asset, rel.benchmark
    sym_a, sym_b = res.figures[0].symbol, res.figures[1].symbol
    na, nb = short_name(sym_a, lang), short_name(sym_b, lang)
    phrase = window_phrase(res.details["window"].label, a, lang)
    ahead = rel.excess >= 0
    pp = abs(rel.excess) * 100
    verdict = fill("figures.outperformed" if ahead else "figures.underperformed", lang)
    clauses = [fill("figures.relative", lang, end_date=a.end_date, phrase=phrase, name_a=full_name(sym_a, lang),
                    move_a=move_phrase(a.ret, lang), name_b=full_name(sym_b, lang), move_b=move_phrase(b.ret, lang),
                    short_a=na, verdict=verdict, pp=pp)]
    cur, longest = res.details["current_streak"], res.details["longest_streak"]
    clauses.append(fill("figures.winning_streak" if cur.days else "figures.lagged_last_day", lang, short_a=na,
                        short_b=nb, days=cur.days, longest=longest.days))
    source = res.source
    if r.annualized:
        if a.years < 1:
            raise InsufficientDataError("an annualized comparison needs a window of at least one year", sym_a)
        ca, cb = returns.cagr(a.start_level, a.end_level, a.years), returns.cagr(b.start_level, b.end_level, b.years)
        diff = (ca - cb) * 100
        clauses.append(fill("figures.relative_annualized", lang, short_a=na, short_b=nb, ca=ca * 100, cb=cb * 100,
                            gap=abs(diff), diff=diff))
        pair = f"{sym_a} vs {sym_b}"
        res.figures += [
            Figure(name="annualized_return", value=round(ca * 100, 2), unit="%", symbol=sym_a,
                   period=res.figures[0].period, as_of=a.end_date, source=res.figures[0].source),
            Figure(name="annualized_return", value=round(cb * 100, 2), unit="%", symbol=sym_b,
                   period=res.figures[1].period, as_of=b.end_date, source=res.figures[1].source),
            Figure(name="annualized_excess_return", value=round(diff, 2), unit="%", symbol=pair,
                   period=res.figures[0].period, as_of=a.end_date, source=source),
        ]
    if "beta" in r.extras and "beta" in res.details:
        clauses.append(fill("figures.relative_beta", lang, short_b=nb, beta=res.details["beta"],
                            correlation=res.details["correlation"]))
    for extra in ("volatility", "drawdown"):
        if extra in r.extras:
            parts = [svc.risk(s, r.period, r.start, r.end) for s in (sym_a, sym_b)]
            name = "volatility" if extra == "volatility" else "max_drawdown"
            va, vb = (p.figure(name).value for p in parts)
            clauses.append(fill(f"figures.relative_{extra}", lang, short_a=na, short_b=nb, va=va, vb=vb))
            res.figures += [p.figure(name) for p in parts]
    text = say("figures.clauses", lang, clauses=fill("figures.clause_separator", lang).join(clauses))
    return res, text + _source(res, lang)


# --- errors -------------------------------------------------------------------------------------------

def error_text(exc: FiguresError, language: QueryLanguage) -> str:
    """A plain sentence for the asker; `str(exc)` keeps the technical detail for logs and the CLI."""
    if isinstance(exc, UnknownSymbolError):
        sugg = ", ".join(exc.suggestions)
        if sugg:
            return say("figures.unknown_symbol_suggest", language, query=exc.query, suggestions=sugg)
        return say("figures.unknown_symbol_known", language, query=exc.query, known=", ".join(exc.known))
    if isinstance(exc, NoDataError):
        return say("figures.no_data", language, name=full_name(exc.symbol, language))
    if isinstance(exc, DataRangeError):
        return say("figures.out_of_range", language, name=full_name(exc.symbol, language), first=exc.first,
                   last=exc.last, requested=exc.requested)
    if isinstance(exc, InsufficientDataError):
        return say("figures.insufficient_data", language)
    if isinstance(exc, ProviderUnavailableError):
        return say("figures.provider_unavailable", language)
    if isinstance(exc, ProviderDataError):
        return say("figures.provider_data", language)
    if isinstance(exc, MarketDataConfigError):  # the operator's mistake: the customer sees no setting name
        return say("figures.misconfigured", language)
    return say("figures.cannot_compute", language, detail=exc)


def newer_note(answer: FigureAnswer, article_date: date | str | None, language: QueryLanguage) -> str:
    """One sentence for when an article's figure sits next to a live one: which is newer.

    `article_date` is the article's publication date (ISO string or date); '' when either date is unknown."""
    if answer.as_of is None or not article_date:
        return ""
    try:
        published = article_date if isinstance(article_date, date) else date.fromisoformat(str(article_date)[:10])
    except ValueError:
        return ""
    name = "figures.live_newer" if answer.as_of > published else "figures.live_not_newer"
    return say(name, language, published=published, as_of=answer.as_of)


# --- entry point --------------------------------------------------------------------------------------

def answer_figures(request: FigureRequest, language: QueryLanguage, market: MarketDataOptions,
                   provider: MarketDataProvider | None = None) -> FigureAnswer:
    """Compute what `request` asks for; never raises for bad data or a broken feed (see `error`)."""
    try:
        if not request.needs_market_data:
            figures, text = answer_arithmetic(request, language)
            return FigureAnswer(figures, text, request=request)
        svc = FigureService(provider or provider_for(market))
        handler = {"performance": _performance, "relative": _relative}.get(request.kind, _risk)
        result, text = handler(svc, request, language)
        return FigureAnswer(result.figures, _assumed(request, language) + text, None, result.as_of, result.source,
                            result.notes, request)
    except FiguresError as exc:
        return FigureAnswer([], "", error_text(exc, language), notes=[str(exc)], request=request)
