"""A formula a source states, worked out with the asker's figures: 「融資利息按日計息：融資金額 × 融資年利率 ×
實際借款天數 ÷ 365」 asked "how much interest on NT$600,000 held for 73 days?" is 600,000 × 6.12% × 73 ÷ 365,
the rate read from the row the sources name it by (「融資年利率 | 6.45% | 6.12%」, the adjusted column unless the
question asks the earlier one).

Only a product or quotient of named quantities and numbers (no brackets, no sums). A quantity is bound to the
asker's sum of money when it is an amount, to the asker's days when it counts days, to a figure the question
states right after its name, else to the one figure a table row or sentence of the same source states for
that name. Nothing is computed unless the question asks for the formula's result and states at least one of
its inputs, and every input is bound.
"""
from __future__ import annotations

import re
from decimal import Decimal

from assistant.arithmetic import Computation, Operand
from assistant.composers.base import CompositionInput
from assistant.composers.extractive_arithmetic import asked_amount
from assistant.composers.amount_tiers import holds
from assistant.composers.asked_quantities import stated_units
from assistant.composers.extractive_candidates import Candidate
from assistant.evidence import generic_words
from assistant.number_tokens import numbers_in
from assistant.tables import cell_number, header_cells, label_cell, row_cells
from knowledge_base.lexical_tokens import cantonese_to_mandarin, expand_query, tokenize
from knowledge_base.scripts import normalize_for_index

_CJK = re.compile(r"[\u4e00-\u9fff]")
_OPERATOR = r"\s*([×x*÷/])\s*"
_OPERATOR_CHAR = re.compile(r"[×*÷/]")
_TERM = r"([\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z ]{0,19}?|\d[\d,]*(?:\.\d+)?%?)"
# result name, then ：/ = / 为, then term (op term)+ up to the end of the clause
_FORMULA = re.compile(r"([\u4e00-\u9fffA-Za-z ]{2,24})\s*(?:[（(][^（()）]{1,12}[）)])?\s*(?:[:：=＝]|计算公式为|公式为)\s*" + _TERM
                      + r"((?:" + _OPERATOR + _TERM + r")+)\s*(?=[，,。；;）)]|$)")
_ASKS_HOW_MUCH = re.compile(r"多少|几多|\bhow much\b|\bwhat (would|will) .{0,30}\b(be|cost|pay)\b", re.I)
_FIGURE_CELL = re.compile(r"[約约~≈]?[+\-]?\d[\d,]*(\.\d+)?%?")  # a cell that is one figure
_PER_DAY = re.compile(r"每日|每天|日均|\bdaily\b|\bper day\b", re.I)
_DAYS_TERM = re.compile(r"天数|日数|\bdays\b", re.I)
AMOUNT_TERM = re.compile(r"金额|价金|本金|价款|市值|\bamount\b|\bprincipal\b|\bmarket value\b", re.I)
# (not a date's day: 「2040年5月7日」 is a day of May, no count of days)
_ASKER_DAYS = re.compile(r"(?<![月/\-.\d])(\d[\d,]*)\s*(?:天|日|个?自然日|days?\b)", re.I)
_CLAUSE_END = re.compile(r"[,，。;；?？]")
# a quantity that is a rate: bound to a figure of the asker's only where it is a percentage
RATE_TERM = re.compile(r"费率|利率|\brate\b", re.I)
_EARLIER = re.compile(r"调整前|原来|原先|以前|之前|旧|\b(old|previous|before|earlier|former)\b", re.I)


def _terms(expression: str) -> tuple[list[str], list[str]] | None:
    parts = re.split(_OPERATOR, expression.strip())
    terms, ops = [p.strip() for p in parts[0::2]], ["÷" if o in "÷/" else "×" for o in parts[1::2]]
    if any(not re.fullmatch(_TERM, t) for t in terms):
        return None
    return terms, ops


