"""Recognise questions that ask for a figure, in 繁/简/English, and say what to compute.

Two families:
- market figures (performance, volatility, drawdown, annualized return, relative to a benchmark) for an
  index the question names — 「羅素2000今年表現點樣？」, 「过去一年波动率」, "max drawdown since 2025";
- arithmetic on numbers the asker states — 「PE 18倍,標普31倍,貴咗幾多%」, 「三年累積升62%,年化係幾多」,
  "7.88% of 2692.23", claim checks.

The parser is deliberately conservative: a conceptual question (「羅素2000點樣重組?」), an article-specific
window (「那波涨势」, 「1月16號」), advice, or anything it cannot fully map returns None and is left to
retrieval. It works on the t2s-normalized question, so one set of patterns covers both Chinese scripts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from assistant.chinese_numerals import chinese_numeral_value
from assistant.figures.models import FigureRequest
from assistant.figures.symbols import find_symbols
from assistant.number_tokens import numbers_in

# --- vocabulary (Simplified / lower-case: the text is normalized first) --------------------------------

_BLOCK = re.compile(
    r"为什么|为何|点解|原因|系咩|係咩|是什么|什么是|咩叫|乜嘢|意思|定义|解释|怎么算|点计|点样计|如何计算|计算方法|"
    r"怎么计算|编制|重组|重新组成|成分股|成份股|权重|加权|期货|合约|按金|保证金|板块|行业|个股|公司|文章|报道|"
    r"报告|预测|预期|盈利|利润|财报|股息|派息|利率|降息|加息|美联储|联储|联准会|成交|唔同|不同|区别|分别|差别|"
    r"好时机|应该|应唔应|好唔好|值唔值|值得|买|卖|入货|沽|投资|建议|推荐|持有|积蓄|代码|交易所|几时|什么时候|"
    r"何时|几只|多少只|多少家|几家|几多间|几多只|那波|那段|当时|"
    r"\bwhy\b|\bwho\b|\bwhen\b|\bmeaning\b|\bdefin|\bexplain|weight|methodolog|reconstitut|rebalanc|futures|"
    r"contract|margin|sector|constituent|holding|\bstocks?\b|compan|expense|\bfees?\b|should i|\bbuy|\bsell|"
    r"invest|advice|recommend|article|report|forecast|predict|earning|\beps\b|profit|dividend|rate cut|\bfed\b|"
    r"volume|turnover|differen|ticker|all in|估值|valuation|\bp/?e\b|市盈率|本益比|cheap|expensive|贵|便宜"
)
_BLOCK_ARITHMETIC = re.compile(r"应该|应唔应|好时机|值唔值|值得|should i|\bbuy\b|买|入货")

# Other assets: with none of our indexes named, these mean the question is not about the Russell 2000.
_OTHER_ASSET = re.compile(
    r"美股|大市|比特币|bitcoin|btc|黄金|\bgold\b|原油|\boil\b|美元|美债|债券|\bbonds?\b|收益率|yield|基金|\bfunds?\b|"
    r"组合|portfolio|我的|\bmy\b|恒指|恒生|a股|港股|日经|nikkei|ftse|欧洲|europe|汇率|\bfx\b"
)
_UNKNOWN_INDEX = re.compile(r"([\u4e00-\u9fff]{2,6}指数?)(?=\s*(?:今年|过去|近|最近|的|嘅|表现|升|涨|跌|波动|回撤|年化|$))|"
                            r"(?<![a-z0-9])\^([a-z0-9.]{2,8})\b")
_SMALL_CAPS = re.compile(r"小盘股|细价股|小型股|小盘|small[\s-]?caps?")

_VOL = re.compile(r"波动率|波动性|波幅|波动|volatility|\bvol\b|标准差|std\b")
_DRAWDOWN = re.compile(r"回撤|最大跌幅|drawdown|\bmdd\b|跌得最深|peak[\s-]to[\s-]trough")
_CAGR = re.compile(r"年化|平均年回报|年均回报|每年回报|年回报|平均每年|每年平均|每年多|annuali[sz]ed|\bcagr\b|"
                   r"per year|a year on average|average annual")
_BETA = re.compile(r"\bbeta\b|贝塔|相关性|相关系数|correlation|correlated")
_RELATIVE = re.compile(r"跑赢|跑输|跑嬴|outperform|underperform|\bbeat|\bvs\.?\b|versus|对比|相比|相对|比较|"
                       r"compared|边个.{0,6}(好|高|强|多)|哪个.{0,6}(好|高|强|多)|谁.{0,6}(好|高|强|多)|"
                       r"which.{0,30}(better|more|higher)")
_PERFORMANCE = re.compile(r"升|涨|跌|回报|表现|return|perform|\bgain|\blost\b|\bup\b|\bdown\b|\bchange|\bdone\b|"
                          r"\bdoing\b|\bhow (?:did|has|have|is|are|was)\b.{0,40}\b(?:do|fare|fared)\b")
_LEVEL = re.compile(r"收市|收盘|收报|报价|点数|几多点|多少点|\blevel\b|\bclose\b|\bclosing\b|\bclosed\b|"
                    r"trading at|\bquote\b|\bprice\b|股价|价位")

# --- numbers --------------------------------------------------------------------------------------------

_EN_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
               "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "a": 1, "an": 1}
_N = r"(\d{1,3}|[零一二两三四五六七八九十]{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty)"


def _number(token: str) -> int:
    token = token.strip().lower()
    if token.isdigit():
        return int(token)
    if token in _EN_NUMBERS:
        return _EN_NUMBERS[token]
    return chinese_numeral_value(token)


_STATED = re.compile(
    r"(?<![0-9a-z.])([+\-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[+\-]?\d+(?:\.\d+)?)\s*"
    r"(%|个百分点|倍|x(?![a-z])|times|点|points?|pts)?"
)


@dataclass(frozen=True)
class _Num:
    value: float
    unit: str  # % | x | points | ''
    start: int
    end: int


def _stated_numbers(text: str) -> list[_Num]:
    out = []
    for m in _STATED.finditer(text):
        unit = m.group(2) or ""
        unit = {"个百分点": "%", "倍": "x", "times": "x", "点": "points", "point": "points", "pts": "points"}.get(unit, unit)
        out.append(_Num(float(m.group(1).replace(",", "")), unit, m.start(), m.end()))
    return out


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


_SCRIPT_SEAM = re.compile(r"(?<=[\u3400-\u9fff])(?=[a-z0-9^+\-])|(?<=[a-z0-9%])(?=[\u3400-\u9fff])")


def _spaced(text: str) -> str:
    """A space wherever Han meets Latin or digits, so `\\b` and number patterns work in mixed text
    (Python counts Han characters as word characters: 嘅beta has no word boundary)."""
    return _SCRIPT_SEAM.sub(" ", text)


# --- periods --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Period:
    period: str | None = None
    start: date | None = None
    end: date | None = None


_UNIT_CODES = {"年": "y", "月": "m", "周": "w", "星期": "w", "礼拜": "w", "日": "d", "天": "d", "交易日": "d",
               "year": "y", "month": "m", "week": "w", "day": "d", "session": "d", "trading day": "d"}

_PERIOD_PATTERNS: list[tuple[re.Pattern[str], object]] = [
    (re.compile(r"(\d{4})\s*年?\s*(?:至|到|-|–|~|to|until|till)\s*(\d{4})\s*年?"), "year_range"),
    (re.compile(r"(\d{4}-\d{2}-\d{2})\s*(?:至|到|~|to|until|till|-|–)\s*(\d{4}-\d{2}-\d{2})"), "date_range"),
    (re.compile(r"(?:since|自从|自|从|由)\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:\s*(?:以来|起|开始|至今))?"), "since_date"),
    (re.compile(r"(?:since|自从|自|从|由)?\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]\s*(?:以来|起|开始|至今)"),
     "since_date"),
    (re.compile(r"(?:since|自从|自|从|由)?\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(?:以来|起|开始|至今)"), "since_month"),
    (re.compile(r"(?:自从|自|从|由)\s*(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(?:以来|起|开始|至今))?"), "since_month"),
    (re.compile(r"since\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{4})"), "since_month_en"),
    (re.compile(r"(?:since|自从|自|从|由)\s*(\d{4})\s*年?(?:\s*(?:以来|起|开始|至今))?|(\d{4})\s*年\s*(?:以来|起|至今)"),
     "since_year"),
    (re.compile(r"今年以来|今年至今|年初至今|年初到现在|年初到而家|今年|本年|\bytd\b|year[\s-]to[\s-]date|this year"),
     "ytd"),
    (re.compile(r"本月至今|月初至今|\bmtd\b|month[\s-]to[\s-]date|this month|本月|今个月|这个月|呢个月"), "mtd"),
    (re.compile(r"本周|今周|这周|这个星期|呢个星期|呢个礼拜|\bwtd\b|week[\s-]to[\s-]date|this week"), "wtd"),
    (re.compile(r"(?:过去|近|最近|前|这)\s*" + _N + r"\s*(?:个)?\s*(年|月|周|星期|礼拜|交易日|日|天)"), "last_n"),
    (re.compile(_N + r"\s*(?:个)?\s*(年|月)\s*(?:来|以来|内)"), "last_n"),
    (re.compile(r"(?:过去|近|最近)\s*(?:一|1)?\s*(年|年来)"), "last_1"),
    (re.compile(r"去年|上年|last year"), "last_year"),
    (re.compile(r"(?:past|last|trailing|over the past|over the last)\s+" + _N + r"?\s*"
                r"(year|month|week|trading day|session|day)s?"), "last_n_en"),
    (re.compile(r"(?<![a-z0-9])(\d{1,2})\s*(y|m|d)(?![a-z0-9])"), "short"),
    (re.compile(r"(?<![\d.])((?:19|20)\d{2})\s*年(?:全年|度)?|\bin\s+((?:19|20)\d{2})\b"), "calendar_year"),
    (re.compile(r"今日|今天|today|\blatest\b|最新|现在|而家|目前|\bnow\b|\bcurrent(?:ly)?\b"), "today"),
]
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                      "dec"), start=1)}

# Dates this parser cannot map (a day-of-month, a named month without a year, an event): leave to retrieval.
_UNPARSED_DATE = re.compile(
    r"\d{1,2}\s*月|\d{1,2}\s*[日号]|(?<![a-z])(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*\d|"
    r"上周|上个月|上月|前年|[之以]前|[之以]后|后的|金融海啸|海啸|疫情|危机|泡沫|\d{4}|yesterday|昨日|昨天|"
    r"last (week|month|quarter)|quarter|季度|q[1-4]\b|before|after|during"
)


# Market data starts after 1900; a year outside this range in a question is a typo, not a window.
_FIRST_YEAR, _LAST_YEAR = 1901, 2100


def _safe_date(y: int, m: int, d: int) -> date | None:
    """The date a question names, or None when it names none (2024-13-45, 2025-02-30, jan 0000)."""
    if not _FIRST_YEAR <= y <= _LAST_YEAR:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _iso_date(text: str) -> date | None:
    y, m, d = (int(part) for part in text.split("-"))
    return _safe_date(y, m, d)


def _period_from(kind: str, m: re.Match[str], today: date) -> _Period | None:
    g = m.groups()
    if kind == "year_range":
        y1, y2 = int(g[0]), int(g[1])
        return _Period(start=date(y1, 1, 1), end=min(date(y2, 12, 31), today)) if 1900 < y1 <= y2 else None
    if kind == "date_range":
        s, e = _iso_date(g[0]), _iso_date(g[1])
        return _Period(start=s, end=e) if s and e and s <= e else None
    if kind == "since_date":
        d = _safe_date(int(g[0]), int(g[1]), int(g[2]))
        return _Period(start=d) if d else None
    if kind == "since_month":
        d = _safe_date(int(g[0]), int(g[1]), 1)
        return _Period(start=d) if d else None
    if kind == "since_month_en":
        d = _safe_date(int(g[1]), _MONTHS[g[0][:3]], 1)
        return _Period(start=d) if d else None
    if kind == "since_year":
        year = int(g[0] or g[1])
        return _Period(start=date(year, 1, 1)) if 1900 < year <= today.year else None
    if kind in ("ytd", "mtd", "wtd"):
        return _Period(period=kind)
    if kind in ("last_n", "last_n_en"):
        n = _number(g[0]) if g[0] else 1
        unit = _UNIT_CODES[g[1]]
        if n == 12 and unit == "m":
            n, unit = 1, "y"
        return _Period(period=f"{n}{unit}") if 0 < n <= 50 else None
    if kind == "last_1":
        return _Period(period="1y")
    if kind == "short":
        return _Period(period=f"{int(g[0])}{g[1]}") if int(g[0]) > 0 else None
    if kind == "last_year":
        return _Period(start=date(today.year - 1, 1, 1), end=date(today.year - 1, 12, 31))
    if kind == "calendar_year":
        year = int(g[0] or g[1])
        if not 1900 < year <= today.year:
            return None
        return _Period(start=date(year, 1, 1), end=min(date(year, 12, 31), today)) if year < today.year else \
            _Period(period="ytd")
    if kind == "today":
        return _Period(period="1d")
    return None


def _parse_period(text: str, today: date) -> tuple[_Period | None, str, bool]:
    """(period, text with the period words removed, ok). ok is False when a date is left that we cannot map."""
    found: _Period | None = None
    rest = text
    for pattern, kind in _PERIOD_PATTERNS:
        m = pattern.search(rest)
        if not m:
            continue
        try:
            period = _period_from(str(kind), m, today)
        except (ValueError, OverflowError):  # any date a question spells that the calendar lacks
            period = None
        if period is None:
            return None, rest, False
        rest = _mask(rest, [(m.start(), m.end())])
        if found is None:
            found = period
        elif kind != "today":
            return None, rest, False  # two different windows in one question
    return found, rest, not _UNPARSED_DATE.search(rest)


# --- the parser -----------------------------------------------------------------------------------------

def parse_figure_request(question: str, norm_question: str, lang: str, today: date | None = None) -> FigureRequest | None:
    """The figure a question asks for, or None when it is not (only) a figure question."""
    today = today or date.today()
    text = (norm_question or question).lower().strip()
    if not text:
        return None
    mentions = find_symbols(text)
    symbols: list[str] = []
    for m in mentions:
        if m.symbol not in symbols:
            symbols.append(m.symbol)
    masked = _spaced(_mask(text, [(m.start, m.end) for m in mentions]))

    arithmetic = _parse_arithmetic(masked, symbols)
    if arithmetic is not None:
        return arithmetic
    if any(n.unit in ("%", "x", "points") for n in _stated_numbers(masked)):
        return None  # reasons with stated numbers in a way we do not compute: leave it to the articles
    return _parse_market(masked, symbols, today)


def _parse_market(masked: str, symbols: list[str], today: date) -> FigureRequest | None:
    if _BLOCK.search(masked):
        return None
    vol, dd, cagr, beta = (bool(p.search(masked)) for p in (_VOL, _DRAWDOWN, _CAGR, _BETA))
    relative_cue = bool(_RELATIVE.search(masked))
    perf, level = bool(_PERFORMANCE.search(masked)), bool(_LEVEL.search(masked))
    if not (vol or dd or cagr or beta or relative_cue or perf or level):
        return None
    period, _rest, ok = _parse_period(masked, today)
    if not ok:
        return None

    defaulted = False
    if not symbols:
        unknown = _UNKNOWN_INDEX.search(masked)
        if unknown and period is not None:
            raw = unknown.group(1) or unknown.group(2)
            return FigureRequest(kind="performance", symbol=raw, resolved=False, period=period.period,
                                 start=period.start, end=period.end)
        if _OTHER_ASSET.search(masked) or period is None or relative_cue or beta:
            return None
        symbols, defaulted = ["^RUT"], True  # the product's home index, stated as an assumption in the answer
    if len(symbols) > 2:
        return None

    window = dict(period=period.period if period else None, start=period.start if period else None,
                  end=period.end if period else None)
    extras = tuple(k for k, flag in (("volatility", vol), ("drawdown", dd), ("beta", beta)) if flag)

    if len(symbols) == 2 or relative_cue or beta:
        if len(symbols) == 1:
            if symbols[0] in ("^GSPC", "SPY"):
                return None
            symbols.append("^GSPC")
        if period is None:
            window["period"] = "ytd"
        return FigureRequest(kind="relative", symbol=symbols[0], benchmark=symbols[1], symbol_defaulted=defaulted,
                             annualized=cagr, extras=extras, **window)
    symbol = symbols[0]
    if vol or dd:
        if period is None or window["period"] == "1d":
            window.update(period="1y", start=None, end=None)
        return FigureRequest(kind="volatility" if vol else "drawdown", symbol=symbol, symbol_defaulted=defaulted,
                             extras=tuple(e for e in extras if e != ("volatility" if vol else "drawdown")), **window)
    if cagr:
        if period is None or window["period"] in ("1d", "wtd", "mtd"):
            return None
        return FigureRequest(kind="cagr", symbol=symbol, symbol_defaulted=defaulted, **window)
    if period is None:
        if not level:
            return None
        window["period"] = "1d"
    return FigureRequest(kind="performance", symbol=symbol, symbol_defaulted=defaulted, **window)


# --- arithmetic on stated numbers ------------------------------------------------------------------------

_PREMIUM = re.compile(r"溢价|贵了|贵咗|贵多|贵几|贵出|贵左|高出|高估|premium|more expensive|pricier|估值差")
_DISCOUNT = re.compile(r"折让|折价|discount|便宜|cheaper")
_PE = re.compile(r"\bp/?e\b|市盈率|本益比|估值|倍|valuation")
_TIMES = re.compile(r"几倍|几多倍|多少倍|how many times|times (?:more|as|higher|bigger|larger)|x more")
_ANNUALIZE = re.compile(r"年化|annuali[sz]|平均每年|每年平均|per year|a year\b|每年")
_CUMULATIVE = re.compile(r"累积|累计|cumulative|total|总共|合共|共升|共涨|升了|涨了|升咗|涨咗|\brose\b|gained|returned")
_GROWTH = re.compile(r"变几多|变成|会变|变多少|变为|滚存|复利|grows? to|grow into|be worth|compound|end up with")
_SCALE = {"万": 1e4, "千": 1e3, "百万": 1e6, "亿": 1e8, "k": 1e3, "m": 1e6, "million": 1e6, "thousand": 1e3}
_AMOUNT = (
    re.compile(r"(?<![0-9a-z.])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(百万|万|千|亿|million|thousand|k|m)?\s*"
               r"(?:美元|港元|港币|元|蚊|dollars|usd|hkd)"),
    re.compile(r"\$\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(million|thousand|k|m)?(?![a-z])"),
)


def _amount(text: str) -> float | None:
    for pattern in _AMOUNT:
        m = pattern.search(text)
        if m:
            return float(m.group(1).replace(",", "")) * _SCALE.get(m.group(2) or "", 1)
    return None


_YEARS = re.compile(_N + r"\s*(?:个)?\s*(?:年|years?)(?!\d)")
_PERCENT_OF = re.compile(r"(\d+(?:\.\d+)?)\s*%\s*of\b|的\s*(\d+(?:\.\d+)?)\s*%")
_CLAIM = re.compile(r"对不对|对吗|啱唔啱|啱唔|啱吗|合理吗|一致|吻合|对得上|夹唔夹|consistent|add up|adds up|correct|"
                    r"\bright\b|\bcheck\b|核对|核实|矛盾|agree")
_LEVEL_CUE = re.compile(r"(收报|收市|收盘|收于|收|报|至|到|close[sd]?(?: at)?|at|to|level(?: of)?)\s*$")
_START_CUE = re.compile(r"(?:from|由|从|自)\s*$")


def _parse_arithmetic(masked: str, symbols: list[str]) -> FigureRequest | None:
    nums = _stated_numbers(masked)
    if not nums or _BLOCK_ARITHMETIC.search(masked):
        return None
    symbol = symbols[0] if symbols else ""
    # "收報2692.23點" / "close at 2,692.23 points" is a level, not a point change
    nums = [_Num(n.value, "", n.start, n.end) if n.unit == "points" and _LEVEL_CUE.search(masked[max(0, n.start - 12):n.start])
            else n for n in nums]
    pcts = [n for n in nums if n.unit == "%"]
    points = [n for n in nums if n.unit == "points"]
    multiples = [n for n in nums if n.unit == "x"]
    plain = [n for n in nums if n.unit == "" and n.value >= 10 and not (1900 <= n.value <= 2100 and n.value.is_integer())]

    if _CLAIM.search(masked):
        roles: dict[str, float] = {}
        if pcts:
            roles["pct"] = pcts[0].value
        if points:
            roles["points"] = points[0].value
        for n in plain[:2]:
            is_start = bool(_START_CUE.search(masked[: n.start])) or (len(plain) >= 2 and n is plain[0])
            roles.setdefault("start" if is_start else "end", n.value)
        if len(roles) >= 3:
            return FigureRequest(kind="claim", symbol=symbol, operands=roles)

    m = _PERCENT_OF.search(masked)
    if m and plain:
        pct = float(m.group(1) or m.group(2))
        base = next((n for n in plain if not (n.start <= m.start() < n.end)), None)
        if base is not None:
            return FigureRequest(kind="percent_of", symbol=symbol, operands={"pct": pct, "base": base.value})

    if _TIMES.search(masked):
        # Years and the numbers of index names ("CSI 300 (Mar 2018)") are not operands.
        figures_at = {t.start for t in numbers_in(masked)}
        pair = [n for n in nums if n.unit in ("%", "x", "") and n.start in figures_at
                and not (n.unit == "" and 1900 <= n.value <= 2100 and n.value.is_integer())][:2]
        if len(pair) == 2 and pair[0].unit == pair[1].unit and min(p.value for p in pair) > 0:
            hi, lo = max(p.value for p in pair), min(p.value for p in pair)
            return FigureRequest(kind="ratio", symbol=symbol, operands={"value": hi, "base": lo})
        return None

    if _GROWTH.search(masked):
        years = [y for y in (_number(m.group(1)) for m in _YEARS.finditer(masked)) if 0 < y <= 100]
        amount = _amount(_mask(masked, [(p.start, p.end) for p in pcts]))
        if len(pcts) == 1 and len(years) == 1 and amount:
            return FigureRequest(kind="growth", symbol=symbol,
                                 operands={"amount": amount, "rate_pct": pcts[0].value, "years": float(years[0])})
        return None

    if _ANNUALIZE.search(masked) and _CUMULATIVE.search(masked) and pcts:
        years = [_number(y.group(1)) for y in _YEARS.finditer(masked)]
        years = [y for y in years if 0 < y <= 100]
        if len(years) == 1:
            return FigureRequest(kind="annualize", symbol=symbol,
                                 operands={"cumulative_pct": pcts[0].value, "years": float(years[0])})
        return None

    if (_PREMIUM.search(masked) or _DISCOUNT.search(masked)) and _PE.search(masked):
        pair = multiples[:2] if len(multiples) >= 2 else [n for n in nums if n.unit == ""][:2]
        if len(pair) == 2 and min(p.value for p in pair) > 0:
            hi, lo = max(p.value for p in pair), min(p.value for p in pair)
            return FigureRequest(kind="premium", symbol=symbol, operands={"value": hi, "base": lo},
                                 discount=bool(_DISCOUNT.search(masked)) and not _PREMIUM.search(masked))
    return None
