"""Positions in a product at the prices its rows state, under the columns the question names:
- the gain or loss between two prices: 「我9月份在发行价买了15万份61258，按10月30号的收市价算现在亏了多少钱？」 is
  150,000 × (0.260 − 0.201) ≈ 8,850 lost, the issue price and the close read from the rows naming 61258;
- the cost of board lots at one price: 「61258按發行價一手要幾錢？」 is 1 × 10,000 × 0.260 ≈ 2,600, the lot size read
  from the same rows' 每手 column.

For a gain or loss the first price the question names is the one bought at, the second the one valued at. Nothing
is computed unless the question asks for a gain or a loss (or for the money a number of lots costs), states the
units held (or the lots), names the price columns and a product whose rows state each figure once.
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from assistant.arithmetic import Computation, Operand
from assistant.composers.asked_quantities import stated_lots, stated_units
from assistant.composers.base import CompositionInput
from assistant.composers.extractive_candidates import Candidate
from assistant.tables import NUMERIC_CELL, cell_number, header_cells, row_cells
from knowledge_base.lexical_tokens import cantonese_to_mandarin, with_canonical_terms
from knowledge_base.scripts import normalize_for_index

_ASKS_CHANGE = re.compile(r"(亏|赚|蚀|盈亏|损益|输|赢)了?(多少|几多|几)|(多少|几多)(亏损|盈利|利润)|"
                          r"how much (?:have |did |would |will )?(?:i |we )?(?:lose|lost|make|made|gain|gained)|"
                          r"\b(?:profit|loss|gain)\b", re.I)
_ASKS_LOSS = re.compile(r"亏|蚀|输|\blos[st]|\blose\b|\bloss\b", re.I)
# 发行价, 收市价, 招股价: a price column's name as the question writes it (the word before 价 is what kind)
_PRICE_WORD = re.compile(r"([\u4e00-\u9fff]{2,3}价)")
_CODE = re.compile(r"(?<![\d.])\d{4,6}(?![\d.])")


def _price_words(question: str) -> list[str]:
    words = []
    for m in _PRICE_WORD.finditer(question):
        word = m.group(1)
        word = word.lstrip("在按以用照的于")  # 「在发行价」, 「的收市价」: a preposition or particle is no part of it
        if len(word) < 3:
            continue
        if word not in words:
            words.append(word)
    return words


def _column_forms(word: str) -> set[str]:
    """How a price word may be written in a column's name: as asked, or as its canonical terms."""
    return {word, *with_canonical_terms(word).split()}


def _column_price(word: str, code: str, units: list[Candidate]) -> tuple[Operand, Candidate] | None:
    """The one figure the rows naming `code` state under a column named `word` (收市价 under 「收市價（港元）」)."""
    forms = _column_forms(word)
    found: dict[Decimal, tuple[Operand, Candidate]] = {}
    for c in units:
        if c.kind != "table_row" or not c.header:
            continue
        cells = [cell.strip() for cell in row_cells(c.text)]
        if code not in cells:
            continue
        names = [normalize_for_index(n).lower() for n in header_cells(c.header)]
        for name, cell in zip(names, cells):
            if any(f in name for f in forms) and NUMERIC_CELL.fullmatch(cell):
                value = cell_number(cell)
                found.setdefault(value, (Operand(value, cell, False, c.n), c))
    return next(iter(found.values())) if len(found) == 1 else None


_ASKS_COST = re.compile(r"(多少|几多|几)(钱|银|蚊|港元|港币|元)|how much (?:does|would|will|is)\b", re.I)
LOT_COLUMN = "每手"  # the board lot's column (「每手買賣單位（份）」)


def _matched(norm_question: str) -> str:
    return cantonese_to_mandarin(normalize_for_index(norm_question).lower())


@lru_cache(maxsize=256)  # read four times per question: by the chain's row join and the composer, per kind asked
def _product_and_prices(norm_question: str) -> tuple[str, str | None, tuple[str, ...]]:
    """(the question as matched, the one product code it writes or None, the price columns it names)."""
    question = _matched(norm_question)
    codes = list(dict.fromkeys(m.group(0) for m in _CODE.finditer(question)))
    return question, codes[0] if len(codes) == 1 else None, tuple(_price_words(question))


def asked_lots(norm_question: str) -> tuple[int, str, str] | None:
    """(lots, the product's code, the price word) of a question asking what lots of a product cost, else None."""
    question, code, words = _product_and_prices(norm_question)
    if not _ASKS_COST.search(question) or _ASKS_CHANGE.search(question):
        return None
    lots = stated_lots(question)
    if lots is None or code is None or len(words) != 1 or stated_units(normalize_for_index(norm_question)):
        return None
    return lots, code, words[0]


def lots_cost(inp: CompositionInput, candidates: list[Candidate]) -> tuple[Computation, list[Candidate]] | None:
    """Lots × the lot size × the price, all three of the product's rows but the lots."""
    asked = asked_lots(inp.norm_question)
    if asked is None:
        return None
    lots, code, word = asked
    price, size = _column_price(word, code, candidates), _column_price(LOT_COLUMN, code, candidates)
    if price is None or size is None:
        return None
    (price, price_row), (size, size_row) = price, size
    count = Operand(Decimal(lots), str(lots), False, 0)
    calc = Computation("formula", count, size, count.value * size.value * price.value, "", (price,),
                       expression=f"{count.shown} × {size.shown} × {price.shown}")
    return calc, list(dict.fromkeys([size_row, price_row]))


def asked_position(norm_question: str) -> tuple[Operand, str, tuple[str, ...]] | None:
    """(units held, the product's code, the two price words) of a gain or loss question, else None."""
    question, code, words = _product_and_prices(norm_question)
    if not _ASKS_CHANGE.search(question):
        return None
    held = stated_units(normalize_for_index(norm_question))
    if held is None or code is None or len(words) != 2:
        return None
    return held, code, words


def states_price_of(text: str, code: str, words: list[str]) -> bool:
    """A passage holds a table row naming the product (a cell that is its code) under a header naming one of the
    price words."""
    header = None
    for line in normalize_for_index(text).lower().splitlines():
        if not line.lstrip().startswith("|"):
            header = None
            continue
        if header is None:
            header = line
        elif code in (cell.strip() for cell in row_cells(line)) and any(
                f in header for w in words for f in _column_forms(w)):
            return True
    return False


def position_change(inp: CompositionInput, candidates: list[Candidate]) -> tuple[Computation, list[Candidate]] | None:
    """Units held × (the price valued at − the price bought at), and the rows stating the two prices."""
    asked = asked_position(inp.norm_question)
    if asked is None:
        return None
    held, code, words = asked
    prices = [_column_price(w, code, candidates) for w in words]
    if any(p is None for p in prices):
        return None
    (bought, bought_row), (valued, valued_row) = prices
    change = held.value * (valued.value - bought.value)
    expression = f"{held.shown} × ({valued.shown} − {bought.shown})"
    if _ASKS_LOSS.search(_matched(inp.norm_question)) and change < 0:
        # 「亏了多少」 asks the size of the loss
        change, expression = -change, f"{held.shown} × ({bought.shown} − {valued.shown})"
    calc = Computation("formula", held, valued, change, "", (bought,), expression=expression)
    return calc, list(dict.fromkeys([bought_row, valued_row]))
