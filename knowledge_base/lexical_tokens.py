"""Tokens for the lexical index: jieba over t2s-normalized text with a finance user dictionary.

English index names and tickers are mapped to their Chinese names on the query side, so an English
question meets a Chinese corpus on the lexical side too.
"""
from __future__ import annotations

import re
import threading
from functools import lru_cache
from importlib import resources

import jieba

_LOCK = threading.Lock()
_TOKEN = re.compile(r"[\w.%+-]+", re.UNICODE)
_STOPWORDS = frozenset(
    "的 了 是 在 和 与 及 或 也 都 而 就 但 对 从 把 被 让 给 这 那 个 之 其 为 以 于 上 下 中 有 吗 呢 吧 啊 么 什么 怎么 "
    "如何 哪 哪个 多少 几 是否 会 能 可以 我 你 他 她 它 我们 你们 他们 请 问 一 一个 吗 嘛 咩 点 样 点样 係 嘅 咗 唔 "
    "同 啲 乜 佢 冇 喺 边 边间 呀 啦 喇 囉 㗎 吖 "
    "a an the of to in on for and or is are was were be been how what which who why when does do did "
    "with by as at it its this that these those from than vs about into can could should would i me my "
    "you your we our there their has have had not no yes any some more most much many".split()
)
STOPWORDS = _STOPWORDS  # also the evidence check's English stop words

# Names of the same entity across languages and colloquial forms → the canonical index word. Applied to
# documents and questions alike, so "Russell 2000" in a Chinese article and 罗素2k in a question meet.
ENTITY_ALIASES: dict[str, str] = {
    "russell 2000": "罗素2000", "russel 2000": "罗素2000", "russell2000": "罗素2000", "rut": "罗素2000",
    "iwm": "罗素2000 IWM", "vtwo": "罗素2000 VTWO", "罗素2k": "罗素2000", "罗素两千": "罗素2000",
    "罗素二千": "罗素2000", "罗素 2000": "罗素2000", "russell 3000": "罗素3000", "russell 1000": "罗素1000",
    "罗素 3000": "罗素3000", "罗素 1000": "罗素1000", "ftse russell": "富时罗素", "russell": "罗素",
    "s&p 500": "标普500", "s&p500": "标普500", "sp500": "标普500", "spx": "标普500", "spy": "标普500 SPY",
    "标普 500": "标普500", "标准普尔500": "标普500", "标普五百": "标普500", "s&p 600": "标普600",
    "nasdaq-100": "纳斯达克100", "nasdaq 100": "纳斯达克100", "纳斯达克 100": "纳斯达克100", "nasdaq": "纳斯达克",
    "纳指": "纳斯达克", "那斯达克": "纳斯达克", "dow jones": "道琼斯", "道指": "道琼斯", "道琼": "道琼斯",
    "jp morgan": "摩根大通", "jpmorgan": "摩根大通", "jpm": "摩根大通", "goldman sachs": "高盛", "goldman": "高盛",
    "factset": "FactSet", "联准会": "美联储", "联储局": "美联储", "本益比": "市盈率", "重构": "重组",
    "小型股": "小盘股", "细价股": "小盘股", "大型股": "大盘股", "回档": "回撤", "纳指": "纳斯达克",
    # Hong Kong market slang for events the articles describe in standard terms.
    "科网爆煲": "网络泡沫破裂", "科网泡沫": "网络泡沫", "爆煲": "泡沫破裂", "科网": "科技 网络",
    "金融海啸": "金融危机 2008", "fedwatch": "联准会观察工具", "fed watch": "联准会观察工具", "涨势": "上涨", "计法": "计算方式", "入货": "买入", "沽货": "卖出",
}

# Written Cantonese → Mandarin, question side only, so jieba (a Mandarin model) segments it sensibly.
_CANTONESE = [
    (re.compile(r"(?<![相共不一])同(?![样意时期比步])"), " 和 "), (re.compile("系咪"), "是不是"),
    (re.compile("点样"), "怎样"), (re.compile("几多"), "多少"), (re.compile("边个|边间|边只"), "哪个"),
    (re.compile("乜嘢|咩"), "什么"), (re.compile("嘅"), "的"), (re.compile("咗"), "了"), (re.compile("唔"), "不"),
    (re.compile("喺"), "在"), (re.compile("冇"), "没有"), (re.compile("佢哋|佢"), "他"), (re.compile("嗰"), "那"),
    (re.compile("哋"), "们"), (re.compile("啲"), "些"), (re.compile("咁"), "那么"), (re.compile("而家"), "现在"),
    (re.compile("(?<=[^关联体维])系(?=[^统列数])"), "是"), (re.compile("㗎|啦|喇|吖|呀|囉"), ""),
    (re.compile("最细"), "最小"), (re.compile("细价股"), "小盘股"),
]


# 「八九月」 is August and September: both months as index words.
_MONTH_PAIR = re.compile(r"(?<![十\d])([一二三四五六七八九])([二三四五六七八九十])月")


def cantonese_to_mandarin(norm_text: str) -> str:
    for pattern, replacement in _CANTONESE:
        norm_text = pattern.sub(replacement, norm_text)
    return norm_text

