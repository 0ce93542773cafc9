"""A ratio the question names (an EBIT margin, a payout ratio) that one table of the sources states the terms of
but not the ratio: numerator ÷ denominator, read from two columns of the row the question names (「Facility
Services | Revenue 1H2026: 82.5 | EBIT 1H2026: 6.9」 → 6.9 ÷ 82.5 ≈ 8.36%) or from two rows in the column of the
period asked, and shown with both inputs. Definitions: `assistant/ratio_definitions.py`.

Nothing is computed where the table states the ratio itself (a 「Gross margin (%)」 row is quoted, not redone),
where the question names no row of a segment table, or where the period asked has no column.
"""
from __future__ import annotations

import re

from assistant.arithmetic import Computation, Operand
from assistant.composers.base import CompositionInput
from assistant.composers.extractive_candidates import Candidate, tables_of
from assistant.period_keys import question_periods
from assistant.ratio_definitions import RatioDefinition, asked_ratio, label_form
from assistant.tables import cell_number, header_cells, label_overlap, row_cells

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _number(cell: str) -> Operand | None:
    try:
        return Operand(cell_number(cell), cell.strip(), cell.strip().endswith("%"), 0)
    except (ArithmeticError, ValueError):
        return None


def _period_column(names: list[str], columns: list[int], question: str) -> int | None:
    """Of the columns, the one stating the period the question names; with no period named, the latest year's
    (a change column beside them is none), or the only one."""
    periods = question_periods(question)
    if periods:
        stating = [i for i in columns if all(p.stated_in(label_form(names[i])) for p in periods)]
        return stating[0] if len(stating) == 1 else None
    years = {i: max(int(y) for y in found) for i in columns if (found := _YEAR.findall(names[i]))}
    if not years:
        return columns[0] if len(columns) == 1 else None
    # a change column beside the years' is no period
    return max(years, key=years.get) if list(years.values()).count(max(years.values())) == 1 else None


def _rest(label: str, pattern: re.Pattern[str]) -> str:
    """A column's name without its measure: its period (「EBIT 1H2026」 → 1h2026)."""
    return re.sub(r"[\s()（）:：,，|]+", "", pattern.sub("", label_form(label), count=1))


def _from_columns(definition: RatioDefinition, header: str, rows: list[Candidate], question: str
                  ) -> tuple[Operand, Operand, Candidate] | None:
    names = header_cells(header)
    labels = [label_form(n) for n in names]
    if any(definition.name.search(label) for label in labels):
        return None  # the table states the ratio itself
    numerators = [i for i, label in enumerate(labels) if i and definition.numerator.search(label)]
    pairs = {_rest(names[i], definition.numerator): i for i in numerators}
    matched = {i: j for j, label in enumerate(labels) if j and definition.denominator.search(label)
               and (i := pairs.get(_rest(names[j], definition.denominator))) is not None and i != j}
    column = _period_column(names, list(matched), question) if matched else None
    if column is None:
        return None
    overlaps = [(label_overlap(c.text, question), c) for c in rows]
    best = max((o for o, _ in overlaps), default=0)
    named = [c for o, c in overlaps if o == best]
    if best == 0 or len(named) != 1:
        return None
    cells = row_cells(named[0].text)
    if max(column, matched[column]) >= len(cells):
        return None
    part, whole = _number(cells[column]), _number(cells[matched[column]])
    return (part, whole, named[0]) if part and whole else None


def _only_row(pattern: re.Pattern[str], rows: list[Candidate], labels: dict[int, str]) -> Candidate | None:
    """The row whose label is most nearly only the measure (「Revenue」 beside 「Revenue growth (%)」); None where
    none names it or two are as near."""
    rest = sorted((len(pattern.sub("", labels[id(c)]).strip()), i) for i, c in enumerate(rows)
                  if pattern.search(labels[id(c)]))
    if not rest or len(rest) > 1 and rest[0][0] == rest[1][0]:
        return None
    return rows[rest[0][1]]


def _from_rows(definition: RatioDefinition, header: str, rows: list[Candidate], question: str
               ) -> tuple[Operand, Operand, Candidate, Candidate] | None:
    cells = {id(c): row_cells(c.text) for c in rows}
    labels = {id(c): label_form(cells[id(c)][0]) if cells[id(c)] else "" for c in rows}
    if any(definition.name.search(label) for label in labels.values()):
        return None
    numerator, denominator = (_only_row(p, rows, labels) for p in (definition.numerator, definition.denominator))
    if numerator is None or denominator is None or numerator is denominator:
        return None
    names = header_cells(header)
    numeric = [i for i in range(1, len(names)) if all(
        i < len(cells[id(c)]) and _number(cells[id(c)][i]) for c in (numerator, denominator))]
    column = _period_column(names, numeric, question) if numeric else None
    if column is None:
        return None
    part, whole = _number(cells[id(numerator)][column]), _number(cells[id(denominator)][column])
    return (part, whole, numerator, denominator) if part and whole else None


def defined_ratio(inp: CompositionInput, chosen: list[Candidate], candidates: list[Candidate]
                  ) -> tuple[Computation, list[Candidate]] | None:
    definition = asked_ratio(inp.norm_question)
    if definition is None:
        return None
    if any(definition.name.search(label_form(f"{c.header} {c.text}")) for c in candidates):
        return None  # a source states the ratio ("a payout ratio of approximately 48%"): quoted, not redone
    question = label_form(inp.norm_question)
    found: list[tuple[Operand, Operand, list[Candidate]]] = []
    for header, rows in tables_of(candidates).items():
        by_text = list({c.text.strip(): c for c in rows}.values())  # overlapping chunks repeat rows
        columns = _from_columns(definition, header, by_text, question)
        if columns is not None:
            found.append((columns[0], columns[1], [columns[2]]))
            continue
        in_rows = _from_rows(definition, header, by_text, question)
        if in_rows is not None:
            found.append((in_rows[0], in_rows[1], list(in_rows[2:])))
    if len(found) != 1:
        return None
    part, whole, stating = found[0]
    n = stating[0].n
    part, whole = Operand(part.value, part.shown, False, n), Operand(whole.value, whole.shown, False, stating[-1].n)
    if whole.value <= 0:
        return None
    return (Computation("proportion", part, whole, part.value / whole.value * 100, "%"),
            [c for c in stating if c not in chosen])
