"""A margin account's call, from the loan and the market value the asker states and the margin ratio (按倉比率,
loan-to-value) a source states for what they hold, computed here and shown with every input and its [n]:

- what to deposit to meet a call: loan − value × ratio
  「市值50萬，借咗32萬，如果股價跌到市值得返42萬，要補幾多錢」 + 「恒生指數成份股 | 70%」 → 32萬 − 42萬 × 70% ≈ 26,000;
- how far the value may fall before the call: 1 − loan ÷ (value × ratio)
  "HK$600,000 worth of stock … owe HK$350,000 … how far can the price fall" + 70% → 16.67%.

The borrowing limit is the value times the ratio; a call comes when the loan is above it. Nothing is computed
unless the question states exactly one loan and one value (the later one, where it states a fall to a value), and
the sources one ratio for the thing it names.
"""
from __future__ import annotations

import re
from decimal import Decimal

from assistant.arithmetic import Computation, Operand
from assistant.composers.asked_quantities import shown_with_scale
from assistant.composers.base import CompositionInput
from assistant.composers.extractive_candidates import Candidate, tables_of
from assistant.number_tokens import numbers_in
from assistant.tables import NUMERIC_CELL, cell_number, header_cells, holds_code, label_overlap, row_cells
from knowledge_base.lexical_tokens import cantonese_to_mandarin, expand_query
from knowledge_base.scripts import normalize_for_index

_MARGIN = re.compile(r"孖展|保证金|融资|margin", re.I)
_ASKS_DEPOSIT = re.compile(r"补(多少|几多|回多少)|(多少|几多)[^,，。?？]{0,8}补|存入多少|\bhow much\b[^?]{0,40}"
                           r"\b(top up|deposit|put in|add)\b|\b(top up|deposit)\b[^?]{0,30}\bhow much\b", re.I)
_ASKS_FALL = re.compile(r"跌(多少|几多)|跌[^,，。?？]{0,6}(百分之几|几多%|多少%)|how (far|much) can [^?]{0,40}\b(fall|drop)\b"
                        r"|\bby how much can [^?]{0,40}\b(fall|drop)\b", re.I)
# 「借咗32萬」, "owe Wuiching HK$350,000": the lender's name may stand between
_LOAN = re.compile(r"(借了|借咗|借|贷款|欠|\bowe|\bborrowed|\ba loan of|\bmargin loan of)[^\d,，。;；]{0,18}$", re.I)
_FELL_TO = re.compile(r"(跌到|跌至|跌剩|得返|剩下|剩|falls? to|drops? to|down to)\s*(?:市值)?\s*(?:hk\$|us\$|\$)?\s*$", re.I)
_VALUE = re.compile(r"(市值|价值|market value of|worth)\s*(?:hk\$|us\$|\$)?\s*$|^\s*(worth|市值)", re.I)
_RATIO_COLUMN = re.compile(r"按仓比率|借贷比率|孖展比率|融资比率|margin ratio|loan[- ]to[- ]value|ltv|lending ratio", re.I)


def _amounts(question: str) -> tuple[Operand, Operand] | None:
    """(loan, value): the amounts the question states after a borrowing word, and after a fall to a value (else
    after a value word)."""
    loans, falls, values = [], [], []
    for t in numbers_in(question):
        if t.percent or t.scaled < 1000:
            continue
        before = question[max(0, t.start - 24):t.start]
        operand = Operand(t.value * t.scale, shown_with_scale(question, t), False, 0)
        if _LOAN.search(before):
            loans.append(operand)
        elif _FELL_TO.search(before):
            falls.append(operand)
        elif _VALUE.search(before) or _VALUE.search(question[t.end:t.end + 12]):
            values.append(operand)
    value = falls[-1:] or values
    if len(loans) != 1 or len(value) != 1:
        return None
    return loans[0], value[0]


def _ratio(question: str, units: list[Candidate]) -> tuple[Operand, Candidate] | None:
    """The one margin ratio the sources state for what the question holds: of a ratio table (「證券類別 | 最高按倉比率」),
    the row the question names best."""
    asked = expand_query(question)
    codes = re.findall(r"(?<![\d.,$])\d{4,6}(?![\d,.%])", question)
    found: list[tuple[int, Operand, Candidate]] = []
    for header, rows in tables_of(units).items():
        columns = [i for i, name in enumerate(header_cells(header))
                   if i > 0 and _RATIO_COLUMN.search(normalize_for_index(name).lower())]
        if len(columns) != 1:
            continue
        for c in rows:
            cells = row_cells(c.text)
            cell = cells[columns[0]].strip() if columns[0] < len(cells) else ""
            if NUMERIC_CELL.match(cell) and cell.endswith("%"):
                coded = any(holds_code(code, c.text) for code in codes)  # 「| 恒澤銀行 | 0887 | 70% |」 for "stock 0887"
                found.append((label_overlap(c.text, asked) + 10 * coded, Operand(cell_number(cell), cell, True, c.n), c))
    best = max((score for score, _, _ in found), default=0)
    named = {o.value: (o, c) for score, o, c in found if score == best}
    return next(iter(named.values())) if best > 0 and len(named) == 1 else None


def margin_call(inp: CompositionInput, chosen: list[Candidate],
                candidates: list[Candidate]) -> tuple[Computation, list[Candidate]] | None:
    """The deposit a margin call asks, or the fall before one; with the unit stating the ratio."""
    question = cantonese_to_mandarin(normalize_for_index(inp.norm_question).lower())
    deposit, fall = _ASKS_DEPOSIT.search(question), _ASKS_FALL.search(question)
    if not chosen or not _MARGIN.search(question) or not (deposit or fall):
        return None
    amounts = _amounts(question)
    found = _ratio(question, [*chosen, *candidates]) if amounts else None
    if found is None:
        return None
    (loan, value), (ratio, stating) = amounts, found
    limit = value.value * ratio.value / 100
    if deposit:
        result = max(loan.value - limit, Decimal(0))
        calc = Computation("formula", loan, value, result, "", (ratio,),
                           expression=f"{loan.shown} − {value.shown} × {ratio.shown}")
    else:
        if limit <= 0:
            return None
        result = max((1 - loan.value / limit) * 100, Decimal(0))
        calc = Computation("formula", loan, value, result, "%", (ratio,),
                           expression=f"1 − {loan.shown} ÷ ({value.shown} × {ratio.shown})")
    return calc, [stating] if stating not in chosen else []
