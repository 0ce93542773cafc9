"""The figure before a stated change: a source writes the new figure and the change that led to it (「營收年增83%
至4,750萬美元」, "revenue rose 12.4% to HK$8,426.3 million") and the asker wants the earlier one (「去年同期營收
大概是多少」, "what was revenue a year earlier?"): new ÷ (1 + rate), or ÷ (1 − rate) after a fall, shown with both
inputs, the way the other arithmetic on stated figures is.

Nothing is computed unless the question asks for an earlier period's figure and exactly one chosen clause states
a rise or a fall of one percentage to one amount.
"""
from __future__ import annotations

import re
from decimal import Decimal

from assistant.arithmetic import Computation, Operand
from assistant.composers.base import CompositionInput
from assistant.composers.extractive_candidates import Candidate
from assistant.number_tokens import numbers_in
from knowledge_base.lexical_tokens import cantonese_to_mandarin
from knowledge_base.scripts import normalize_for_index

# 「去年同期」, 「上年」, "a year earlier", "the year before", "last year's"
_EARLIER = re.compile(r"去年|上年|上一年|前一年|上个?季度?|上期|\b(a|one) year (earlier|before|ago)\b|\blast year\b|"
                      r"\b(prior|previous|preceding) (year|period|quarter)\b|\bthe year before\b", re.I)
_ASKS = re.compile(r"多少|几多|\bhow much\b|\bwhat (was|were)\b", re.I)
_PERCENT = r"(?P<rate>\d+(?:\.\d+)?)\s*%"
# 「年增83%至4,750萬美元」, 「增长12.4%至84.3亿元」, "rose 12.4% year on year to HK$8,426.3 million"
_CHANGE_TO = re.compile(
    r"(?P<verb>增长|增加|上升|上涨|年增|同比增长|按年增长|升|涨|增|下降|减少|下跌|年减|跌|减|降|\brose\b|\bgrew\b|"
    r"\bincreased\b|\bclimbed\b|\bfell\b|\bdeclined\b|\bdecreased\b|\bdropped\b)[^，,；;。%\d]{0,20}?" + _PERCENT +
    r"[^，,；;。\d]{0,24}?(?:至|到|为|\bto\b)\s*\**\s*(?P<amount>(?:hk\$|us\$|s\$|rmb|\$)?\s*\d[\d,]*(?:\.\d+)?\s*"
    r"(?:亿|万|千|百万|million|billion|bn|m\b)?\s*(?:美元|港元|元|人民币|新台币|dollars)?)", re.I)
_FALL = re.compile(r"下降|减少|下跌|年减|跌|减|降|fell|declined|decreased|dropped", re.I)


def base_before_change(inp: CompositionInput, chosen: list[Candidate], candidates: list[Candidate]
                       ) -> tuple[Computation, list[Candidate]] | None:
    question = cantonese_to_mandarin(inp.norm_question.lower())
    if not _EARLIER.search(question) or not _ASKS.search(question):
        return None
    found = []
    for c in chosen:
        if c.kind == "table_row":
            continue
        for m in _CHANGE_TO.finditer(normalize_for_index(c.text)):
            amount = [t for t in numbers_in(m.group("amount")) if not t.percent]
            if len(amount) == 1:
                found.append((c, m, amount[0]))
    if len(found) != 1:
        return None
    c, m, amount = found[0]
    rate = Decimal(m.group("rate"))
    falling = bool(_FALL.fullmatch(m.group("verb")))
    divisor = (100 - rate if falling else 100 + rate) / 100
    if divisor <= 0:
        return None
    shown_amount = m.group("amount").strip()
    new = Operand(amount.value, shown_amount, False, c.n)
    change = Operand(rate, f"{m.group('rate')}%", True, c.n)
    unit = m.group("amount")[amount.end:].strip()  # 万美元, million
    expression = f"{shown_amount} ÷ (1 {'−' if falling else '+'} {change.shown})"
    return Computation("formula", new, change, amount.value / divisor, unit, expression=expression), []
