"""Advice requests: recognised in 繁/简/English, answered informatively with a not-investment-advice line."""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from assistant.language import QueryLanguage
from assistant.messages import template
from knowledge_base.vocabulary_files import read_patterns, read_words


ADVICE_FORM_KINDS = ("call", "maybe", "fact", "term", "priced")


@lru_cache(maxsize=1)
def _advice_forms() -> dict[str, tuple[re.Pattern[str], ...]]:
    """Wordings of a request for a call, of trading words that may be one, and of fact questions that use
    trading words (assistant/data/advice_requests.tsv), by kind."""
    rows = read_patterns("assistant.data", "advice_requests.tsv", ADVICE_FORM_KINDS)
    return {kind: tuple(pattern for label, pattern in rows if label == kind) for kind in ADVICE_FORM_KINDS}


def advice_wording_kind(norm_question: str) -> str | None:
    """Matched on the t2s-normalized, lower-cased question: "call" for a `call` wording, "trading" for a `maybe`
    one in a question no `fact` wording explains (「边个建议」 asks who, 「建议零售价」 is a price's name), None for
    neither or for a question about a trading word itself (a `term` wording: what "take profit" means, how to set
    a 止损单)."""
    text = norm_question.lower()
    forms = _advice_forms()
    if any(pattern.search(text) for pattern in forms["term"]):
        return None  # 「止盈止损条件单可以设置多久」 asks about the order type its call word names
    # (a forecast wording around a price a firm sets, 「保费会不会涨」, "will my premium go up", asks what its notice
    # says, not for a call)
    if any(not _of_a_set_price(text, m) for pattern in forms["call"] for m in pattern.finditer(text)):
        return "call"
    if any(p.search(text) for p in forms["maybe"]) and not any(p.search(text) for p in forms["fact"]):
        return "trading"
    return None


PRICED_BEFORE = 8  # characters before a call wording that may name what moves (「保费会不会涨」)


# a forecast's words of a move (not a judgement such as 「值唔值得」, "worth paying", which is a call whatever it prices)
_MOVE = re.compile(r"涨|跌|升|加|减|降|\b(?:go(?:es)? (?:up|down)|rise|fall|drop|increase|decrease|be|end)\b")


def _of_a_set_price(text: str, match: re.Match[str]) -> bool:
    if not _MOVE.search(match.group(0)):
        return False
    # within the call wording's own clause: 「手续费会唔会加？值唔值得转券商？」 asks a call of its second clause
    before = re.split(r"[?？。！!；;，,]", text[max(0, match.start() - PRICED_BEFORE):match.start()])[-1]
    around = before + match.group(0)
    return any(pattern.search(around) for pattern in _advice_forms()["priced"])


def is_advice_request(norm_question: str) -> bool:
    """The wordings alone: a call wording, or a trading word no fact wording explains."""
    return advice_wording_kind(norm_question) is not None


def names_a_call(norm_question: str, call_near: Callable[[], bool] | None = None) -> bool:
    """Whether the question's words ask for a call. A trading word alone (「可以买」, "sell") is one unless
    `call_near` says no labelled question near it in meaning requests a call: "could I sell it on the transfer
    platform, and what would that cost" asks how a sale works. Without neighbours (embedder down, wordings only)
    the trading word counts."""
    kind = advice_wording_kind(norm_question)
    if kind == "trading" and call_near is not None:
        return call_near()
    return kind is not None


def advice_wording(norm_question: str) -> list[str]:
    """The spans of the question that ask for a call (「值唔值得買」, "should I buy"): the asker's words for the
    advice, not topics the sources could state."""
    text = norm_question.lower()
    forms = _advice_forms()
    return [m.group(0) for kind in ("call", "maybe") for p in forms[kind] for m in p.finditer(text)]


def disclaimer_for(language: QueryLanguage) -> str:
    return template("advice.disclaimer", language)


@lru_cache(maxsize=1)
def advice_topics() -> frozenset[str]:
    """Index words of what an advice answer shows instead of a call (assistant/data/advice_topics.txt)."""
    return read_words("assistant.data", "advice_topics.txt")


@lru_cache(maxsize=1)
def risk_words() -> frozenset[str]:
    """Words of a risk statement (assistant/data/risk_words.txt)."""
    return read_words("assistant.data", "risk_words.txt")
