"""What an amount the asker invested would have grown to over the years they name, through the yearly returns (or
the year-end levels) a table of the sources states, computed here and shown with every input and its [n].

    "If I had put 10,000 into the index at the start of 2024 and held it to the end of 2025, what would it be
    worth?" + the rows 「2024 | 1,733.68 | +24.1」 「2025 | 1,933.05 | +11.5」 → 10,000 × (1 + 24.1%) × (1 + 11.5%)
    ≈ 13,837.15

A year counts from its start unless the asker says it starts at that year's end (「2023年底買入」), and up to its
end unless they say it ends at that year's start. Nothing is computed unless the question states exactly one
amount (of 100 or more: the 30 of "Corran Coast 30" is a name, not a sum), asks what it is worth, names a first and
a last year (or a first year and "since"), and one table has a row for every year: a return column (its header
says return, 回報, 報酬, 漲跌幅), else a level column with the year before the first. With no years named, the one
cumulative return a chosen clause states (「五年實現了約187%的累計收益」) is the holding's.
"""
from __future__ import annotations

import re
from decimal import Decimal

from assistant.arithmetic import GROWTH, Computation, Operand
from assistant.composers.base import CompositionInput
from assistant.composers.extractive_candidates import Candidate, tables_of
from assistant.figures.question_numbers import count_value
from assistant.number_tokens import numbers_in
from assistant.period_keys import Period
from assistant.sentences import CLAUSE
from assistant.tables import NUMERIC_CELL, cell_number, header_cells, named_columns, row_cells, year_rows
from knowledge_base.lexical_tokens import cantonese_to_mandarin
from knowledge_base.scripts import normalize_for_index

_ASKS_WORTH = re.compile(
    r"(worth|grow(n)? (in)?to|turn(ed)? into|end (up )?with|be left with|have now|how much would (i|it|that|my)"
    r"|变成|变为|变多少|变几多|滚存|滚到|值多少|值几多|会有多少|有多少钱|剩多少|累积到|涨到多少)", re.I)
_INVESTED = re.compile(r"invest|put|bought|buy|placed|投资|投入|投了|买入|买了|放了|放入|入市|本金|定投", re.I)
# a year, not a name's number (罗素2000指数): after a letter or character only where 年 follows
_YEAR = re.compile(r"(?<![\dA-Za-z\u4e00-\u9fff])((?:19|20)\d\d)(?!\d)|(?<!\d)((?:19|20)\d\d)(?=\s*年)")
_YEAR_END = re.compile(r"^\s*(年底|年末|年終|年终|底)|^\s*(year-end)|(end of|close of)\s*$", re.I)
_YEAR_START = re.compile(r"^\s*(年初|年头|初)|^\s*(year-start)|(start of|beginning of|begin(ning)? of)\s*$", re.I)
_SCALE_WORD = re.compile(r"\s*(亿|億|万|萬|兆|trillion|billion|million|thousand|bn|mn)", re.I)
_SINCE = re.compile(r"since|至今|以来|到现在|到而家|到今日|到今天", re.I)
_RETURN_COLUMN = re.compile(r"return|回报|报酬|涨跌|升跌|涨幅|变动|change", re.I)
_LEVEL_COLUMN = re.compile(r"clos|level|收盘|收市|点位|点数|指数", re.I)


def _said_beside(pattern: re.Pattern[str], question: str, year: re.Match[str]) -> bool:
    """「2023年底」 after the year, or "the end of 2023" before it."""
    return bool(pattern.search(question[year.end():year.end() + 4])
                or pattern.search(question[max(0, year.start() - 14):year.start()]))


def _years(question: str) -> tuple[int, int, bool] | None:
    """(first year counted, last year counted, up to the table's last year) from the question's years."""
    found = list(_YEAR.finditer(question))
    if not found:
        return None
    first = found[0]
    start = int(first.group(0))
    if _said_beside(_YEAR_END, question, first):
        start += 1  # bought at the end of 2023: 2024 is the first year held
    if len(found) == 1:
        return (start, start, True) if _SINCE.search(question[first.end():]) else None
    last = found[-1]
    end = int(last.group(0))
    if _said_beside(_YEAR_START, question, last):
        end -= 1  # sold at the start of 2026: 2025 is the last year held
    return (start, end, False) if start <= end else None


