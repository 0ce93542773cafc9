"""Advice requests: recognised in 繁/简/English, answered informatively with a not-investment-advice line."""
from __future__ import annotations

import re

from assistant.language import QueryLanguage

# Matched on the t2s-normalized, lower-cased question.
_ADVICE = re.compile(
    r"应(该|唔应|不应)|应唔应该|好时机|入货|可以买|值(唔|不)?值得|该不该|要不要|好唔好买|买(定|还是)|买边|买哪|"
    r"系咪照跟|照跟|all ?in|全部积蓄|推荐|建议|加仓|减仓|抄底|沽|止蚀|止损|持有还是|揸|"
    r"进场|入场|离场|出场|上车|存股|买[^。？?]{0,8}(就行|就好|就得|可以吗|好吗|对吗|划算吗|吗|比较好|较好)|"
    r"(哪|边)[^。？?]{0,6}买|"
    r"good (buy|investment|time)|worth (it|buying)|right time to|time to (buy|sell|get in)|"
    r"should (i|we)|shud i|is it (a )?good (time|idea)|worth buying|buy or sell|which (one )?(should|shud)|"
    r"recommend|\bbuy\b|\bsell\b|\bhold\b|go all in"
)

DISCLAIMERS = {
    "zh-Hant-HK": "以上內容僅供參考，不構成投資建議或買賣任何產品的推薦；投資前請考慮自身目標及風險承受能力。",
    "zh-Hant-TW": "以上內容僅供參考，不構成投資建議或買賣任何商品的推薦；投資前請考量自身目標及風險承受度。",
    "zh-Hans": "以上内容仅供参考，不构成投资建议或买卖任何产品的推荐；投资前请考虑自身目标及风险承受能力。",
    "en": "This is general information, not investment advice or a recommendation to buy or sell any product; "
    "consider your own goals and risk tolerance.",
}

NO_CALL = {
    "zh-Hant-HK": "我無法就買賣作出建議，以下是資料中的相關內容：",
    "zh-Hant-TW": "我無法提供買賣建議，以下是資料中的相關內容：",
    "zh-Hans": "我无法提供买卖建议，以下是资料中的相关内容：",
    "en": "I can't tell you whether to buy, sell or hold. Here is what the sources say: ",
}


def is_advice_request(norm_question: str) -> bool:
    return bool(_ADVICE.search(norm_question.lower()))


def disclaimer_for(language: QueryLanguage) -> str:
    return DISCLAIMERS[language.key]