# English question words → Chinese index words (question side only: documents are Chinese).
EN_QUERY_TERMS: dict[str, str] = {
    "reconstitution": "重组", "reconstitute": "重组", "rebalance": "重组 再平衡", "rebalancing": "重组 再平衡",
    "weighted": "加权", "weighting": "加权", "weight": "加权", "equal weight": "等权",
    "float": "流通市值", "float-adjusted": "流通市值", "market cap": "市值", "market capitalization": "市值",
    "small cap": "小盘股", "small-cap": "小盘股", "small caps": "小盘股", "small": "小盘股",
    "large cap": "大盘股", "large-cap": "大盘股", "large": "大盘股", "mega cap": "巨头",
    "constituents": "成分股", "constituent": "成分股", "components": "成分股", "companies": "公司", "cos": "公司",
    "index": "指数", "indices": "指数", "futures": "期货", "future": "期货", "options": "期权",
    "exchange": "交易所", "ticker": "代码", "symbol": "代码", "fee": "管理费", "fees": "管理费",
    "expense ratio": "费用率 管理费", "volatility": "波动率 波动性", "vol": "波动率 波动性", "volatile": "波动",
    "standard deviation": "标准差", "valuation": "估值", "valuations": "估值", "p/e": "市盈率", "pe": "市盈率",
    "price-to-earnings": "市盈率", "earnings": "盈利 获利", "profit": "盈利 获利", "cheaper": "低估 估值",
    "unprofitable": "尚未获利 亏损", "profitable": "获利", "premium": "溢价", "discount": "折价 低估",
    "fed": "美联储", "federal reserve": "美联储", "rate cut": "降息", "rate cuts": "降息",
    "interest rate": "利率", "interest rates": "利率", "rates": "利率", "debt": "债务", "floating": "浮动利率",
    "recession": "衰退", "economy": "经济", "economic": "经济", "leading indicator": "领先指标",
    "canary": "煤矿金丝雀", "coal mine": "煤矿金丝雀", "record": "纪录 新高", "all-time high": "历史新高",
    "outperform": "跑赢 领涨", "outperformed": "跑赢 领涨", "outperformance": "跑赢", "beat": "跑赢",
    "streak": "连续", "days": "日", "day": "日", "sector": "板块", "sectors": "板块",
    "technology": "科技", "tech": "科技", "healthcare": "医疗保健", "financials": "金融", "industrials": "工业",
    "drawdown": "回撤 跌幅", "decline": "下跌 跌幅", "fell": "下跌 跌幅", "crash": "暴跌", "covid": "新冠疫情",
    "liquidity": "流动性", "return": "回报", "returns": "回报", "annual": "年", "annualized": "年化",
    "compiled": "编制", "compiles": "编制", "maintains": "编制", "ranks": "名", "rank": "名",
    "largest": "最大", "biggest": "最大", "cheap": "低估", "expensive": "高估",
    "june": "六月", "november": "十一月", "semi-annual": "半年度", "semiannual": "半年度", "twice": "两次",
    "yearly": "年度", "annually": "年度", "frequency": "频率", "buffett": "巴菲特",
    "price-weighted": "股价加权", "cap-weighted": "市值加权", "median": "中位数", "share": "占比",
    "growth": "成长 增长", "value": "价值", "investors": "投资者 投资人", "points": "点",
    "rally": "上涨 涨幅", "gain": "上涨 涨幅", "rose": "上涨", "up": "上涨",
}

_ENTITY_KEYS = sorted(ENTITY_ALIASES, key=len, reverse=True)
_ENTITY_PATTERN = re.compile(r"(?<![a-z])(" + "|".join(re.escape(k) for k in _ENTITY_KEYS) + r")(?![a-z])")
_EN_KEYS = sorted(EN_QUERY_TERMS, key=len, reverse=True)
_EN_PATTERN = re.compile(r"(?<![a-z])(" + "|".join(re.escape(k) for k in _EN_KEYS) + r")(?![a-z])")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3})")
_TIMES = re.compile(r"(\d+(?:\.\d+)?)\s*x\b")


@lru_cache(maxsize=1)
def finance_tokenizer() -> jieba.Tokenizer:
    """jieba with the finance user dictionary (罗素2000, 标普500, 市盈率…), built once per process."""
    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer()
    with _LOCK:
        tokenizer.initialize()
        dictionary = resources.files("knowledge_base.data").joinpath("finance_dict.txt")
        with resources.as_file(dictionary) as path:
            tokenizer.load_userdict(str(path))
    return tokenizer


def tokenize(norm_text: str) -> list[str]:
    """Index tokens of t2s-normalized text: lower-cased, stopwords and punctuation dropped."""
    text = _THOUSANDS.sub("", norm_text.lower())
    tokens = []
    for token in finance_tokenizer().lcut(text, HMM=True):
        token = token.strip()
        if not token or token in _STOPWORDS or not _TOKEN.fullmatch(token):
            continue
        tokens.append(token)
    return tokens


def with_canonical_terms(norm_text: str) -> str:
    """Append the canonical index word of every entity alias found (documents and questions)."""
    lowered = norm_text.lower()
    extra = [ENTITY_ALIASES[m.group(1)] for m in _ENTITY_PATTERN.finditer(lowered)]
    return f"{norm_text} {' '.join(extra)}" if extra else norm_text


def expand_query(norm_query: str) -> str:
    """Canonical entity words plus Chinese index words for English question terms ("18x" → 18倍)."""
    lowered = cantonese_to_mandarin(_TIMES.sub(r"\1倍", norm_query.lower()))
    lowered = _MONTH_PAIR.sub(r"\1月 \2月", lowered)
    extra = [EN_QUERY_TERMS[m.group(1)] for m in _EN_PATTERN.finditer(lowered)]
    text = with_canonical_terms(lowered)
    return f"{text} {' '.join(extra)}" if extra else text
