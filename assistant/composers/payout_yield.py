"""The yield a price the asker states gives on payouts the sources state per unit: 「按5.75港元算，最近兩次分派合計的
收益率」, "if I buy at HK$5.40, what yield does that work out to on its 2025 distributions?" → the payouts of the
period asked (the rows of a payout table the question's year names, or its latest N rows), added up, converted
from a currency's hundredth (港仙, cents) where stated in it, divided by the price.

Nothing is computed unless the question asks a yield, states exactly one price (a money figure), and the sources'
payout table gives the period asked: a payout per unit column, with rows labelled by period.
"""
from __future__ import annotations

import re
from decimal import Decimal

from assistant.arithmetic import Computation, Operand
from assistant.composers.asked_quantities import any_pattern, price_per_share
from assistant.composers.extractive_arithmetic import asked_amount, latest_asked
from assistant.composers.extractive_candidates import Candidate, tables_of
from assistant.tables import cell_number, header_cells, row_cells
from knowledge_base.lexical_tokens import cantonese_to_mandarin
from knowledge_base.scripts import normalize_for_index

# 收益率, 息率, 股息率, 殖利率, 派息率 of a price; "yield" (not "yield curve", which is no payout's)
_ASKS_YIELD = re.compile(r"收益率|息率|殖利率|股息率|分派率|\byield(?!\s+curve)", re.I)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def _price(question: str) -> Operand | None:
    token = price_per_share(question)
    if token is not None:
        return Operand(token.value * token.scale, token.raw, False, 0)
    return asked_amount(question)


def _payout_column(header: str) -> tuple[int, bool] | None:
    """The one column stating a payout per unit (「每基金單位分派（港仙）」, "Dividend per share (US cents)"), and
    whether it is in a currency's hundredth."""
    found = []
    for i, name in enumerate(header_cells(header)):
        label = normalize_for_index(name).lower()
        if i > 0 and any_pattern("per_unit", label) and any_pattern("payout", label):
            found.append((i, any_pattern("hundredth", label) is not None))
    return found[0] if len(found) == 1 else None


def asks_payout_yield(norm_question: str) -> bool:
    """A yield of payouts asked at a price the asker states (a money figure)."""
    question = cantonese_to_mandarin(norm_question.lower())
    return _ASKS_YIELD.search(question) is not None and any_pattern("payout", question) is not None and \
        _price(question) is not None


def holds_payout_table(text: str) -> bool:
    """The text holds a table header with one payout-per-unit column (「| 分派期間 | 每基金單位分派（港仙） |」)."""
    return any(line.lstrip().startswith("|") and _payout_column(line) is not None for line in text.splitlines())


def payout_yield(norm_question: str, candidates: list[Candidate], first_doc: int | None = None
                 ) -> tuple[Computation, list[Candidate]] | None:
    """(the computation, the rows it reads) or None. `first_doc`: the context number of the best hit, whose
    document's table is read where several documents have one."""
    question = cantonese_to_mandarin(norm_question.lower())
    if not _ASKS_YIELD.search(question) or any_pattern("payout", question) is None:
        return None
    price = _price(question)  # read once: asks_payout_yield would read it again
    if price is None or price.value <= 0:
        return None
    years = set(_YEAR.findall(question))
    latest = latest_asked(question)
    if len(years) != 1 and latest is None or years and latest is not None:
        return None  # the period asked must be one year, or the latest N payouts
    found: list[tuple[list[Candidate], int, bool]] = []
    for header, rows in tables_of(candidates).items():
        column = _payout_column(header)
        if column is None:
            continue
        index, hundredth = column
        # overlapping chunks repeat rows
        ordered = sorted({(c.doc_start, c.text.strip()): c for c in rows}.values(), key=lambda c: c.doc_start)
        dated = [c for c in ordered if _YEAR.search(row_cells(c.text)[0])]
        if latest is not None:
            # the table's own order is the payouts' (中期 before 末期 within a year): newest last, or newest first
            years_in_order = [_YEAR.search(row_cells(c.text)[0]).group(1) for c in dated]
            newest_first = len(dated) > 1 and years_in_order[0] > years_in_order[-1]
            recent = dated[:latest] if newest_first else dated[-latest:]
            picked = sorted(recent, key=lambda c: c.doc_start) if len(dated) >= latest else []
        else:
            picked = [c for c in dated if _YEAR.search(row_cells(c.text)[0]).group(1) in years]
        if picked:
            found.append((picked, index, hundredth))
    if len(found) > 1 and first_doc is not None:
        found = [f for f in found if f[0][0].n == first_doc] or found
    if len(found) != 1:
        return None
    picked, index, hundredth = found[0]
    operands = []
    for c in picked:
        cells = row_cells(c.text)
        try:
            operands.append(Operand(cell_number(cells[index]), cells[index].strip(), False, c.n))
        except (ArithmeticError, ValueError, IndexError):
            return None
    total = sum((o.value for o in operands), Decimal(0)) / (100 if hundredth else 1)
    parts = " + ".join(o.shown for o in operands)
    paid = f"({parts})" if len(operands) > 1 else parts
    expression = f"{paid} ÷ 100 ÷ {price.shown}" if hundredth else f"{paid} ÷ {price.shown}"  # 港仙, cents: ÷ 100
    value = total / price.value * 100
    return Computation("formula", price, operands[0], value, "%", tuple(operands[1:]), expression=expression), picked