def formulas_in(text: str) -> list[tuple[str, list[str], list[str]]]:
    """(result name, terms, operators) of the formulas a sentence states, on its t2s-normalized text."""
    out = []
    for m in _FORMULA.finditer(normalize_for_index(text)):
        parsed = _terms(m.group(2) + m.group(3))
        if parsed and len(parsed[0]) >= 2 and any(not t[0].isdigit() for t in parsed[0]):
            out.append((m.group(1).strip(), *parsed))
    return out


def _asker_days(question: str) -> Operand | None:
    found = [m for m in _ASKER_DAYS.finditer(question)]
    if len(found) != 1:
        return None
    return Operand(Decimal(found[0].group(1).replace(",", "")), found[0].group(0).strip(), False, 0)


def stated_after_name(term: str, question: str, gap: int = 2) -> Operand | None:
    """A figure the question gives right after the quantity's name (「以年利率6%计」), at most `gap` characters
    after it and in the same clause (「招股价上限HK$38.5」 with a gap of 6)."""
    at = question.find(term)
    if at < 0:
        return None
    after = question[at + len(term):at + len(term) + gap + 8]
    figures = numbers_in(after)
    if not figures or figures[0].start > gap or _CLAUSE_END.search(after[:figures[0].start]):
        return None
    t = figures[0]
    return Operand(t.value, t.raw + ("%" if t.percent else ""), t.percent, 0)


_LOT_TERM = re.compile(r"每手")
_ASKER_LOT = re.compile(r"(?:一|每)手\s*(\d[\d,]*)\s*(?:股|份|个|個|units?|shares?)", re.I)
_GAP = 6  # 「招股价上限HK$38.5」: words and a currency between a part of a name and its figure


def stated_after_part(term: str, question: str, heads_only: bool = False) -> Operand | None:
    """A figure the question states for a quantity it names in other words: its board lot (「一手200股」 for 每手股数),
    or a figure right after the longest part of the name it writes (「招股价上限HK$38.5」 for 最高招股价). `heads_only`:
    only the word the name ends in, the thing it names (「当日净值1.0163」 for T日基金份额净值), not one it begins with
    (「申購了4個基數」 is no 申購單位數). A rate takes only a percentage: 「申购了9,600元」 states the amount after 申购,
    not the 申购费率."""
    if not heads_only and _LOT_TERM.search(term):
        m = _ASKER_LOT.search(question)
        return Operand(Decimal(m.group(1).replace(",", "")), m.group(1), False, 0) if m else None
    for size in range(len(term) - 1, 1, -1):
        for start in ([len(term) - size] if heads_only else range(len(term) - size + 1)):
            part = term[start:start + size]
            if not _CJK_NAME.fullmatch(part) or part in generic_words() or part not in question:
                continue
            found = stated_after_name(part, question, gap=_GAP)
            if found is not None:
                return found if found.percent or not RATE_TERM.search(term) else None
    return None


_CJK_NAME = re.compile(r"[\u4e00-\u9fff]{2,}")


def stated_in_sources(term: str, units: list[Candidate], question: str,
                       amount: Decimal | None = None) -> tuple[Operand, Candidate] | None:
    """The one figure the source states for a quantity: the row it labels (the adjusted column of a before/after
    table unless the question asks the earlier one), or a sentence naming it with one figure after it."""
    named = _stated_in_named_row(term, units, question, amount)
    if len(named) == 1:
        return next(iter(named.values()))  # the row the asker names (「銀卡」) before any figure stated in passing
    found: dict[Decimal, tuple[Operand, Candidate]] = {}
    for c in units:
        if c.kind == "table_row" and c.header:
            cells = row_cells(c.text)
            if not cells or normalize_for_index(cells[0]).strip().lower() != term:
                continue
            figures = [(i, cell.strip()) for i, cell in enumerate(cells[1:], start=1) if _FIGURE_CELL.fullmatch(cell.strip())]
            if not figures:
                continue
            names = header_cells(c.header)
            pick = figures[-1]
            if len(figures) == 2 and _EARLIER.search(question):
                pick = figures[0]
            elif len(figures) > 2:
                asked = [f for f in figures if f[0] < len(names) and normalize_for_index(names[f[0]]).lower() in question]
                if len(asked) != 1:
                    continue
                pick = asked[0]
            operand = _cell_operand(pick[1], c.n)
            found.setdefault(operand.value, (operand, c))
            continue
        if c.kind == "table_row" and c.header:
            continue
        if formulas_in(c.text):
            continue  # the formula's own sentence names every quantity and states none
        norm = normalize_for_index(c.text).lower()
        for m in re.finditer(re.escape(term) + r"(?:为|是|:|：|约|約)?\s*", norm):
            figures = numbers_in(norm[m.end():m.end() + 12])
            if figures and figures[0].start == 0:
                t = figures[0]
                found.setdefault(t.value, (Operand(t.value, t.raw + ("%" if t.percent else ""), t.percent, c.n), c))
    if not found:
        found = _stated_in_named_row(term, units, question, amount)
    return next(iter(found.values())) if len(found) == 1 else None


