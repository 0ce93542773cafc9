"""A fee or tax on a trade the asker describes: the trade's value (price × shares, composers/trade_value.py) times
the one rate the chosen units state for what the question names, or the floor the rate's row states when that is
larger. 「當沖1張股票，賣在102元，證交稅要繳多少錢？」 with 「證券交易稅（現股當沖賣出）| 0.15%」 and 「每張1,000股」
→ 102元 × 1张 × 1,000股 × 0.15% ≈ 153, every input cited or said to be the asker's.
"""
from __future__ import annotations

from assistant.arithmetic import Computation
from assistant.composers.base import CompositionInput
from assistant.composers.extractive_arithmetic import asked_rate, asks_money
from assistant.composers.asked_quantities import prices_a_trade
from assistant.composers.extractive_candidates import Candidate
from assistant.composers.trade_value import asked_trade


def trade_cost(inp: CompositionInput, chosen: list[Candidate], candidates: list[Candidate]
               ) -> tuple[Computation, list[Candidate]] | None:
    if not asks_money(inp.norm_question) or not prices_a_trade(inp.norm_question):
        return None
    # the other rows of a chosen row's table: a fee table's rows differ by a word or two (「電子下單手續費折扣」)
    tables = {(c.n, c.header) for c in chosen if c.kind == "table_row"}
    rows = [c for c in candidates if c.kind == "table_row" and (c.n, c.header) in tables and c not in chosen]
    found = asked_rate(inp.norm_question, [*chosen, *rows])
    if found is None:
        return None
    rate, floor = found
    # the lot size from the document stating the rate: another broker's or market's lot is not this trade's
    doc = inp.contexts[rate.n - 1].chunk.doc_id
    trade = asked_trade(inp.norm_question, [c for c in candidates if inp.contexts[c.n - 1].chunk.doc_id == doc])
    if trade is None:
        return None
    fee = trade.value * rate.value / 100
    expression = f"{trade.shown} × {rate.shown}"
    more = (*trade.quantity, *((floor,) if floor else ()))
    if floor is not None:
        expression = f"max({expression}, {floor.shown})"
        fee = max(fee, floor.value)
    rate_row = [c for c in rows if c.n == rate.n and rate.shown in c.text][:1]  # quoted when it was not chosen
    stating = [c for c in (*trade.stating, *rate_row) if c not in chosen]
    return Computation("formula", trade.price, rate, fee, "", more, expression=expression), stating
