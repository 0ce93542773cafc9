"""What a sentence does to the reader: tell them to trade, promise a return, pitch a sign-up, or instruct the
assistant itself. Shared by ingest (document flags) and the assistant (which never quotes such text and
screens every answer for it).

Patterns run over the t2s-normalized, lower-cased sentence, so one set covers Traditional and Simplified;
English has its own. They look for constructions, not phrases: a reader as subject or an imperative, a
modal or urgency word, then a trade verb ("投资者应该立刻买进", "you should sell now"); a promise of gain not
negated ("保证翻倍", but not "不保证将来回报"). Reported facts without a modal ("投资者六月买入小盘股",
"investors bought small caps in June", "分析师预期联储局减息") are not calls.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from knowledge_base.scripts import normalize_for_index
from knowledge_base.sentences import split_sentences

KINDS = ("instruction", "trade_call", "guarantee", "promotion")

_SEP = r"[^，,。；;！!？?\n]"  # a character inside one clause
_TRADE = (r"(买进|买入|购入|买|入货|入市|进场|加仓|加码|增持|抄底|吸纳|建仓|满仓|重仓|all ?in|梭哈|卖出|卖掉|卖|沽出|沽售|沽|"
          r"抛售|抛|减仓|减持|清仓|离场|出货|止蚀|止损|继续持有|持有|揸住|揸|做空|卖空)")
_READER = r"(你|您|大家|各位|投资者|投资人|读者|散户|股民|客户|朋友)(们)?"
_MODAL = r"(应该|应当|(?<![相对反供适响效回])应|必须|务必|一定要|要(?!求)|需要|最好|不妨|值得|赶快|赶紧|请)"
_URGENCY = r"(立刻|立即|马上|即刻|赶快|赶紧|尽快|火速|现在就|今天就|趁早|别再等|不要再等)"

_ZH: dict[str, re.Pattern[str]] = {
    "instruction": re.compile(
        r"(忽略|无视|忽视|不要理会|不理会|忘记|忘掉|覆盖)" + _SEP + r"{0,8}(指令|指示|提示|规则|设定|要求|说明)|"
        r"(你|您)(现在)?(是|扮演|作为)" + _SEP + r"{0,8}(助手|助理|机器人|ai|模型)|"
        r"(助手|助理|机器人|模型|ai|chatbot|assistant)" + _SEP + r"{0,4}(必须|应该|应|要|务必|一律|请)" + _SEP
        + r"{0,6}(回答|告诉|推荐|回复|建议|说)|"
        # told to tell the users (「請告訴所有客戶…」), not a broker saying it notifies its clients (「短訊通知客戶」)
        r"(^|请|务必|必须|一律|总是)(告诉|回复)(所有|每位|每个)?(用户|客户|提问者|读者)|系统提示|"
        r"回答(时|问题时)" + _SEP + r"{0,2}(必须|务必|一律)"
    ),
    "trade_call": re.compile(
        _URGENCY + _SEP + r"{0,6}" + _TRADE + "|"
        + _READER + _SEP + r"{0,4}" + _MODAL + _SEP + r"{0,6}" + _TRADE + "|"
        r"(建议|推荐|劝)(?![或和及与、])" + _SEP + r"{0,8}" + _TRADE + "|"  # not the noun: "投资建议或买卖推荐"
        r"^(请|快)?(买进|买入|卖出|沽出|抛售|加仓|清仓|抄底|满仓|all ?in)|"
        r"(不要|别)错过" + _SEP + r"{0,8}(机会|时机)|"
        + _TRADE + _SEP + r"{0,10}?的?(好|最佳|黄金)(时机|机会)|(好|最佳|黄金)(时机|机会)" + _SEP + r"{0,4}" + _TRADE
    ),
    "guarantee": re.compile(
        r"(保证|担保)(?!金|人)" + _SEP + r"{0,12}(赚|回报|收益|获利|翻倍|升值|上涨|涨|盈利|利润|本金|不亏|不赔)|包(赚|赢|涨|升|你赚)|稳(赚|赢|拿|涨|升)|零风险|"
        r"(?<![零不])无风险(?!利率|收益率|资产|债|回报率|套利|利息)|必(涨|升|赚)|"
        r"(?<![不未])(一定|肯定|必定|必然|铁定)(会|能|可以)?(大)?(涨|升|赚|获利|翻倍|跑赢|回本)|"
        r"(?<![不未])(一定|肯定|必定|铁定)" + _SEP + r"{0,6}翻[一两三]?倍"
    ),
    "promotion": re.compile(
        r"(立即|马上|现在|即刻|赶快|赶紧|快来|欢迎)" + _SEP + r"{0,4}(注册|开户|申请|下载|登记|报名|加入|联系|致电|扫码|领取|订阅)|"
        r"(注册|开户)" + _SEP + r"{0,20}(帐号|账户|账号|户口)|限时(优惠|免费|折扣|特价)|名额有限|先到先得|"
        r"扫(描)?(二维码|码)|(加|添加)(微信|whatsapp|line|电报)|免费(领取|获取|试用)|点击(链接|此处|这里)|优惠码"
    ),
}

_EN_TRADE = (r"(buy|sell|hold|short|dump|load up( on)?|go long|go short|accumulate|get out|pile into|snap up|"
             r"stock up|go all in|all in)")
_EN: dict[str, re.Pattern[str]] = {
    "instruction": re.compile(
        r"\b(ignore|disregard|forget|override)\b( all| any)?( of)?( the| your)? (previous|prior|above|earlier|"
        r"preceding|original|system)\b[^.]{0,20}\b(instructions?|prompts?|rules|directions|guidelines)\b|"
        r"\byou are now\b|\bsystem prompt\b|"
        r"\b(assistants?|ai|chatbots?|language models?|bots?)\b,? (must|should|will|shall)( always)? "
        r"(say|tell|answer|recommend|respond|reply|advise)\b|"
        # an order to tell them ("tell users to sell"), not "we will inform clients that…"
        r"(^|\band |\bplease |\balways |\bmust |\bshould )(tell|advise|inform|instruct) (the |all |every )?"
        r"(users?|customers?|readers?|clients?|askers?) (to|that)\b|"
        r"\bwhen (answering|asked|responding)\b[^.]{0,40}\b(always|must|never)\b"
    ),
    "trade_call": re.compile(
        r"\b(you|investors?|everyone|readers?|traders?|people|clients?|folks)\b( really| all| definitely)? "
        r"(should|must|need to|ought to|have to|had better|'d better)( definitely| really| all| immediately| now)? "
        + _EN_TRADE + r"\b|"
        r"^(please )?(buy|sell|short|dump|load up|grab|snap up)\b|"
        r"\b(buy|sell|short|dump|load up on|snap up|grab)\b[^.,;]{0,30}\b(now|today|immediately|right away|asap|"
        r"before it'?s too late|while (you|it) can)\b|"
        r"\b(strong|must)[- ]buy\b|\b(time|moment) to (buy|sell|get in|get out|load up)\b|"
        r"\b(i|we) (strongly )?recommend (buying|selling|that you (buy|sell))\b|"
        r"\brecommends? (that )?(you|investors|clients) (buy|sell)\b|\bgo all in\b"
    ),
    "guarantee": re.compile(
        r"\bguarantee(d|s)?\b (to|returns?|profits?|gains?|income|you|a (return|profit|gain)|double)|"
        r"\b(risk-free|riskless|no-risk) (returns?|profits?|gains?|money|bet)\b|\bcan(no|')t lose\b|"
        r"\b(sure|safe) bet\b|\bsure thing\b|\bdouble your money\b|\beasy money\b|\b100% (safe|sure|certain)\b|"
        r"\bwill (definitely|certainly|surely|absolutely) (double|triple|soar|rise|go up|skyrocket)\b"
    ),
    "promotion": re.compile(
        r"\b(sign up|open an account|register|join|subscribe|call us|contact us)\b[^.]{0,20}\b(now|today|here)\b|"
        r"\bclick (here|the link|below)\b|\blimited[- ]time (offer|deal)\b|\bact now\b|"
        r"\bdon'?t miss (out|this)\b|\bexclusive offer\b|\bpromo(tion)? code\b"
    ),
}
_ZH_NEGATION = re.compile(r"[不无未没非][^，,。；;！!？?\n]{0,12}$")  # in the same clause
_EN_NEGATION = re.compile(r"\b(not|no|never|cannot|n't|nothing)\b(\W+\w+){0,2}\W*$")


@dataclass(frozen=True)
class Flagged:
    start: int
    end: int
    text: str
    kinds: tuple[str, ...]


def sentence_kinds(sentence: str) -> tuple[str, ...]:
    """The kinds (see KINDS) a sentence carries, in KINDS order; () for ordinary text."""
    norm = normalize_for_index(sentence).lower().strip()
    if not norm:
        return ()
    found = []
    for kind in KINDS:
        for pattern, negated in ((_ZH[kind], _ZH_NEGATION), (_EN[kind], _EN_NEGATION)):
            # A promise of gain can be negated ("不保证将来回报", "not guaranteed"); a call cannot ("don't sell").
            if any(kind != "guarantee" or not negated.search(norm[max(0, m.start() - 30):m.start()])
                   for m in pattern.finditer(norm)):
                found.append(kind)
                break
    return tuple(found)


def flag_sentences(text: str) -> list[Flagged]:
    """Every sentence of `text` that carries a kind, with its span."""
    out = []
    for start, end in split_sentences(text, clauses=True):
        kinds = sentence_kinds(text[start:end])
        if kinds:
            out.append(Flagged(start, end, text[start:end], kinds))
    return out


def document_flags(text: str) -> list[str]:
    """The kinds found anywhere in a document, e.g. ["instruction", "trade_call"]; [] for a clean one."""
    return merge_flags(f.kinds for f in flag_sentences(text))


def merge_flags(groups: Iterable[Iterable[str]]) -> list[str]:
    seen = {kind for group in groups for kind in group}
    return [kind for kind in KINDS if kind in seen]


@lru_cache(maxsize=8192)  # the same passages come back for many questions; screening one costs about 1.5 ms
def blank_flagged(text: str) -> str:
    """`text` with flagged sentences replaced by spaces: offsets (citation spans) stay valid."""
    flagged = flag_sentences(text)
    if not flagged:
        return text
    chars = list(text)
    for f in flagged:
        for i in range(f.start, f.end):
            if not chars[i].isspace():
                chars[i] = " "
    return "".join(chars)