def _amount(question: str) -> Operand | None:
    """The one amount the asker states (not a year, not a percentage), in the form they write it."""
    # "Corran Coast 30": a name's number is no sum invested
    tokens = [t for t in numbers_in(question) if not t.percent and not (t.scale == 1 and 1800 <= t.value <= 2100)
              and t.scaled >= 100]
    if len(tokens) != 1:
        return None
    t = tokens[0]
    scale = _SCALE_WORD.match(question, t.end) if t.scale != 1 else None
    return Operand(t.value * t.scale, t.raw + (scale.group(0).strip() if scale else ""), False, 0)


def _column(header: str, pattern: re.Pattern[str], question: str) -> int | None:
    """The column the pattern names; where several do, the one whose name the question writes (price return)."""
    names = [normalize_for_index(n).lower() for n in header_cells(header)]
    matching = [i for i, n in enumerate(names) if i > 0 and pattern.search(n)]
    named = [i for i in matching if i in named_columns(header, question)] if len(matching) > 1 else []
    return (named or matching or [None])[0]


def _cell(c: Candidate, column: int) -> str | None:
    cells = row_cells(c.text)
    cell = cells[column].strip() if column < len(cells) else ""
    return cell if NUMERIC_CELL.match(cell) else None


def compound_growth(inp: CompositionInput, chosen: list[Candidate],
                    candidates: list[Candidate]) -> tuple[Computation, list[Candidate]] | None:
    """The asker's amount grown through the table's returns of the years they held it; the rows to quote."""
    question = cantonese_to_mandarin(normalize_for_index(inp.norm_question))
    if not chosen or not _ASKS_WORTH.search(question) or not _INVESTED.search(question):
        return None
    amount, years = _amount(question), _years(question)
    if amount is None:
        return None
    if years is None:
        return _through_annualised_return(amount, question, [*chosen, *candidates]) or \
            _through_cumulative_return(amount, chosen)
    for header, rows in tables_of([*chosen, *candidates]).items():
        by_year = year_rows(rows)
        if not by_year:
            continue
        first, last = years[0], (max(by_year) if years[2] else years[1])
        held = list(range(first, last + 1))
        column = _column(header, _RETURN_COLUMN, question)
        if column is not None and all(y in by_year and _cell(by_year[y], column) for y in held):
            cells = [(by_year[y], _cell(by_year[y], column)) for y in held]
            percent = "%" in header_cells(header)[column] or all(cell.endswith("%") for _, cell in cells)
            if not percent:
                continue
            operands = [Operand(cell_number(cell), cell if cell.endswith("%") else f"{cell}%", True, c.n)
                        for c, cell in cells]
            value = amount.value
            for o in operands:
                value *= 1 + o.value / 100
            expression = " × ".join([amount.shown, *(_growth_factor(o) for o in operands)])
            return _computation(amount, operands, value, expression), [c for c, _ in cells]
        column = _column(header, _LEVEL_COLUMN, question)
        ends = (first - 1, last)
        if column is not None and all(y in by_year and _cell(by_year[y], column) for y in ends):
            cells = [(by_year[y], _cell(by_year[y], column)) for y in ends]
            operands = [Operand(cell_number(cell), cell, False, c.n) for c, cell in cells]
            if operands[0].value <= 0:
                continue
            value = amount.value * operands[1].value / operands[0].value
            expression = f"{amount.shown} × {operands[1].shown} ÷ {operands[0].shown}"
            return _computation(amount, operands, value, expression), [c for c, _ in cells]
    return None


# 「按3年年化回报算」, "at its five-year annualised return", 「3年前投了」: the span held, in years
_SPAN = re.compile(r"(\d{1,2}|[一二三四五六七八九十两]{1,2})\s*(?:个)?\s*年\s*(?:前|的?年化|来|以来)"
                   r"|\b(\d{1,2}|two|three|four|five|ten)[- ]years?(?: ago|'s? annuali[sz]ed| annuali[sz]ed)\b", re.I)
_ANNUALISED = re.compile(r"年化|年率化|annuali[sz]ed|per annum|p\.a\.", re.I)
_BENCHMARK = re.compile(r"基准|基準|指数|指數|benchmark|index", re.I)


