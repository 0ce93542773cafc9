"""From a FigureRequest to what the customer reads: figures plus one or two sentences in their language.

Chinese wording is written once in Simplified and converted with `to_asker_script` (which also applies the
HK / TW financial glossary). Every market sentence names the date of the last close used ("as of" /
「截至」) and the data source. When nothing can be computed, `error` says why in the asker's language and
`figures` is empty: the chain then answers from the articles alone (or shows `error` if they have nothing).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from assistant.figures.analytics import claims, returns, valuation
from assistant.figures.errors import (
    DataRangeError,
    FiguresError,
    InsufficientDataError,
    NoDataError,
    ProviderDataError,
    ProviderUnavailableError,
    UnknownSymbolError,
)
from assistant.figures.models import FigureRequest, FigureResult
from assistant.figures.providers import provider_for
from assistant.figures.providers.base import MarketDataProvider
from assistant.figures.service import FigureService
from assistant.figures.symbols import display_name
from assistant.language import QueryLanguage, to_asker_script
from assistant.schemas import Figure

STATED_SOURCE = "question"  # arithmetic on numbers the asker gave


@dataclass
class FigureAnswer:
    figures: list[Figure]
    text: str
    error: str | None = None
    as_of: date | None = None  # last close used; compare with an article's date to say which is newer
    source: str | None = None
    notes: list[str] = field(default_factory=list)  # English details (snapped dates, stale data) for logs/CLI
    request: FigureRequest | None = None


# --- wording helpers --------------------------------------------------------------------------------

def _en(language: QueryLanguage) -> bool:
    return not language.is_chinese


def _out(zh: str, en: str, language: QueryLanguage) -> str:
    return en if _en(language) else to_asker_script(zh, language)


def _name(symbol: str, language: QueryLanguage) -> str:
    name = display_name(symbol, "en" if _en(language) else "zh")
    return name if name == symbol else f"{name} ({symbol})" if _en(language) else f"{name}({symbol})"


def _short(symbol: str, language: QueryLanguage) -> str:
    return display_name(symbol, "en" if _en(language) else "zh")


def _n(value: float, decimals: int = 2) -> str:
    return f"{value:,.{decimals}f}"


def _phrase(period_label: str, change: returns.Change, language: QueryLanguage) -> str:
    """'year to date' / '年初至今' etc.; custom windows name their base close and end date."""
    en = _en(language)
    try:
        unit, n = returns.parse_period(period_label)
    except FiguresError:
        unit, n = "custom", 0
    if unit == "custom":  # the end date is already in the sentence's "as of"
        return f"since the {change.start_date} close" if en else f"自{change.start_date}收市以来"
    table = {
        "ytd": ("year to date", "年初至今"), "mtd": ("month to date", "本月至今"),
        "wtd": ("week to date", "本周至今"),
        "max": (f"since {change.start_date}", f"自{change.start_date}以来"),
    }
    if unit in table:
        return table[unit][0] if en else table[unit][1]
    if unit == "d":
        if n == 1:
            return "on the day" if en else "当日"
        return f"over the past {n} trading days" if en else f"过去{n}个交易日"
    word_en = {"m": "month", "y": "year"}[unit]
    word_zh = {"m": "个月", "y": "年"}[unit]
    if n == 1:
        return f"over the past {word_en}" if en else f"过去一{word_zh}"
    return f"over the past {n} {word_en}s" if en else f"过去{n}{word_zh}"


def _move(ret: float, language: QueryLanguage) -> str:
    if round(ret * 100, 2) == 0:
        return "unchanged" if _en(language) else "持平"
    if _en(language):
        return f"{'up' if ret > 0 else 'down'} {abs(ret) * 100:.2f}%"
    return f"{'上涨' if ret > 0 else '下跌'}{abs(ret) * 100:.2f}%"


def _assumed(request: FigureRequest, language: QueryLanguage) -> str:
    if not request.symbol_defaulted:
        return ""
    return _out(f"(未指明指数,以下按{_short(request.symbol, language)}计算。)",
                f"(No index named; taking the {_short(request.symbol, language)}.) ", language)


def _source(result: FigureResult, language: QueryLanguage) -> str:
    return _out(f"数据来源:{result.source}。", f" Source: {result.source}.", language)


# --- market kinds -------------------------------------------------------------------------------------

def _performance(svc: FigureService, r: FigureRequest, lang: QueryLanguage) -> tuple[FigureResult, str]:
    res = svc.performance(r.symbol, r.period, r.start, r.end)
    c = res.details["change"]
    label = res.details["window"].label
    phrase = _phrase(label, c, lang)
    sym = res.figures[0].symbol
    zh = (f"截至{c.end_date},{_name(sym, lang)}收报{_n(c.end_level)}点,{phrase}{_move(c.ret, lang)}"
          f"({c.points:+,.2f}点;{c.start_date}收市为{_n(c.start_level)}点)。")
    en = (f"As of {c.end_date}, the {_name(sym, lang)} closed at {_n(c.end_level)}, {_move(c.ret, lang)} "
          f"({c.points:+,.2f} points) {phrase} (base: {_n(c.start_level)} at the {c.start_date} close).")
    return res, _out(zh, en, lang) + _source(res, lang)


def _risk_sentence(res: FigureResult, kind: str, lang: QueryLanguage) -> str:
    c = res.details["change"]
    sym = res.figures[0].symbol
    name = _name(sym, lang)
    phrase = _phrase(res.details["window"].label, c, lang)
    if kind == "volatility":
        if "daily_volatility" not in res.details:
            raise InsufficientDataError(f"{sym}: a volatility needs at least 3 closes in the window", sym)
        vol = res.figure("volatility").value
        daily = res.figure("daily_volatility").value
        n = res.details["sessions"]
        return _out(
            f"截至{c.end_date},{name}{phrase}的年化波动率为{vol:.2f}%(按{n}个交易日的每日对数回报计算,"
            f"日标准差{daily:.2f}%)。",
            f"As of {c.end_date}, the {name}'s annualized volatility {phrase} was {vol:.2f}% (standard deviation "
            f"of daily log returns {daily:.2f}% over {n} trading days).",
            lang,
        )
    if kind == "drawdown":
        dd = res.details["drawdown"]
        if dd.depth == 0:
            return _out(f"截至{c.end_date},{name}{phrase}没有回撤(每日收市都不低于之前的高位)。",
                        f"As of {c.end_date}, the {name} had no drawdown {phrase} (no close below an earlier high).",
                        lang)
        rec_zh = f",并于{dd.recovery_date}收复高位" if dd.recovery_date else ",至今未收复该高位"
        rec_en = f"; it regained that peak on {dd.recovery_date}" if dd.recovery_date else "; it has not regained that peak"
        return _out(
            f"截至{c.end_date},{name}{phrase}的最大回撤为{dd.depth * 100:.2f}%,由{dd.peak_date}的高位"
            f"{_n(dd.peak_level)}点跌至{dd.trough_date}的{_n(dd.trough_level)}点{rec_zh}。",
            f"As of {c.end_date}, the {name}'s maximum drawdown {phrase} was {dd.depth * 100:.2f}%, from "
            f"{_n(dd.peak_level)} on {dd.peak_date} to {_n(dd.trough_level)} on {dd.trough_date}{rec_en}.",
            lang,
        )
    # cagr
    if "cagr" not in res.details:
        raise InsufficientDataError(f"{sym}: an annualized return needs a window of at least one year", sym)
    cg = res.details["cagr"] * 100
    return _out(
        f"截至{c.end_date},{name}{phrase}的年化回报为{cg:.2f}%,累计{_move(c.ret, lang)}"
        f"(由{c.start_date}的{_n(c.start_level)}点至{_n(c.end_level)}点,约{c.years:.1f}年)。",
        f"As of {c.end_date}, the {name} returned {cg:.2f}% a year (annualized) {phrase}, {_move(c.ret, lang)} "
        f"in total (from {_n(c.start_level)} on {c.start_date} to {_n(c.end_level)}, {c.years:.1f} years).",
        lang,
    )


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
    na, nb = _short(sym_a, lang), _short(sym_b, lang)
    phrase = _phrase(res.details["window"].label, a, lang)
    ahead = rel.excess >= 0
    pp = abs(rel.excess) * 100
    zh = [f"截至{a.end_date},{phrase}{_name(sym_a, lang)}{_move(a.ret, lang)},{_name(sym_b, lang)}"
          f"{_move(b.ret, lang)},{na}{'跑赢' if ahead else '跑输'}{pp:.2f}个百分点"]
    en = [f"As of {a.end_date}, {phrase} the {_name(sym_a, lang)} was {_move(a.ret, lang)} and the "
          f"{_name(sym_b, lang)} {_move(b.ret, lang)}, so the {na} {'outperformed' if ahead else 'underperformed'} "
          f"by {pp:.2f} percentage points"]
    cur, longest = res.details["current_streak"], res.details["longest_streak"]
    zh.append(f"按每日回报计,{na}目前已连续{cur.days}个交易日跑赢{nb}(期内最长连续{longest.days}日)" if cur.days
              else f"{na}最近一个交易日跑输{nb}(期内最长连续跑赢{longest.days}日)")
    en.append(f"on daily returns it has beaten the {nb} {cur.days} trading days in a row (longest run in the "
              f"window: {longest.days})" if cur.days
              else f"it lagged the {nb} on the latest day (longest winning run in the window: {longest.days} days)")
    source = res.source
    if r.annualized:
        if a.years < 1:
            raise InsufficientDataError("an annualized comparison needs a window of at least one year", sym_a)
        ca, cb = returns.cagr(a.start_level, a.end_level, a.years), returns.cagr(b.start_level, b.end_level, b.years)
        diff = (ca - cb) * 100
        zh.append(f"年化计{na}每年{ca * 100:.2f}%,{nb}每年{cb * 100:.2f}%,相差{abs(diff):.2f}个百分点")
        en.append(f"annualized, {ca * 100:.2f}% a year vs {cb * 100:.2f}% ({diff:+.2f} points a year)")
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
        zh.append(f"相对{nb}的beta为{res.details['beta']:.2f},相关系数{res.details['correlation']:.2f}")
        en.append(f"beta to the {nb} {res.details['beta']:.2f}, correlation {res.details['correlation']:.2f}")
    for extra in ("volatility", "drawdown"):
        if extra in r.extras:
            parts = [svc.risk(s, r.period, r.start, r.end) for s in (sym_a, sym_b)]
            name = "volatility" if extra == "volatility" else "max_drawdown"
            va, vb = (p.figure(name).value for p in parts)
            word_zh, word_en = ("年化波动率", "annualized volatility") if extra == "volatility" else ("最大回撤", "maximum drawdown")
            zh.append(f"{word_zh}{na}为{va:.2f}%,{nb}为{vb:.2f}%")
            en.append(f"{word_en} {va:.2f}% vs {vb:.2f}%")
            res.figures += [p.figure(name) for p in parts]
    text = _out(";".join(zh) + "。", "; ".join(en) + ".", lang)
    return res, text + _source(res, lang)


# --- arithmetic kinds ---------------------------------------------------------------------------------

def _stated(name: str, value: float, unit: str, r: FigureRequest, period: str = "") -> Figure:
    return Figure(name=name, value=round(value, 4 if unit == "x" else 2), unit=unit, symbol=r.symbol, period=period,
                  as_of=None, source=STATED_SOURCE)


def _arithmetic(r: FigureRequest, lang: QueryLanguage) -> tuple[list[Figure], str]:
    o = r.operands
    if r.kind == "premium":
        hi, lo = o["value"], o["base"]
        ey_hi, ey_lo = valuation.earnings_yield(hi) * 100, valuation.earnings_yield(lo) * 100
        yields = [_stated("earnings_yield", ey_hi, "%", r, f"pe {hi:g}"), _stated("earnings_yield", ey_lo, "%", r, f"pe {lo:g}")]
        if r.discount:
            d = valuation.discount(lo, hi) * 100
            return [_stated("pe_discount", d, "%", r, f"{lo:g} vs {hi:g}")] + yields, _out(
                f"按1−{lo:g}÷{hi:g}计算,{lo:g}倍市盈率较{hi:g}倍低约{d:.2f}%(盈利收益率分别为{ey_lo:.2f}%及{ey_hi:.2f}%)。",
                f"1 − {lo:g} ÷ {hi:g} = {d:.2f}%: a P/E of {lo:g} is at a {d:.2f}% discount to {hi:g} "
                f"(earnings yields {ey_lo:.2f}% vs {ey_hi:.2f}%).", lang)
        p = valuation.premium(hi, lo) * 100
        return [_stated("pe_premium", p, "%", r, f"{hi:g} vs {lo:g}")] + yields, _out(
            f"按{hi:g}÷{lo:g}−1计算,{hi:g}倍市盈率较{lo:g}倍高出约{p:.2f}%(盈利收益率分别为{ey_hi:.2f}%及{ey_lo:.2f}%)。",
            f"{hi:g} ÷ {lo:g} − 1 = {p:.2f}%: a P/E of {hi:g} is at a {p:.2f}% premium to {lo:g} "
            f"(earnings yields {ey_hi:.2f}% vs {ey_lo:.2f}%).", lang)
    if r.kind == "ratio":
        hi, lo = o["value"], o["base"]
        x = valuation.ratio(hi, lo)
        return [_stated("ratio", x, "x", r, f"{hi:g} vs {lo:g}")], _out(
            f"{hi:g}÷{lo:g}≈{x:.2f},即约{x:.2f}倍。", f"{hi:g} ÷ {lo:g} ≈ {x:.2f}, i.e. about {x:.2f} times.", lang)
    if r.kind == "annualize":
        cum, years = o["cumulative_pct"], o["years"]
        ann = returns.annualize(cum / 100, years) * 100
        return [_stated("annualized_return", ann, "%", r, f"{years:g}y")], _out(
            f"年化回报=(1+{cum:g}%)^(1/{years:g})−1≈{ann:.2f}%。",
            f"Annualized: (1 + {cum:g}%)^(1/{years:g}) − 1 ≈ {ann:.2f}% a year.", lang)
    if r.kind == "growth":
        amount, rate, years = o["amount"], o["rate_pct"], o["years"]
        fv = returns.growth(amount, rate / 100, years)
        return [_stated("future_value", fv, "", r, f"{years:g}y")], _out(
            f"{_n(amount, 0)}以每年{rate:g}%复利增长{years:g}年,约变为{_n(fv)}(约{fv / amount:.2f}倍)。",
            f"{_n(amount, 0)} growing at {rate:g}% a year for {years:g} years becomes about {_n(fv)} "
            f"({fv / amount:.2f} times).", lang)
    if r.kind == "percent_of":
        pct, base = o["pct"], o["base"]
        v = returns.percent_of(pct, base)
        return [_stated("percent_of", v, "points", r, f"{pct:g}% of {base:g}")], _out(
            f"{pct:g}%×{_n(base)}≈{_n(v)}。", f"{pct:g}% × {_n(base)} ≈ {_n(v)}.", lang)
    if r.kind == "claim":
        return _claim(r, lang)
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
    parts_en = []
    parts_zh = []
    if "points" in c.stated:
        parts_en.append(f"{c.stated['points']:+,.2f} points")
        parts_zh.append(f"{c.stated['points']:+,.2f}点")
    if "pct" in c.stated:
        parts_en.append(f"{c.stated['pct']:+.2f}%")
        parts_zh.append(f"{c.stated['pct']:+.2f}%")
    if "start" in c.stated:
        parts_en.append(f"a start of {_n(c.stated['start'])}")
        parts_zh.append(f"起点{_n(c.stated['start'])}点")
    if "end" in c.stated:
        parts_en.append(f"a close of {_n(c.stated['end'])}")
        parts_zh.append(f"收报{_n(c.stated['end'])}点")
    stated_en = ", ".join(parts_en[:-1]) + f" and {parts_en[-1]}"
    stated_zh = "、".join(parts_zh[:-1]) + f"及{parts_zh[-1]}"
    if c.consistent:
        return figs, _out(
            f"所述{stated_zh}互相吻合:由{_n(c.start)}点至{_n(c.end)}点即{c.points:+,.2f}点、{c.pct:+.2f}%。",
            f"The stated {stated_en} agree: {_n(c.start)} to {_n(c.end)} is {c.points:+,.2f} points, {c.pct:+.2f}%.",
            lang)
    alt_en = alt_zh = ""
    if "points_from_pct" in c.implied:
        pts = c.implied["points_from_pct"]
        base = c.implied.get("start_from_pct", c.start)
        alt_en = f"; a {c.stated['pct']:+.2f}% move would be {pts:+,.2f} points from {_n(base)}"
        alt_zh = f";若按{c.stated['pct']:+.2f}%计算,应为{pts:+,.2f}点(起点{_n(base)}点)"
    basis_en = "the points imply" if "points" in c.stated else "the levels imply"
    basis_zh = "按点数计算" if "points" in c.stated else "按起止点位计算"
    return figs, _out(
        f"所述{stated_zh}并不一致:{basis_zh},起点为{_n(c.start)}点,升跌幅应为{c.pct:+.2f}%{alt_zh}。",
        f"The stated {stated_en} do not agree: {basis_en} a start of {_n(c.start)} and a move of {c.pct:+.2f}%"
        f"{alt_en}.", lang)


# --- errors -------------------------------------------------------------------------------------------

def error_text(exc: FiguresError, language: QueryLanguage) -> str:
    """A plain sentence for the asker; `str(exc)` keeps the technical detail for logs and the CLI."""
    if isinstance(exc, UnknownSymbolError):
        sugg = ", ".join(exc.suggestions)
        known = ", ".join(exc.known)
        return _out(
            f"未能识别「{exc.query}」这个指数或代号" + (f",你是否指 {sugg}?" if sugg else f";目前可查询:{known}。"),
            f"I don't recognise the index or ticker \u201c{exc.query}\u201d" + (f"; did you mean {sugg}?" if sugg
                                                                               else f"; I can give figures for {known}."),
            language)
    if isinstance(exc, NoDataError):
        name = _name(exc.symbol, language)
        return _out(f"目前没有{name}的行情数据,所以无法提供最新数字。",
                    f"There is no price data for the {name} at the moment, so I cannot give a live figure.", language)
    if isinstance(exc, DataRangeError):
        name = _name(exc.symbol, language)
        return _out(f"{name}的价格数据只涵盖{exc.first}至{exc.last},不包括{exc.requested},无法计算这个数字。",
                    f"The {name} price data covers {exc.first} to {exc.last}, which does not include "
                    f"{exc.requested}, so this figure cannot be computed.", language)
    if isinstance(exc, InsufficientDataError):
        return _out("该时段内的价格数据不足,无法计算这个数字。",
                    "There are not enough prices in that window to compute this figure.", language)
    if isinstance(exc, ProviderUnavailableError):
        return _out("行情服务暂时无法连接,未能提供最新数字。",
                    "The market data service is unavailable right now, so no live figure can be given.", language)
    if isinstance(exc, ProviderDataError):
        return _out("行情服务返回的数据无法解读,因此不提供数字。",
                    "The market data service returned data that could not be read, so no figure is given.", language)
    return _out(f"无法计算这个数字:{exc}", f"That figure cannot be computed: {exc}", language)


def newer_note(answer: FigureAnswer, article_date: date | str | None, language: QueryLanguage) -> str:
    """One sentence for when an article's figure sits next to a live one: which is newer.

    `article_date` is the article's publication date (ISO string or date); '' when either date is unknown."""
    if answer.as_of is None or not article_date:
        return ""
    try:
        published = article_date if isinstance(article_date, date) else date.fromisoformat(str(article_date)[:10])
    except ValueError:
        return ""
    if answer.as_of > published:
        return _out(f"文章的数字写于{published};上面的行情数字截至{answer.as_of},较新。",
                    f"The article's figures date from {published}; the market figures above are as of "
                    f"{answer.as_of} and are newer.", language)
    return _out(f"上面的行情数字截至{answer.as_of},不比文章({published})新;请以较新的资料为准。",
                f"The market figures above are as of {answer.as_of}, not newer than the article ({published}); "
                "prefer the more recent source.", language)


# --- entry point --------------------------------------------------------------------------------------

def answer_figures(request: FigureRequest, language: QueryLanguage, settings,
                   provider: MarketDataProvider | None = None) -> FigureAnswer:
    """Compute what `request` asks for; never raises for bad data or a broken feed (see `error`)."""
    try:
        if not request.needs_market_data:
            figures, text = _arithmetic(request, language)
            return FigureAnswer(figures, text, request=request)
        svc = FigureService(provider or provider_for(settings))
        handler = {"performance": _performance, "relative": _relative}.get(request.kind, _risk)
        result, text = handler(svc, request, language)
        return FigureAnswer(result.figures, _assumed(request, language) + text, None, result.as_of, result.source,
                            result.notes, request)
    except FiguresError as exc:
        return FigureAnswer([], "", error_text(exc, language), notes=[str(exc)], request=request)
