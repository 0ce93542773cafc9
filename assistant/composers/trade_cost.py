"""A fee or tax on a trade the asker describes: the trade's value (price × shares, composers/trade_value.py) times
the one rate the chosen units state for what the question names, or the floor the rate's row states when that is
larger. 「當沖1張股票，賣在102元，證交稅要繳多少錢？」 with 「證券交易稅（現股當沖賣出）| 0.15%」 and 「每張1,000股」
→ 102元 × 1张 × 1,000股 × 0.15% ≈ 153, every input cited or said to be the asker's. Several fees the question
names together (「佣金加印花税一共要付多少」) are each worked out on the same trade, with their floors, and added.
"""
from __future__ import annotations

import re
from decimal import ROUND_CEILING, Decimal

from assistant.arithmetic import Computation, Operand, operation
from assistant.composers.base import CompositionInput
from assistant.composers.extractive_arithmetic import asked_rate, asks_money
from assistant.composers.asked_quantities import prices_a_trade
from assistant.composers.extractive_candidates import Candidate
from assistant.composers.trade_value import Trade, asked_trade
from knowledge_base.lexical_tokens import cantonese_to_mandarin, tokenize


# A fee's or a tax's name among the question's words: 佣金, 印花税, 交易征费, "commission", "stamp duty"
_FEE_WORD = re.compile(r"^[\u4e00-\u9fff]*(费|税|佣金|征费)$|^(commission|duty|levy|fee|fees|tax)$")


def _fees_named(question: str) -> list[str]:
    """The fees a question names, where it names more than one to add up (「佣金加印花税一共」); else empty."""
    if operation(question) != "sum":
        return []
    words = list(dict.fromkeys(t for t in tokenize(cantonese_to_mandarin(question.lower())) if _FEE_WORD.match(t)))
    return words if len(words) > 1 else []


# The page's rule that a fee is rounded up to a whole unit (印花稅 「計至整數元（向上調整）」)
_ROUNDED_UP = re.compile(r"向上(调整|調整|取整|进位|進位)|\brounded up\b|\bround(ed)? up to\b", re.I)


def _one_fee(trade: Trade, rate: Operand, floor: Operand | None, rounded_up: bool, lang: str) -> tuple[Decimal, str]:
    fee, expression = trade.value * rate.value / 100, f"{trade.shown} × {rate.shown}"
    if floor is not None:
        fee, expression = max(fee, floor.value), f"max({expression}, {floor.shown})"
    if rounded_up and fee != fee.to_integral_value():
        fee = fee.to_integral_value(rounding=ROUND_CEILING)
        expression = f"{expression}, rounded up" if lang == "en" else f"{expression}，向上取整"
    return fee, expression


def _rounded_up(rate: Operand, units: list[Candidate]) -> bool:
    """The row or sentence stating the rate says the fee is rounded up."""
    return any(c.n == rate.n and rate.shown in c.text and _ROUNDED_UP.search(c.text) for c in units)


def _pages_named(inp: CompositionInput, docs: list[str]) -> list[str]:
    """The documents, in retrieval order, that name what the question names and no other document does (the
    broker 「Harrow Bay」, the code 2217), where any does: a page naming none of it is another broker's."""
    docs = list(dict.fromkeys(docs))
    texts = {d: " ".join(f"{h.chunk.title} {h.chunk.norm_text}" for h in inp.contexts if h.chunk.doc_id == d).lower()
             for d in docs}
    words = {t for t in tokenize(cantonese_to_mandarin(inp.norm_question.lower()))
             if len(t) >= 2 and (not t.isdigit() or len(t) >= 4)}
    own = {d: {w for w in words if w in texts[d] and not any(w in texts[o] for o in docs if o != d)} for d in docs}
    most = max((len(v) for v in own.values()), default=0)
    return [d for d in docs if len(own[d]) == most] if most else docs


def trade_cost(inp: CompositionInput, chosen: list[Candidate], candidates: list[Candidate]
               ) -> tuple[Computation, list[Candidate]] | None:
    if not asks_money(inp.norm_question) or not prices_a_trade(inp.norm_question):
        return None
    # the other rows of a chosen row's table (a fee table's rows differ by a word or two: 「電子下單手續費折扣」),
    # and the tables of the chosen units' documents (a worked example chosen, the fee table beside it)
    tables = {(c.n, c.header) for c in chosen if c.kind == "table_row"}
    docs = {inp.contexts[c.n - 1].chunk.doc_id for c in chosen}
    rows = [c for c in candidates if c.kind == "table_row" and c not in chosen and (
        (c.n, c.header) in tables or inp.contexts[c.n - 1].chunk.doc_id in docs)]
    fees = _fees_named(inp.norm_question)
    # each fee read as if the question named it alone: the others' words would make its row ambiguous
    questions = [re.sub("|".join(re.escape(o) for o in fees if o != fee), " ", cantonese_to_mandarin(
        inp.norm_question.lower())) for fee in fees] or [inp.norm_question]
    # one broker's page states the fees and the lot of one trade: each document in retrieval order, the first
    # that states every fee named and values the trade (another broker's lot or rate is not this trade's)
    units = [*chosen, *rows]
    doc_of = {id(c): inp.contexts[c.n - 1].chunk.doc_id for c in [*units, *candidates]}
    for doc in _pages_named(inp, [doc_of[id(c)] for c in sorted(units, key=lambda c: c.n)]):
        mine = [c for c in units if doc_of[id(c)] == doc]
        rates = [asked_rate(q, mine) for q in questions]
        if any(r is None for r in rates) or len({r[0] for r in rates}) != len(rates):
            continue  # a fee without its rate, or two fees read from one row: no sum
        trade = asked_trade(inp.norm_question, [c for c in candidates if doc_of[id(c)] == doc])
        if trade is not None:
            break
    else:
        return None
    worked = [_one_fee(trade, rate, floor, _rounded_up(rate, [*chosen, *rows]), inp.language.lang)
              for rate, floor in rates]
    total = sum((fee for fee, _ in worked), Decimal(0))
    expression = " + ".join(e for _, e in worked)
    more = [*trade.quantity]
    for i, (rate, floor) in enumerate(rates):
        more += ([rate] if i else []) + ([floor] if floor else [])
    rate_rows = [c for rate, _ in rates for c in rows if c.n == rate.n and rate.shown in c.text][:len(rates)]
    stating = list(dict.fromkeys(c for c in (*trade.stating, *rate_rows) if c not in chosen))
    return Computation("formula", trade.price, rates[0][0], total, "", tuple(more), expression=expression), stating