def _stated_in_named_row(term: str, units: list[Candidate], question: str,
                         amount: Decimal | None = None) -> dict[Decimal, tuple[Operand, Candidate]]:
    """A quantity a table's column is named for (「按倉比率」 of 「證券 | 股份代號 | 按倉比率」), read in the row whose
    label the question names (「麗港地產」), or whose label is the tier of sums holding the asker's `amount`
    (「HK$500,001至HK$2,000,000」 for 80万)."""
    found: dict[Decimal, tuple[Operand, Candidate]] = {}
    rows = [c for c in units if c.kind == "table_row" and c.header and label_cell(c.text) is not None and
            term in [normalize_for_index(n).strip().lower() for n in header_cells(c.header)]]
    labels = [normalize_for_index(label_cell(c.text) or "").lower() for c in rows]
    for c, label in zip(rows, labels):
        names = [normalize_for_index(n).strip().lower() for n in header_cells(c.header)]
        cells = row_cells(c.text)
        if label not in question and not _names_part(label, labels, question) and \
                not (amount is not None and holds(label, amount)):
            continue
        at = names.index(term)
        cell = cells[at].strip() if at < len(cells) else ""
        if _FIGURE_CELL.fullmatch(cell):
            operand = _cell_operand(cell, c.n)
            found.setdefault(operand.value, (operand, c))
    return found


def _names_part(label: str, labels: list[str], question: str) -> bool:
    """The question names the row by a word of its label that no other row's label writes (「銀卡等級」 for the row
    「銀卡客戶」 among 「標準客戶」, 「金卡客戶」)."""
    return any(len(word) >= 2 and word not in generic_words() and word in question
               and sum(word in other for other in labels) == 1 for word in tokenize(label))


def _cell_operand(cell: str, n: int) -> Operand:
    """A figure cell (「約6.38%」) as an operand of context `n`, shown as written."""
    return Operand(cell_number(cell.lstrip("約约~≈")), cell, cell.endswith("%"), n)


def _render(terms: list[Operand], ops: list[str]) -> str:
    parts = [terms[0].shown]
    for op, term in zip(ops, terms[1:]):
        parts += [op, term.shown]
    return " ".join(parts)


