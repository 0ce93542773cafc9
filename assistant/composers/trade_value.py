"""The value of a trade the asker describes: the price per share they state times the shares they state, or the
board lots they state times the lot size a source states (「當沖1張股票，賣在102元」 with 「每張1,000股」 →
102 × 1,000). A fee or tax on that trade is a rate of this value, not of the price (composers/trade_cost.py).

A money figure is a price only where the question marks it as one (「賣在102元」, 「50元股票」, "at NT$100 a
share"); words in `assistant/data/holding_words.tsv` (price_before, price_after). Lots without a lot size in
the sources give no value: the shares are unknown, and no figure is better than a guessed one.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from assistant.arithmetic import Operand
from assistant.composers.asked_quantities import MONEY_AFTER, any_pattern, lot_size, price_per_share, stated_lots, stated_units
from assistant.composers.extractive_candidates import Candidate
from knowledge_base.lexical_tokens import cantonese_to_mandarin

@dataclass(frozen=True)
class Trade:
    price: Operand  # per share, as the asker wrote it
    quantity: tuple[Operand, ...]  # the shares (「2,000股」), or the lots and the lot size a source states
    value: Decimal
    stating: tuple[Candidate, ...] = ()  # the unit stating the lot size, if one was needed

    @property
    def shown(self) -> str:
        return " × ".join(o.shown for o in (self.price, *self.quantity))


def asked_trade(norm_question: str, candidates: list[Candidate]) -> Trade | None:
    """The trade the question describes, valued; None when it states no price and quantity, or lots whose
    size no source states."""
    question = cantonese_to_mandarin(norm_question.lower())
    token = price_per_share(question)
    if token is None:
        return None
    currency = MONEY_AFTER.match(question, token.end)
    shown = question[token.start:currency.end()] if currency else token.raw
    price = Operand(token.value * token.scale, shown.strip(), False, 0)
    shares = stated_units(question)
    if shares is not None:
        return Trade(price, (shares,), price.value * shares.value)
    lots = stated_lots(question)
    found = lot_size(candidates, question) if lots else None
    if found is None:
        return None
    size, stating = found
    held = Operand(Decimal(lots), any_pattern("lot", question).group(0).strip(), False, 0)
    return Trade(price, (held, size), price.value * held.value * size.value, (stating,))
