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
from datetime import date

from assistant.figures.arithmetic_intent import parse_arithmetic
from market_data.models import FigureRequest
from assistant.figures.question_numbers import mask, stated_numbers
from assistant.figures.question_periods import Period, parse_period
from market_data.symbols import find_symbols
from knowledge_base.lexical_tokens import STOPWORDS

# --- vocabulary (Simplified / lower-case: the text is normalized first) --------------------------------

_BLOCK = re.compile(
    r"为什么|为何|点解|原因|系咩|係咩|是什么|什么是|咩叫|乜嘢|意思|定义|解释|怎么算|点计|点样计|如何计算|计算方法|"
    r"怎么计算|编制|重组|重新组成|成分股|成份股|权重|加权|期货|合约|按金|保证金|板块|行业|个股|公司|文章|报道|"
    r"报告|预测|预期|盈利|利润|财报|股息|派息|利率|降息|加息|美联储|联储|联准会|成交|唔同|不同|区别|分别|差别|"
    r"好时机|应该|应唔应|好唔好|值唔值|值得|买|卖|入货|沽|投资|建议|推荐|持有|积蓄|代码|交易所|几时|什么时候|"
    r"何时|几只|多少只|多少家|几家|几多间|几多只|那波|那段|当时|目标价|评级|券商|大行|外资|法人|分析师|"
    r"\bwhy\b|\bwho\b|\bwhen\b|\bmeaning\b|\bdefin|\bexplain|weight|methodolog|reconstitut|rebalanc|futures|"
    r"contract|margin|sector|constituent|holding|\bstocks?\b|compan|expense|\bfees?\b|should i|\bbuy|\bsell|"
    r"invest|advice|recommend|article|report|forecast|predict|earning|\beps\b|profit|dividend|rate cut|\bfed\b|"
    r"volume|turnover|differen|ticker|all in|target price|price target|analyst|brokerage|rating|估值|valuation|\bp/?e\b|市盈率|本益比|cheap|expensive|贵|便宜"
)

# Other assets: with none of our indexes named, these mean the question is not about the Russell 2000.
_OTHER_ASSET = re.compile(
    r"美股|大市|比特币|bitcoin|btc|黄金|\bgold\b|原油|\boil\b|美元|美债|债券|\bbonds?\b|收益率|yield|基金|\bfunds?\b|"
    r"组合|portfolio|我的|\bmy\b|恒指|恒生|a股|港股|日经|nikkei|ftse|欧洲|europe|汇率|\bfx\b"
)
_UNKNOWN_INDEX = re.compile(r"([\u4e00-\u9fff]{2,6}指数?)(?=\s*(?:今年|过去|近|最近|的|嘅|表现|升|涨|跌|波动|回撤|年化|$))|"
                            r"(?<![a-z0-9])\^([a-z0-9.]{2,8})\b")
# A product the question names that is not a market-data symbol (「北岳30指数」, "the Qingsong Beiyue 30 ETF"):
# the product's home index is never assumed for it.
_NAMED_PRODUCT = re.compile(r"(?<![\u4e00-\u9fff])(?!该|这|那|此|本|其)([\u4e00-\u9fff][\u4e00-\u9fff0-9a-z ]{1,14}?)\s*"
                            r"(?:指数|etf|基金)|\b([a-z][a-z0-9&.]*(?: [a-z0-9&.]+){0,4}) (?:index|etf|fund)\b")


def _named_product(masked: str) -> str | None:
    for m in _NAMED_PRODUCT.finditer(masked):
        if m.group(1):
            return re.sub(r"(?<=[\u4e00-\u9fff]) (?=[0-9a-z])|(?<=[0-9a-z]) (?=[\u4e00-\u9fff])", "", m.group(1).strip())
        words: list[str] = []
        for w in reversed(m.group(2).split()):  # the name runs back from "index" to the first function word
            if w in STOPWORDS:
                break
            words.insert(0, w)
        if words:
            return " ".join(words)
    return None


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


_SCRIPT_SEAM = re.compile(r"(?<=[\u3400-\u9fff])(?=[a-z0-9^+\-])|(?<=[a-z0-9%])(?=[\u3400-\u9fff])")


def _spaced(text: str) -> str:
    """A space wherever Han meets Latin or digits, so `\\b` and number patterns work in mixed text
    (Python counts Han characters as word characters: 嘅beta has no word boundary)."""
    return _SCRIPT_SEAM.sub(" ", text)


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
    masked = _spaced(mask(text, [(m.start, m.end) for m in mentions]))

    arithmetic = parse_arithmetic(masked, symbols)
    if arithmetic is not None:
        return arithmetic
    if any(n.unit in ("%", "x", "points") for n in stated_numbers(masked)):
        return None  # reasons with stated numbers in a way we do not compute: leave it to the articles
    return _parse_market(masked, symbols, today)


def _unresolved(name: str, period: Period) -> FigureRequest:
    """A figure asked of a product that is no market-data symbol: the answer says which ones there are."""
    return FigureRequest(kind="performance", symbol=name, resolved=False, period=period.period, start=period.start,
                         end=period.end)


def _parse_market(masked: str, symbols: list[str], today: date) -> FigureRequest | None:
    if _BLOCK.search(masked):
        return None
    vol, dd, cagr, beta = (bool(p.search(masked)) for p in (_VOL, _DRAWDOWN, _CAGR, _BETA))
    relative_cue = bool(_RELATIVE.search(masked))
    perf, level = bool(_PERFORMANCE.search(masked)), bool(_LEVEL.search(masked))
    if not (vol or dd or cagr or beta or relative_cue or perf or level):
        return None
    period, _rest, ok = parse_period(masked, today)
    if not ok:
        return None

    defaulted = False
    if not symbols:
        unknown = _UNKNOWN_INDEX.search(masked)
        if unknown and period is not None:
            return _unresolved(unknown.group(1) or unknown.group(2), period)
        if _OTHER_ASSET.search(masked) or period is None or relative_cue or beta:
            return None
        named = _named_product(masked)
        if named is not None:
            return _unresolved(named, period)
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