def formula_result(inp: CompositionInput, chosen: list[Candidate],
                   candidates: list[Candidate]) -> tuple[Computation, list[Candidate]] | None:
    """The stated formula worked out with the asker's figures, and the units to quote (the formula's, the
    figures'); None unless every input is bound and the question asks for the result."""
    written = normalize_for_index(inp.norm_question)  # the asker's figures are shown as written (NT$)
    question = cantonese_to_mandarin(written.lower())
    if not chosen or not _ASKS_HOW_MUCH.search(question):
        return None
    asked = set(tokenize(expand_query(question))) | _counts_asked(question)
    asker = _trade_value(written) or asked_amount(written)
    # the chosen units' documents: a FAQ states the formula in one answer and the rates in another
    doc_of = {n: h.chunk.doc_id for n, h in enumerate(inp.contexts, 1)}
    docs = {doc_of.get(c.n) for c in chosen}
    pool = chosen + [c for c in candidates if doc_of.get(c.n) in docs and c not in chosen]
    for unit in pool:
        if unit.kind == "table_row" or not _OPERATOR_CHAR.search(unit.text):
            continue  # no operator, no formula: skip the script conversion
        for name, terms, ops in formulas_in(unit.text):
            if not set(tokenize(name)) & asked and not any(
                    _CJK.match(t) and t not in generic_words() and t in name for t in asked):
                continue  # the question does not ask for what this formula gives (借 asks 可借金额)
            result = _bind(terms, question, written, pool, unit.n, asker)
            if result is None:
                continue
            operands, stating = result
            if not any(o.n == 0 for o in operands):
                continue  # the asker states none of its inputs: the source's own figure answers
            value = operands[0].value / (100 if operands[0].percent else 1)
            for op, o in zip(ops, operands[1:]):
                v = o.value / (100 if o.percent else 1)
                if op == "÷" and v == 0:
                    return None
                value = value / v if op == "÷" else value * v
            expression = _render(operands, ops)
            days = _asker_days(written) if _PER_DAY.match(name) and not any(_DAYS_TERM.search(t) for t in terms) else None
            if days is not None:
                # 「每日利息 ＝ 借款金額 × 年利率 ÷ 365」 asked for 30 days: a day's figure times the asker's days
                operands, value, expression = [*operands, days], value * days.value, f"{expression} × {days.shown}"
            calc = Computation("formula", operands[0], operands[1], value, "", tuple(operands[2:]),
                               expression=expression)
            quoted = [u for u in dict.fromkeys([unit, *stating]) if u not in chosen]
            return calc, quoted
    return None


# 「会有几多份」 asks the 份额 a formula gives, 「能买多少股」 its 股数
_COUNT_ASKED = re.compile(r"(?:多少|几多)\s*(份|股|手|张|单位)")
_COUNTED = {"份": "份额", "股": "股数", "手": "手数", "张": "张数", "单位": "单位数"}


def _counts_asked(question: str) -> set[str]:
    return {_COUNTED[m.group(1)] for m in _COUNT_ASKED.finditer(question)}


def _trade_value(written: str) -> Operand | None:
    """「放空1万股、成交价12.5元」: the units the asker states times the one price they state, the amount a formula's
    成交金额 is; None unless both are stated."""
    units, price = stated_units(written), asked_amount(written)
    if units is None or price is None or price.value >= units.value:
        return None
    return Operand(units.value * price.value, f"{units.shown} × {price.shown}", False, 0)


def _bind(terms: list[str], question: str, written: str, pool: list[Candidate],
          formula_n: int, asker: Operand | None) -> tuple[list[Operand], list[Candidate]] | None:
    """Each term's operand: the formula's constant, a figure the question states, the asker's days or sum of money
    (`asker`), else the one figure the sources state for it."""
    operands: list[Operand] = []
    stating: list[Candidate] = []
    for term in terms:
        if term[0].isdigit():
            operands.append(Operand(cell_number(term), term, term.endswith("%"), formula_n))  # the formula's own constant
            continue
        bound = stated_after_name(term, question)
        if bound is None and _DAYS_TERM.search(term):
            bound = _asker_days(written)
        if bound is None and AMOUNT_TERM.search(term):
            bound = asker
        if bound is None:
            bound = stated_after_part(term, question, heads_only=True)  # 「当日净值1.0163」 for T日基金份额净值
        if bound is None:
            found = stated_in_sources(term, pool, question, asker.value if asker is not None else None)
            if found is None:
                return None
            bound, unit = found
            stating.append(unit)
        elif any(o.n == 0 and o.shown == bound.shown for o, t in zip(operands, terms) if not t[0].isdigit()):
            return None  # one figure the asker states is one quantity: bound to a second, the question is misread
        operands.append(bound)
    return operands, stating
