"""What an answer that declines a buy/sell call shows with the facts: the subject's own risk statement.

The units a timing question's words choose are the product's terms (its code, its dates); the sentence of its
document that says what can go wrong (「上市后可能出现价格大幅波动，甚至跌破面值，投资者可能面临损失」) shares
none of them. Where no chosen unit holds two words of a risk statement (assistant/data/risk_words.txt), the
unit of the best hit's document (the subject's) that holds the most of them joins the answer.
"""
from __future__ import annotations

from collections.abc import Callable

from assistant.advice import risk_words
from assistant.composers.extractive_candidates import Candidate

MIN_WORDS = 2  # one such word ("波动", "risk") is in many sentences that warn of nothing


def risk_statement(chosen: list[Candidate], candidates: list[Candidate], subject: str,
                   doc_of: Callable[[Candidate], str]) -> list[Candidate]:
    """`subject`: the document of the best hit."""
    words = risk_words()
    if not chosen or any(len(c.tokens & words) >= MIN_WORDS for c in chosen):
        return []
    scored = [(len(c.tokens & words), -c.doc_start, c) for c in candidates
              if c.kind == "answer" and c not in chosen and doc_of(c) == subject]
    best = max(scored, key=lambda s: s[:2], default=None)
    return [best[2]] if best is not None and best[0] >= MIN_WORDS else []