def _held_years(question: str) -> int | None:
    """The one span of years the question names for the holding (3年前 and 3年年化 agree), if it asks an
    annualised return."""
    if not _ANNUALISED.search(question):
        return None
    spans = {count_value(m.group(1) or m.group(2)) for m in _SPAN.finditer(question)}
    if len(spans) != 1:
        return None
    n = spans.pop()
    return n if n >= 1 else None


def _through_annualised_return(amount: Operand, question: str,
                               units: list[Candidate]) -> tuple[Computation, list[Candidate]] | None:
    """The asker's amount compounded over the years they held it at the annualised return a table states for that
    span: 10,000 × (1 + 14.07%)^3, from 「| Fund | … | 14.07% |」 under 「3 years (annualised)」 or a row 「近3年（年化）|
    14.07%」. The benchmark's row is not the fund's unless the question asks about the benchmark; nothing unless
    exactly one rate is found."""
    n = _held_years(question)
    if n is None:
        return None
    span = Period(f"{n}年", unit="年", trailing=n)
    found: dict[Decimal, tuple[Operand, Candidate]] = {}
    tables: set[str] = set()
    about_benchmark = _BENCHMARK.search(question) is not None
    for header, rows in tables_of(units).items():
        names = header_cells(header)
        columns = [i for i, name in enumerate(names) if i > 0 and span.stated_in(name) and _ANNUALISED.search(name)]
        for c in rows:
            cells = row_cells(c.text)
            label = cells[0] if cells else ""
            if columns:
                if _BENCHMARK.search(label) and not about_benchmark:
                    continue
                readings = [cells[i].strip() for i in columns if i < len(cells)]
            elif span.stated_in(label) and _ANNUALISED.search(label):
                readings = [cell.strip() for cell in cells[1:]]
            else:
                continue
            for cell in readings:
                if NUMERIC_CELL.match(cell) and cell.endswith("%"):
                    found.setdefault(cell_number(cell), (Operand(cell_number(cell), cell, True, c.n), c))
                    tables.add(header)
    if not found or len(tables) > 1:
        return None
    # one table's rows (「Fund (NAV)」 above 「Fund (market price)」): the first is the fund's own, as tables lead
    rate, stating = min(found.values(), key=lambda f: f[1].doc_start)
    value = amount.value * (1 + rate.value / 100) ** n
    return _computation(amount, [rate], value, f"{amount.shown} × {_growth_factor(rate)}^{n}"), [stating]


# 「在隨後五年實現了約187%的累計收益」, "a cumulative return of 45%": one clause, one percentage, a word of cumulative
_CUMULATIVE = re.compile(r"累计|累积|cumulative|total return", re.I)


def _through_cumulative_return(amount: Operand, chosen: list[Candidate]) -> tuple[Computation, list[Candidate]] | None:
    """The asker's amount through the one cumulative return the chosen sentences state (no years named: the
    sentence's span is the holding's), 10,000 × (1 + 187%)."""
    found = []
    for c in chosen:
        if c.kind == "table_row":
            continue
        for clause in CLAUSE.findall(normalize_for_index(c.text)):
            percents = [t for t in numbers_in(clause) if t.percent]
            if _CUMULATIVE.search(clause) and len(percents) == 1:
                found.append((c, percents[0]))
    if len(found) != 1:
        return None
    c, t = found[0]
    rate = Operand(t.value, f"{t.raw}%", True, c.n)
    value = amount.value * (1 + rate.value / 100)
    return _computation(amount, [rate], value, f"{amount.shown} × {_growth_factor(rate)}"), []


def _growth_factor(o: Operand) -> str:
    """(1 + 24.1%) for a gain, (1 − 15.9%) for a loss."""
    shown = o.shown.lstrip("+-\u2212")
    return f"(1 − {shown})" if o.value < 0 else f"(1 + {shown})"


def _computation(amount: Operand, operands: list[Operand], value: Decimal, expression: str) -> Computation:
    return Computation(GROWTH, amount, operands[0], value.quantize(Decimal("0.01")), "", tuple(operands[1:]),
                       expression=expression)
