"""Advice requests: recognised in 繁/简/English, answered informatively with a not-investment-advice line."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from assistant.language import QueryLanguage
from assistant.messages import template

# Matched on the t2s-normalized, lower-cased question.
_ADVICE = re.compile(
    r"应(该|唔应|不应)|应唔应该|好时机|入货|可以买|值(唔|不)?值得|该不该|要不要|好唔好买|买(定|还是)|买边|买哪|"
    r"系咪照跟|照跟|(?<![a-z])all[ -]?in(?![a-z])|全部积蓄|推荐|建议|加仓|减仓|抄底|沽|止蚀|止损|持有还是|揸|"
    r"进场|入场|离场|出场|上车|存股|适合(现在)?(买|入手|进)|买[^。？?]{0,8}(就行|就好|就得|可以吗|好吗|对吗|划算吗|吗|比较好|较好)|"
    r"(哪|边)[^。？?]{0,6}买|适合(长期|短期|现在|新手|我)?(持有|投资|入手|买入)(吗|呢|\?|？|$)|值得(长期|现在)?(投资|持有|买|入手|配置)(吗|呢|\?|？|$)|"
    r"(能|可以|该|应该|要不要)(做多|做空)|帮我(拣|挑|选|揀)|(边|哪)(只|个|档|支)[^。？?]{0,4}(好|抵)|"
    r"抵(唔|不)抵|买(唔|不)?买得过|(仲|还)(可以|能)追|追高|要唔要(转|换|买|卖|入|沽|赎回)|换马|转仓|"
    r"(该|应该|我要|要)(怎么|点|如何)(样)?操作|(还是|定)继续持有|继续持有(吗|好)|(何时|什么时候|几时)(卖|买|入|出|沽)|"
    r"好(唔|不)好投资|(能|会)赚钱(吗|嘛)|适合配置|适(唔|不)适合我|适合我(吗|嘛)|"
    r"good (buy|investment|time)|worth (it|buying|investing|holding)|right time to|time to (buy|sell|get in)|"
    r"entry point|\bwise to\b|make money (with|from|on)|too late to|safe bet|should (my|our) (portfolio|savings)|"
    r"should (i|we)|shud i|is it (a )?good (time|idea)|worth buying|buy or sell|which (one )?(should|shud)|"
    r"recommend|\bbuy\b|\bsell\b|\bhold\b|go all in"
)


def is_advice_request(norm_question: str) -> bool:
    return bool(_ADVICE.search(norm_question.lower()))


def disclaimer_for(language: QueryLanguage) -> str:
    return template("advice.disclaimer", language)


@lru_cache(maxsize=1)
def advice_topics() -> frozenset[str]:
    """Index words of what an advice answer shows instead of a call (assistant/data/advice_topics.txt)."""
    text = resources.files("assistant.data").joinpath("advice_topics.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))
