"""Arithmetic a question asks for on numbers it states: P/E premium or discount, "how many times", annualizing a
cumulative return, compound growth, a percentage of a level, checking a stated move."""
from __future__ import annotations

import re

from market_data.models import FigureRequest
from assistant.figures.question_numbers import COUNT, Num, count_value, mask, names_a_code, stated_numbers
from assistant.number_tokens import numbers_in

_BLOCK_ARITHMETIC = re.compile(r"应该|应唔应|好时机|值唔值|值得|should i|\bbuy\b|买|入货")
_CJK_BEFORE = re.compile(r"[\u4e00-\u9fff] ?$")  # the parser spaces Han from digits
_PE_BEFORE = re.compile(r"(市盈率|本益比|估值|分别|分別|是|为|為|约|約|和|与|與|同|跟|及|、|至|到)\s*$")
_PREMIUM = re.compile(r"溢价|贵了|贵咗|贵多|贵几|贵出|贵左|高出|高估|premium|more expensive|pricier|估值差")
_DISCOUNT = re.compile(r"折让|折价|discount|便宜|cheaper")
_PE = re.compile(r"\bp/?e\b|市盈率|本益比|估值|倍|valuation")
_LEVERAGE_AFTER = re.compile(r"\s*(杠杆|槓桿|融资|孖展|leverage|leveraged|margin)", re.I)
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


_YEARS = re.compile(COUNT + r"\s*(?:个)?\s*(?:年|years?)(?!\d)")
_PERCENT_OF = re.compile(r"(\d+(?:\.\d+)?)\s*%\s*of\b|的\s*(\d+(?:\.\d+)?)\s*%")
_CLAIM = re.compile(r"对不对|对吗|啱唔啱|啱唔|啱吗|合理吗|一致|吻合|对得上|夹唔夹|consistent|add up|adds up|correct|"
                    r"\bright\b|\bcheck\b|核对|核实|矛盾|agree")
# 「52倍乘22%怎么会等于11.6倍」, "24 / 3 = 8": a calculation the asker quotes, with the result it claims.
_EXPRESSION = re.compile(
    r"(\d+(?:\.\d+)?)\s*(%|倍|x|亿|万|元|块)?\s*(乘以|乘|×|\*|times|multiplied by|除以|÷|/|divided by)\s*(\d+(?:\.\d+)?)\s*(%)?"
    r"\s*(?:怎么会|怎会|点解会|会|就|为什么)?\s*(?:等于|=|equals?|得出|得到|得|gives?|makes?|is)\s*(\d+(?:\.\d+)?)")
_LEVEL_CUE = re.compile(r"(收报|收市|收盘|收于|收|报|至|到|close[sd]?(?: at)?|at|to|level(?: of)?)\s*$")
_START_CUE = re.compile(r"(?:from|由|从|自)\s*$")


def parse_arithmetic(masked: str, symbols: list[str]) -> FigureRequest | None:
    nums = stated_numbers(masked)
    if not nums or _BLOCK_ARITHMETIC.search(masked):
        return None
    symbol = symbols[0] if symbols else ""
    m = _EXPRESSION.search(masked)
    if m:
        a, b = float(m.group(1)), float(m.group(4))
        if m.group(2) == "%":
            a /= 100
        if m.group(5):
            b /= 100
        divide = m.group(3) in ("除以", "÷", "/", "divided by")
        if not (divide and b == 0):
            return FigureRequest(kind="expression", symbol=symbol, operands={
                "a": a, "b": b, "divide": 1.0 if divide else 0.0, "claimed": float(m.group(6)),
                "a_shown": float(m.group(1)), "b_shown": float(m.group(4)), "a_pct": 1.0 if m.group(2) == "%" else 0.0,
                "b_pct": 1.0 if m.group(5) else 0.0})
    # "收報2692.23點" / "close at 2,692.23 points" is a level, not a point change
    nums = [Num(n.value, "", n.start, n.end) if n.unit == "points" and _LEVEL_CUE.search(masked[max(0, n.start - 12):n.start])
            else n for n in nums]
    pcts = [n for n in nums if n.unit == "%"]
    points = [n for n in nums if n.unit == "points"]
    # 「開5倍槓桿」, "3x leveraged": a leverage, no valuation multiple
    multiples = [n for n in nums if n.unit == "x" and not _LEVERAGE_AFTER.match(masked, n.end)]
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
        # Years, the numbers of index names ("CSI 300 (Mar 2018)") and securities' codes (「061945現在成交價0.58元」)
        # are not operands.
        figures_at = {t.start for t in numbers_in(masked) if not names_a_code(masked, t)}
        pair = [n for n in nums if n.unit in ("%", "x", "") and n.start in figures_at
                and not (n.unit == "" and 1900 <= n.value <= 2100 and n.value.is_integer())][:2]
        if len(pair) == 2 and pair[0].unit == pair[1].unit and min(p.value for p in pair) > 0:
            hi, lo = max(p.value for p in pair), min(p.value for p in pair)
            return FigureRequest(kind="ratio", symbol=symbol, operands={"value": hi, "base": lo})
        return None

    if _GROWTH.search(masked):
        years = [y for y in (count_value(m.group(1)) for m in _YEARS.finditer(masked)) if 0 < y <= 100]
        amount = _amount(mask(masked, [(p.start, p.end) for p in pcts]))
        if len(pcts) == 1 and len(years) == 1 and amount:
            return FigureRequest(kind="growth", symbol=symbol,
                                 operands={"amount": amount, "rate_pct": pcts[0].value, "years": float(years[0])})
        return None

    if _ANNUALIZE.search(masked) and _CUMULATIVE.search(masked) and pcts:
        years = [count_value(y.group(1)) for y in _YEARS.finditer(masked)]
        years = [y for y in years if 0 < y <= 100]
        if len(years) == 1:
            return FigureRequest(kind="annualize", symbol=symbol,
                                 operands={"cumulative_pct": pcts[0].value, "years": float(years[0])})
        return None

    if (_PREMIUM.search(masked) or _DISCOUNT.search(masked)) and _PE.search(masked):
        # 「东海300和南山100估值差多少」: a number glued to the words before it is part of a name, unless those
        # words are the ratio's own (市盈率18和31)
        plain_figures = [n for n in nums if n.unit == "" and not (
            _CJK_BEFORE.search(masked[:n.start]) and not _PE_BEFORE.search(masked[:n.start]))]
        pair = multiples[:2] if len(multiples) >= 2 else plain_figures[:2]
        if len(pair) == 2 and min(p.value for p in pair) > 0:
            hi, lo = max(p.value for p in pair), min(p.value for p in pair)
            return FigureRequest(kind="premium", symbol=symbol, operands={"value": hi, "base": lo},
                                 discount=bool(_DISCOUNT.search(masked)) and not _PREMIUM.search(masked))
    return None
