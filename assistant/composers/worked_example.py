"""A worked example the sources give, worked again with the asker's figures.

Brokers' pages show a rule on an example: 「林小姐…投資00969新臺幣5,000元…當日收盤價21.40元：可買股數：5,000 ÷
（21.40 × 1.000399）＝233.55，捨去後為233股；成交價金：233 × 21.40＝4,986.20，四捨五入為4,986元；…」. Asked 「每次3万台币，
收盘612元，能买几股？实际扣多少？」, the answer is that example with the asker's 30,000 and 612 in place of its 5,000 and
21.40: each step (composers/example_reading.py) worked again in order, a later step taking an earlier step's new
result, rounded as the example rounds it and never under a minimum it states.

Each figure the asker states (money, shares, a rate, a product's term or a count of days; not a date or a code)
takes the place of the example's given of the same kind whose words before it are most alike, else the nearest in
size. Nothing is worked unless:
- every such figure of the asker takes one given's place and enters a step, and one differs from the example's;
- the asker states board lots only where the example states what its lots come to (「5張（5,000股）」): a lot's
  size is the security's;
- the asker does not sell where the example buys, or buy where it sells;
- where the asker names another security by code than the example's, every figure of the example's own (its price)
  is the asker's or the one the sources list for that security in a column named alike (「收盤價」);
- a question asking a ratio (股息率) is answered only by an example that works that ratio; one asking another measure
  (證交稅) by an example working it where one does;
- no count of days the example derives from its own dates stays in place when the asker states dates: it is counted
  again between the asker's two days, as the example counts (composers/day_counts.py), or nothing is worked;
- one figure of the asker's alone does not scale an example whose other rates, prices or days stay its own.
A rate the example applies only above a floor (「息率係2.41%，低過3.85%，該期按3.85%計」) takes the asker's rate where it
is above the floor, else the floor.
"""
from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from assistant.answer_types import asks_how_much
from assistant.arithmetic import Operand
from assistant.bigram_overlap import bigrams
from assistant.composers.amount_tiers import holds, tier_bounds
from assistant.composers.base import CompositionInput
from assistant.composers.day_counts import askers_day_count, stated_days
from assistant.currencies import currency_of
from assistant.composers.example_reading import (
    FIGURE, Example, Step, figure_kind, formatted, is_code, lots_for, money_period, places_of, read_examples, rounded,
    words_before, work,
)
from assistant.evidence import content_terms, focus_term, topic_nouns
from assistant.figures.question_numbers import names_a_code
from assistant.language import QueryLanguage, to_asker_script
from assistant.messages import say
from assistant.number_tokens import NumberToken, numbers_in
from assistant.security_table_hits import codes_in, lists_securities
from assistant.sentences import split_sentences
from assistant.tables import NUMERIC_CELL, cell_number, header_cells, row_cells
from knowledge_base.lexical_tokens import english_for, expand_query
from knowledge_base.records import SearchHit
from knowledge_base.scripts import normalize_for_index
from market_data.models import Figure

MAX_PLACED = 4  # an asker's figures of one kind paired with an example's
MAX_PAIRINGS = 500  # every pairing is weighed up to this many; beyond, each figure takes its best in turn
_SCALE_AFTER = re.compile(r"\s?(k|千)(?![a-z])", re.I)
_MOVABLE = ("money", "shares", "percent", "term", "days")
_FORMULA_CONSTANT = re.compile(r"[\u4e00-\u9fffa-z]\s*[×x*÷]\s*(?:hk\$|us\$|nt\$|rmb|\$|¥|￥)?$")
_BETWEEN_CHUNKS = 2  # characters between two chunks that meet: a line break
_BIGRAM = re.compile(r"(?=([\u4e00-\u9fff]{2}))|\b([a-z]{3,})\b")


@dataclass(frozen=True)
class WorkedExample:
    text: str  # the lead: each step worked again, with [n]
    figures: list[Figure]
    n: int
    # Several steps, the last working on an earlier result (a net amount, a total to pay, a lender's share), the
    # example's own rates all in place: what the rule readers, which work one stated rate or formula, do not give.
    procedure: bool = False


@dataclass(frozen=True)
class _Asked:
    value: Decimal
    digits: str  # as the answer shows it: 「3万」 is 30,000
    kind: str
    before: str
    per: str | None = None  # money paid or received per month or per year
    currency: str | None = None  # the currency it is written in, where one is
    n: int = 0  # 0: the asker states it; else the context listing it for the security the asker names


# --- the asker's figures in the example's place -------------------------------------------------------------


@dataclass(frozen=True)
class _Question:
    figures: list[_Asked]
    dated: bool  # states a day or month
    codes: set[str]  # securities it names by code
    actions: set[str]  # buy | sell
    lots: bool  # states board lots: a lot's size is the security's, so only an example stating it takes them
    days: tuple[date, ...] = ()  # the days it states, in order


_ACTIONS = {
    "buy": re.compile(r"买入|買入|买进|買進|购买|購買|认购|認購|申购|申購|揸入|\bbuy|\bbought|\bpurchas", re.I),
    "sell": re.compile(r"卖出|賣出|沽|出售|赎回|贖回|\bsell|\bsold|\bredeem", re.I),
}


def trade_actions(text: str) -> set[str]:
    return {action for action, pattern in _ACTIONS.items() if pattern.search(text)}


def _asked(question: str) -> _Question:
    """The figures the asker states that can take a given's place, the dates and the codes it writes."""
    out, dated, codes, lots = [], False, set(), False
    for t in numbers_in(question, skip_names=False):
        kind = figure_kind(question, t)
        if kind == "date":
            dated = dated or not 1900 <= t.value <= 2100
            continue
        if kind == "lots":
            lots = True  # taken only by an example that states what its lots come to
        if kind == "plain" or names_a_code(question, t):
            if not t.decimals and is_code(t.raw):
                codes.add(t.raw)
            continue
        thousands = t.scale == 1 and _SCALE_AFTER.match(question, t.end) is not None  # 200k
        value = t.value * (1000 if thousands else t.scale)
        if any(a.value == value and a.kind == kind for a in out):
            continue  # "buy 23 lots … if all 23 lots fill": the same figure, named again
        digits = f"{t.raw}%" if t.percent else formatted(value, t.decimals if t.scale == 1 and not thousands else 0)
        money = kind == "money"
        out.append(_Asked(value, digits, kind, words_before(question, t.start),
                          money_period(question, t) if money else None,
                          currency_of(question, t.start, t.end) if money else None))
    return _Question(out, dated, codes, trade_actions(question), lots, tuple(stated_days(question)))


def _alike(a: str, b: str) -> int:
    words = lambda s: {x or y for x, y in _BIGRAM.findall(s)}  # noqa: E731
    return len(words(a) & words(b))


def _placed(example: Example, asked: list[_Asked]) -> dict[int, _Asked] | None:
    """Which given each of the asker's figures replaces: of its kind, the most alike words before it, then the
    nearest in size; None where a kind has more of the asker's figures than the example's givens."""
    placed: dict[int, _Asked] = {}
    # a rate the asker states that the example's steps already work with (「如果利率還是2.04%」 beside
    # 「150,000×2.04%÷12」) changes nothing and replaces nothing
    worked_with = {(o.value, o.percent) for step in example.steps for kind, _, o in step.leaves if kind == "constant"}
    asked = [a for a in asked if not (a.kind == "percent" and (a.value, True) in worked_with)]
    for kind in {a.kind for a in asked}:
        mine = [a for a in asked if a.kind == kind]
        theirs = [i for i, g in enumerate(example.givens) if g.kind == kind and g.follows is None and g.tier_of is None]
        if kind == "lots":  # lots only where the example states what they come to (「5張（5,000股）」)
            theirs = [i for i in theirs if any(g.follows and g.follows[0] == i for g in example.givens)]
        elif not theirs:  # 「10手（面值HK$100,000）」 and the asker's HK$230,000: the amount itself
            theirs = [i for i, g in enumerate(example.givens) if g.kind == kind]
        if len(mine) > len(theirs) or len(mine) > MAX_PLACED:
            return None  # more figures of a kind than the example has, or than it is safe to pair

        def fit_one(a: _Asked, i: int) -> tuple[int, float]:
            given = example.givens[i]
            apart = abs(math.log(float(a.value) / float(given.value))) if a.value > 0 and given.value > 0 else 99
            return _alike(a.before, given.before), -apart

        def fit(order: tuple[int, ...]) -> tuple[int, float]:
            fits = [fit_one(a, i) for a, i in zip(mine, order)]
            return sum(f[0] for f in fits), sum(f[1] for f in fits)

        if math.perm(len(theirs), len(mine)) <= MAX_PAIRINGS:
            best = max(itertools.permutations(theirs, len(mine)), key=fit)
        else:  # a long premise: each figure takes its own best given in turn
            best, free = [], list(theirs)
            for a in mine:
                choice = max(free, key=lambda i: fit_one(a, i))
                best.append(choice)
                free.remove(choice)
        if any(a.per and example.givens[i].per and a.per != example.givens[i].per for i, a in zip(best, mine)):
            return None  # the asker's sum a month in place of the example's sum a year: no like for like
        if any(a.currency and example.givens[i].currency and a.currency != example.givens[i].currency
               for i, a in zip(best, mine)):
            return None  # the asker's US dollars in place of the example's HK dollars: its rates are another plan's
        placed.update(zip(best, mine))
    return placed


def _reshown(shown: str, digits: str) -> str:
    """「HK$0.62」 shown with the new digits: 「HK$0.71」 (「0.10%」 with 0.06: 「0.06%」)."""
    m = FIGURE.search(shown)
    if m is None:
        return digits
    if m.group("digits").endswith("%") and not digits.endswith("%"):
        digits += "%"
    return shown[:m.start("digits")] + digits + shown[m.end("digits"):]


@dataclass(frozen=True)
class _Worked:
    lines: list[tuple[Step, str, Decimal, Decimal]]  # step, expression, worked value, value carried on
    placed: dict[int, _Asked]
    givens: list[Decimal]  # the givens' values after the asker's took their place
    moved: list[bool]  # each step: an input differs from the example's
    tiered: list[tuple[str, str, int]] = field(default_factory=list)  # (the example's rate, the asker's tier's, [n])
    unheld: list[str] = field(default_factory=list)  # the example's conditions its figures meet and the asker's do not
    listed: list[tuple[str, str, int]] = field(default_factory=list)  # (the example's figure, the asker's security's, [n])
    stale: list[str] = field(default_factory=list)  # steps kept on the example's own figures an earlier result gives


@dataclass(frozen=True)
class _TierRow:
    label: str  # the row's first cell: a range of money (「100万元 ≤ M < 300万元」)
    cells: tuple[str, ...]
    n: int


def _tier_tables(inp: CompositionInput) -> list[list[_TierRow]]:
    """The retrieved tables whose rows are ranges of money, each row with its cells and context number."""
    tables: dict[tuple[int, str], list[_TierRow]] = {}
    for n, hit in enumerate(inp.contexts, 1):
        for unit in hit.chunk.units:
            if unit.kind == "table_row" and unit.header:
                cells = tuple(row_cells(hit.chunk.text[unit.start:unit.end]))
                if cells and tier_bounds(cells[0]) is not None:
                    tables.setdefault((n, unit.header), []).append(_TierRow(cells[0], cells, n))
    return list(tables.values())


_PERCENT_CELL = re.compile(r"\s*(\d+(?:\.\d+)?)\s*%\s*")


_SAME_TIER, _FIXED_FEE = "same tier", "fixed fee"


@dataclass(frozen=True)
class _SecurityRow:
    """A table row whose columns are securities (「項目 | 00993 … | 00971B …」): its cells by column, its header's."""
    names: tuple[str, ...]
    cells: tuple[str, ...]
    n: int


def _security_rows(inp: CompositionInput) -> list[_SecurityRow]:
    """The retrieved table rows under a header naming two securities or more by code."""
    out = []
    for n, hit in enumerate(inp.contexts, 1):
        for unit in hit.chunk.units:
            if unit.kind == "table_row" and unit.header and lists_securities(unit.header):
                names = tuple(normalize_for_index(h) for h in header_cells(unit.header))
                out.append(_SecurityRow(names, tuple(row_cells(hit.chunk.text[unit.start:unit.end])), n))
    return out


def _column_of(row: _SecurityRow, codes: set[str]) -> int | None:
    found = [i for i, name in enumerate(row.names) if codes & codes_in(name)]
    return found[0] if len(found) == 1 else None


def _security_figure(rows: list[_SecurityRow], operand: Operand, example_codes: set[str], asker_codes: set[str]
                     ) -> tuple[Decimal, str, int] | str | None:
    """The asker's security's figure where a table row states the example's figure first in the example's security's
    column: (figure, as written, [n]); _SAME_TIER where no such row states it (a charge of every security); None where
    the asker's column there states no figure of its kind."""
    found: set[tuple[Decimal, str, int]] = set()
    for row in rows:
        mine, theirs = _column_of(row, example_codes), _column_of(row, asker_codes)
        if mine is None or theirs is None or max(mine, theirs) >= len(row.cells):
            continue
        first = _first_figure(row.cells[mine])
        if first is None or first.value * first.scale != operand.value or first.percent != operand.percent:
            continue
        other = _first_figure(row.cells[theirs])
        if other is None or other.percent != operand.percent:
            return None
        found.add((other.value * other.scale, other.raw + ("%" if other.percent else ""), row.n))
    if not found:
        return _SAME_TIER
    return next(iter(found)) if len({f[0] for f in found}) == 1 else None


def _first_figure(cell: str) -> NumberToken | None:
    figures = numbers_in(cell)
    return figures[0] if figures else None


def _tier_rate(tables: list[list[_TierRow]], rate: Decimal, example_sum: Decimal, asker_sum: Decimal
               ) -> tuple[Decimal, str, int] | str:
    """The rate of the asker's tier in the column of the table row that holds the example's sum and states its
    rate: (rate, as written, [n]); _SAME_TIER where the example's tier is the asker's too or no table places the
    rate; _FIXED_FEE where the asker's tier charges no rate there (a fee per order), which no step can take."""
    for rows in tables:
        for row in rows:
            column = next((k for k, cell in enumerate(row.cells) if (m := _PERCENT_CELL.fullmatch(cell))
                           and Decimal(m.group(1)) == rate), None)
            if column is None or not holds(row.label, example_sum):
                continue
            target = next((r for r in rows if holds(r.label, asker_sum)), None)
            if target is None or target is row:
                return _SAME_TIER
            m = _PERCENT_CELL.fullmatch(target.cells[column]) if column < len(target.cells) else None
            return (Decimal(m.group(1)), target.cells[column].strip(), target.n) if m else _FIXED_FEE
    return _SAME_TIER


def _listed(inp: CompositionInput, codes: set[str]) -> list[_Asked]:
    """The figures of the table rows that name a security the asker names by code (「| 3641 | 宏翊光電 | … | 87.90 |」),
    each with its column's name as the words before it."""
    out = []
    for n, hit in enumerate(inp.contexts, 1):
        for unit in hit.chunk.units:
            if unit.kind != "table_row" or not unit.header:
                continue
            cells = row_cells(hit.chunk.text[unit.start:unit.end])
            if not codes & {cell.strip() for cell in cells}:
                continue
            for name, cell in zip(header_cells(unit.header), cells):
                if NUMERIC_CELL.fullmatch(cell.strip()) and not is_code(cell.strip()):
                    out.append(_Asked(cell_number(cell), cell.strip(), "money", words_before(name, len(name)), n=n))
    return out


def _from_list(example: Example, placed: dict[int, _Asked], listed: list[_Asked], entering: set[int]) -> None:
    """The example's price, for another security than its own: the one figure the sources list for the asker's
    security in a column named like the words before the example's (「收盤價」)."""
    for i in entering:
        given = example.givens[i]
        if i in placed or given.kind != "money" or given.follows is not None:
            continue
        alike = [a for a in listed if _alike(a.before, given.before) > 0]
        if len({a.value for a in alike}) == 1:
            placed[i] = alike[0]


def _rework(example: Example, question: _Question, listed: list[_Asked] = (),
            tiers: list[list[_TierRow]] = (), securities: list[_SecurityRow] = ()) -> _Worked | None:
    placed = _placed(example, question.figures)
    if not placed or all(a.value == example.givens[i].value for i, a in placed.items()):
        return None
    values = [g.value for g in example.givens]
    for i, a in placed.items():
        values[i] = a.value
    for i, g in enumerate(example.givens):
        if g.follows is not None and i not in placed:
            j, fraction = g.follows
            values[i] = values[j] * fraction
            if g.kind == "shares":
                values[i] = rounded(values[i], 0, "down")  # no fraction of a share is allotted
    for i, g in enumerate(example.givens):
        if g.tier_of is not None and i not in placed:
            j, lower, upper = g.tier_of  # the asker's sum's part in the band: none above it, all of the band below
            values[i] = max(Decimal(0), values[j] - lower) if upper is None else \
                min(max(Decimal(0), values[j] - lower), upper - lower)
        if g.floors is not None and g.floors in placed:
            values[i] = max(values[g.floors], g.value)  # the asker's rate where it is above the floor, else the floor
        if g.lots_of is not None and i not in placed and g.lots_of[0] in placed:
            values[i] = lots_for(values[g.lots_of[0]], g.lots_of[1], g.lots_of[2])  # 「當8手計」 of the asker's holding
    entering = {i for s in example.steps for kind, i, _ in s.leaves if kind == "given"}
    entering |= {g.follows[0] for i, g in enumerate(example.givens) if g.follows is not None and i in entering}
    entering |= {g.tier_of[0] for i, g in enumerate(example.givens) if g.tier_of is not None and i in entering}
    entering |= {g.floors for i, g in enumerate(example.givens) if g.floors is not None and i in entering}
    if any(i not in entering for i in placed):
        return None  # the asker's figure is of something no step works with
    counted = [i for i in entering if question.dated and example.givens[i].kind == "days" and i not in placed]
    example_days = stated_days(example.premise) if counted else []
    for i in counted:
        # a count of days the example derives from its own dates: the asker's, counted the same way
        count = askers_day_count(example_days, example.givens[i].value, question.days)
        if count is None:
            return None
        placed[i] = _Asked(count, formatted(count, 0), "days", example.givens[i].before)
        values[i] = count
    if question.actions and trade_actions(example.premise) and not question.actions & trade_actions(example.premise):
        return None  # the example buys and the asker sells: other charges, added where the asker's are taken off
    other_security = bool(question.codes and example.codes() and not question.codes & example.codes())
    if other_security:
        _from_list(example, placed, list(listed), entering)
        for i, a in placed.items():
            values[i] = a.value
    # another security than the example's, in a table listing each one's terms (「預收申購價金比率 | 103% | 102%」,
    # 「申購基數 | 500,000單位 | 1,000,000單位」): the asker's security's figure in place of the example's
    by_security: dict[tuple[Decimal, bool], tuple[Decimal, str, int]] = {}
    for step in example.steps if other_security and securities else ():
        for kind, index, operand in step.leaves:
            if kind == "step" or kind == "given" and index in placed or (operand.value, operand.percent) in by_security:
                continue
            listed_figure = _security_figure(list(securities), operand, example.codes(), question.codes)
            if listed_figure is None:
                return None  # the table lists the example's figure for its security and none for the asker's
            if listed_figure != _SAME_TIER:
                by_security[(operand.value, operand.percent)] = listed_figure
    from_table = set()
    for i, g in enumerate(example.givens):
        if i not in placed and (g.value, g.kind == "percent") in by_security:
            values[i] = by_security[(g.value, g.kind == "percent")][0]
            from_table.add(i)
    if other_security and any(example.givens[i].kind in _MOVABLE and i not in placed and i not in from_table
                              and example.givens[i].follows is None for i in entering):
        return None  # another security than the example's: its price is not the example's
    derived = {i for i, g in enumerate(example.givens) if g.follows is not None or g.tier_of is not None or g.floors in placed
               or g.lots_of is not None and g.lots_of[0] in placed}
    # 「淨收款項＝接納股數 × HK$6.80 － …」: a figure the page's own formula multiplies a named quantity by is a term of
    # the offer, the same for every asker, not the example's assumption
    derived |= {i for i, g in enumerate(example.givens) if _FORMULA_CONSTANT.search(g.before or "")}
    if len(placed) < 2 and any(example.givens[i].kind in _MOVABLE and i not in placed and i not in derived for i in entering):
        # one figure of the asker's (a holding) scaling an example whose rate or price stays its own: the example
        # may be of another thing (its interest, asked of an early redemption), and the asker's rate may differ
        return None
    # a rate the example reads from a table of tiers by amount (「M < 100万元 | 0.24%」): the asker's sum's tier's
    # (the largest of the asker's sums first: an amount, not a price, is what a tier holds)
    sums = sorted(((example.givens[i].value, a.value) for i, a in placed.items() if example.givens[i].kind == "money"),
                  reverse=True)
    rates: dict[Decimal, tuple[Decimal, str, int]] = {}
    for step in example.steps if tiers else ():
        for kind, index, operand in step.leaves:
            if operand.percent and (kind == "constant" or kind == "given" and index not in placed) \
                    and operand.value not in rates:
                for example_sum, asker_sum in sums:
                    tier = _tier_rate(list(tiers), operand.value, example_sum, asker_sum)
                    if tier == _FIXED_FEE:
                        return None  # the asker's tier charges a fixed fee, which no step of the example works
                    if tier != _SAME_TIER:
                        rates[operand.value] = tier
                        break
    for i, g in enumerate(example.givens):
        if g.kind == "percent" and i not in placed and g.value in rates:
            values[i] = rates[g.value][0]
    results: list[Decimal] = []
    lines, moved, stale = [], [], []
    for step in example.steps:
        operands = []
        for kind, index, _ in step.leaves:
            lots = example.givens[index].lots_of if kind == "given" else None
            if lots is not None and (j := example.givens[lots[0]].of_step) is not None and j < len(results):
                # 「657股＝1手加157股碎股，當2手」 of the new shares an earlier step works out: of the asker's count
                values[index] = lots_for(results[j], lots[1], lots[2])
        if any(kind == "given" and (j := example.givens[index].of_step) is not None and results[j] != example.steps[j].stated
               and example.givens[index].lots_of is None for kind, index, _ in step.leaves):
            stale.append(step.label)  # 「當2手」 of 657 new shares: the asker's count of lots is not worked out
        moved.append(any(kind == "given" and values[index] != example.givens[index].value or
                         kind == "step" and results[index] != example.steps[index].stated or
                         kind == "constant" and (operand.percent and operand.value in rates
                                                 or (operand.value, operand.percent) in by_security)
                         for kind, index, operand in step.leaves))
        for kind, index, operand in step.leaves:
            if kind == "constant" and (operand.value, operand.percent) in by_security:
                value, shown, _ = by_security[(operand.value, operand.percent)]
                operands.append(Operand(value, _reshown(operand.shown, shown), operand.percent, operand.n))
            elif kind == "constant" and operand.percent and operand.value in rates:
                rate, shown, _ = rates[operand.value]
                operands.append(Operand(rate, _reshown(operand.shown, shown), True, operand.n))
            elif kind == "given" and values[index] != example.givens[index].value:
                g = example.givens[index]
                digits = placed[index].digits if index in placed else \
                    formatted(values[index], places_of(g.shown)) + ("%" if g.kind == "percent" else "")
                operands.append(Operand(values[index], _reshown(operand.shown, digits), g.kind == "percent", 0))
            elif kind == "step":
                value = results[index]
                operands.append(Operand(value, _reshown(operand.shown, formatted(value, example.steps[index].places)), False,
                                        operand.n))
            else:
                operands.append(operand)
        worked = work(step.tokens, operands)
        if worked is None:
            return None
        value, expression = worked
        carried = rounded(value, step.places, step.rounding or "half")
        if step.minimum is not None and carried < step.minimum:
            carried = step.minimum
        results.append(carried)
        lines.append((step, expression, value, carried))
    tiered = [(f"{formatted(old, places_of(f'{old}'))}%", shown, n) for old, (_, shown, n) in rates.items()]
    listed_swaps = [(formatted(old, places_of(f"{old}")) + ("%" if percent else ""), shown, n)
                    for (old, percent), (_, shown, n) in by_security.items()]
    unheld = [clause for clause, at_most, threshold, k in example.conditions
              if (results[k] <= threshold) != at_most]
    return _Worked(lines, placed, values, moved, tiered, unheld, listed_swaps, stale)


# --- the answer's lead -----------------------------------------------------------------------------------------


def _changed(worked: _Worked, example: Example) -> list[int]:
    """The steps worth showing: those whose inputs or result differ from the example's."""
    return [k for k, (step, _, _, carried) in enumerate(worked.lines) if worked.moved[k] or carried != step.stated]


def _relabelled(label: str, worked: _Worked, example: Example) -> str:
    """A label naming the example's count of lots (「當8手計」) names the asker's (「當83手計」), and one naming its sum
    (「5月底價值NT$14,800,000：」) the asker's."""
    for i, g in enumerate(example.givens):
        if g.lots_of is not None and g.kind == "lots" and worked.givens[i] != g.value:
            label = re.sub(rf"(?<![\d.,]){re.escape(g.shown)}(?=\s*(?:手|張|张|lots?\b))",
                           formatted(worked.givens[i], 0), label)
        elif g.kind == "money" and g.tier_of is None and worked.givens[i] != g.value:
            label = re.sub(rf"(?<![\d.,]){re.escape(g.shown)}(?![\d]|[.,]\d)",
                           formatted(worked.givens[i], places_of(g.shown)), label)
    return label


# 「一共被扣了多少」, 「總共要俾幾多費用」, "what did I pay in fees and tax altogether": the charges' sum is asked, not
# only the net amount or the total paid that the example's last step works out
_TOTAL_CHARGES = re.compile(r"(?:一共|总共|合共|合计|总计|加埋)[^，,。？?]{0,8}(?:扣|费|税)|(?:费|税)[^，,。？?]{0,6}"
                            r"(?:一共|总共|合共|合计|总计|加埋)|\btotal (?:fees|charges|costs)\b|\bin fees\b|"
                            r"\b(?:fees|charges)\b[^?.]{0,30}\b(?:altogether|in total)\b", re.I)


def _charges(worked: _Worked) -> list[int] | None:
    """The steps an example's last step takes off (or adds to) its first figure, two or more of them, all results of
    earlier steps (「淨收款項：17,680.00 − 18 − 50.00」: the stamp duty and the fee)."""
    if not worked.lines:
        return None
    step = worked.lines[-1][0]
    ops = {text for kind, text in step.tokens if kind == "op"}
    names = [text for kind, text in step.tokens if kind == "name"]
    if len(ops) != 1 or not ops <= {"-", "+"} or len(names) < 3 or len(names) != len(step.leaves) or \
            len(step.tokens) != 2 * len(names) - 1:
        return None
    charged = [index for kind, index, _ in step.leaves[1:] if kind == "step"]
    return charged if len(charged) == len(step.leaves) - 1 else None


def _charges_line(worked: _Worked, language: QueryLanguage) -> str | None:
    charged = _charges(worked)
    if charged is None:
        return None
    steps = [worked.lines[k] for k in charged]
    terms = " + ".join(formatted(carried, step.places) for step, _, _, carried in steps)
    before, after = worked.lines[-1][0].unit
    total = sum((carried for _, _, _, carried in steps), Decimal(0))
    places = max(step.places for step, _, _, _ in steps)
    return say("worked_example.charges", language, terms=terms,
               result=f"{before}{formatted(total, places)}{after.strip() if language.lang != 'en' else after}")


def _render(worked: _Worked, example: Example, language: QueryLanguage, script: str, stating: list[int],
            charges_asked: bool = False) -> str:
    """The steps worked again, in the asker's script: a Traditional asker's lead is written whole, so a Simplified
    source's labels are converted here, not left to the answer's sentence-by-sentence conversion."""
    zh = language.lang != "en"
    label_of = (lambda text: to_asker_script(text, language)) if language.lang == "zh-Hant" and script == "zh-Hans" \
        else (lambda text: text)
    parts = []
    for k in _changed(worked, example):
        step, expression, value, carried = worked.lines[k]
        before, after = step.unit
        result = f"{before}{formatted(carried, step.places)}{after.strip() if zh else after}"
        if step.rounding:
            line = f"{expression} ≈ {formatted(value, max(step.places, 2))}{'，' if zh else ', '}" \
                   + say(f"worked_example.rounded_{step.rounding}", language, result=result)
        elif step.minimum is not None and carried == step.minimum and value < step.minimum:
            line = f"{expression} ≈ {formatted(value, step.places)}{'，' if zh else ', '}" + say(
                "worked_example.minimum", language, minimum=f"{before}{formatted(step.minimum, step.places)}", result=result)
        else:
            line = f"{expression} {'=' if value == carried else '≈'} {result}"
        parts.append(f"{label_of(_relabelled(step.label, worked, example))}{'：' if zh else ': '}{line}" if step.label else line)
    if charges_asked and (line := _charges_line(worked, language)) is not None:
        parts.append(line)
    swaps = [say("worked_example.listed" if a.n else "worked_example.swap", language, asked=a.digits,
                 example=example.givens[i].shown, n=a.n)
             for i, a in sorted(worked.placed.items()) if a.value != example.givens[i].value]
    swaps += [say("worked_example.tier", language, asked=shown, example=old, n=n) for old, shown, n in worked.tiered]
    swaps += [say("worked_example.listed", language, asked=shown, example=old, n=n) for old, shown, n in worked.listed]
    swapped = ("、" if zh else ", ").join(swaps)
    parts += [say("worked_example.condition", language, condition=label_of(clause)) for clause in worked.unheld]
    parts += [say("worked_example.stale", language, step=label_of(label)) for label in worked.stale]
    body = ("；" if zh else "; ").join(parts)
    lead = say("worked_example.lead", language, cites="".join(f"[{n}]" for n in stating))
    return f"{lead}{body}{'（' + swapped + '）' if zh else ' (' + swapped + ')'}{'。' if zh else '.'}"


def _figures(worked: _Worked, example: Example, n: int, charges_asked: bool = False) -> list[Figure]:
    """The figures the answer computes: the givens that took new values (the asker's, those that follow them) and
    each step shown, worked and carried on, and the charges' sum where it is asked; not the example's own figures,
    which its source states."""
    out = []
    moved = [v for v, g in zip(worked.givens, example.givens) if v != g.value]
    shown = [v for k in _changed(worked, example) for v in worked.lines[k][2:]]
    if charges_asked and (charged := _charges(worked)) is not None:
        shown.append(sum((worked.lines[k][3] for k in charged), Decimal(0)))
    for v in dict.fromkeys([*moved, *shown]):
        out.append(Figure(name="worked_example", value=float(v), unit="", symbol="", period="",
                          source=f"computed from [{n}] and the question"))
    return out


def _asks_a_figure(norm_question: str, lang: str) -> bool:
    return asks_how_much(norm_question) or (
        lang == "en" and re.search(r"\bwhat(?:'s|s| is| are| would| will)\b", norm_question, re.I) is not None)


def asks_with_figures(norm_question: str, lang: str) -> bool:
    """The question asks for a figure and states one that could take an example's given's place."""
    question = _asked(norm_question)
    return _asks_a_figure(norm_question, lang) and bool(question.figures)


def _is_procedure(worked: _Worked, example: Example) -> bool:
    shown = _changed(worked, example)
    if len(shown) < 2:
        return False
    last = worked.lines[shown[-1]][0]
    combines = any(kind == "step" for kind, _, _ in last.leaves)  # works on an earlier step's result
    entering = {i for s in example.steps for kind, i, _ in s.leaves if kind == "given"}
    rates_in_place = all(example.givens[i].kind != "percent" or i in worked.placed or example.givens[i].floors in worked.placed
                         for i in entering)
    return combines and rates_in_place


def _spans(hits: list[tuple[int, SearchHit]]) -> list[tuple[str, list[tuple[int, int, int]]]]:
    """The retrieved chunks of one document joined where they overlap or meet: (text, [(start, end, n)]) each, as an
    example often runs past one chunk's end."""
    out: list[tuple[str, list[tuple[int, int, int]], int]] = []  # text, its chunks, its offset in the document
    reach = -1  # where the last joined text ends in the document
    for n, hit in sorted(hits, key=lambda h: (h[1].chunk.start, h[0])):
        chunk = hit.chunk
        if out and chunk.start <= reach + _BETWEEN_CHUNKS:
            text, members, base = out[-1]
            if chunk.end > reach:  # the line break between two chunks that meet belongs to neither
                text += "\n" * (chunk.start - reach) + chunk.text[max(0, reach - chunk.start):]
            out[-1] = (text, [*members, (chunk.start - base, chunk.end - base, n)], base)
            reach = max(reach, chunk.end)
        else:
            out.append((chunk.text, [(0, len(chunk.text), n)], chunk.start))
            reach = chunk.end
    return [(text, members) for text, members, _ in out]




_RATIO = re.compile(r"(?:率|比|比例)$")


def _asked_measure(norm_question: str, lang: str) -> str | None:
    """What a Chinese question asks the figure of (股息率, 证交税): an example working something else (市盈率, a margin
    loan's 维持率) is no answer, whatever figures it takes."""
    nouns = [t for t in content_terms(norm_question, lang) if t in topic_nouns(expand_query(norm_question))]
    return focus_term(norm_question, lang, nouns)


def _works_out(example: Example, measure: str) -> bool:
    text = normalize_for_index(" ".join([example.premise, *(s.label for s in example.steps)])).lower()
    return measure in text or any(re.search(rf"\b{re.escape(en)}\b", text) for en in english_for(measure))


# 「不足HK$1嘅部分作HK$1計（即向上取整至整數港元）」, "rounded up to the nearest dollar": how a charge the page names
# is rounded, stated apart from an example whose own figures needed no rounding (index form, lower case)
_ROUND_UP = re.compile(r"向上取整|进位至(?:整数|元)|不足(?:hk\$|us\$|nt\$|\$|rmb|人民币)?\s*1\s*(?:元|港元|美元|蚊)?(?:嘅|的)?部分(?:作|按|当)|"
                       r"\brounded up to the nearest (?:whole )?(?:dollar|yuan)\b")
_ROUND_HALF = re.compile(r"元以下四舍五入|四舍五入至(?:整数|元)|\brounded to the nearest (?:whole )?(?:dollar|yuan)\b")


def _stated_rounding(example: Example, sentences: list[str]) -> None:
    """A step of the example that names a charge (印花稅) the page says elsewhere (`sentences`: the document's retrieved
    sentences, index form) is rounded to the whole unit, and that writes no rounding of its own, rounds so when worked
    again."""
    for step in example.steps:
        label = normalize_for_index(step.label).lower().strip(" ：:")
        if step.rounding or len(label) < 2 or step.stated != step.stated.to_integral_value():
            continue
        for sentence in sentences:
            if label not in sentence:
                continue
            mode = "up" if _ROUND_UP.search(sentence) else "half" if _ROUND_HALF.search(sentence) else ""
            if mode:
                step.rounding, step.places = mode, 0
                break


def worked_example(inp: CompositionInput, docs: set[str]) -> WorkedExample | None:
    """The first worked example of the documents `docs` (the answer's own) that the asker's figures can work
    again, worked with them; None where no example takes them."""
    question = _asked(inp.norm_question)
    if not _asks_a_figure(inp.norm_question, inp.language.lang) or not question.figures:
        return None
    measure = _asked_measure(inp.norm_question, inp.language.lang)
    listed = _listed(inp, question.codes) if question.codes else []
    tiers = _tier_tables(inp)
    securities = _security_rows(inp) if question.codes else []
    numbered = list(enumerate(inp.contexts, 1))
    # What is asked (當沖證交稅) is answered by an example working it (the day-trade one, not the margin one) where
    # the documents have one, else by any; a ratio asked (股息率) only by one working it.
    worked, measured = _first_worked(inp, docs, question, numbered, measure, listed, tiers, securities)
    if worked is None and measure is not None and not measured and not _RATIO.search(measure):
        worked, _ = _first_worked(inp, docs, question, numbered, None, listed, tiers, securities)
    return worked


def _first_worked(inp: CompositionInput, docs: set[str], question: _Question, numbered: list[tuple[int, SearchHit]],
                  measure: str | None, listed: list[_Asked], tiers: list[list[_TierRow]],
                  securities: list[_SecurityRow]) -> tuple[WorkedExample | None, bool]:
    """The first example of `docs` working `measure` (any, where None) that the asker's figures work again, and
    whether any example works `measure`."""
    measured = False
    # of the examples the asker's figures work again, the one whose own text shares most of the question's wording
    # (「存入三个月期大额存单…」 for a three-month deposit asked, not the one-year example before it); the first of
    # those that tie
    asked = bigrams(inp.norm_question)
    found: list[tuple[int, WorkedExample]] = []
    for doc in dict.fromkeys(h.chunk.doc_id for h in inp.contexts):
        if doc not in docs:
            continue
        sentences: list[str] | None = None  # read once per document, where it holds an example
        for text, members in _spans([(n, h) for n, h in numbered if h.chunk.doc_id == doc]):
            for example in read_examples(0, text):
                if measure is not None and not _works_out(example, measure):
                    continue
                measured = True
                stating = sorted({n for start, end, n in members if start <= example.end and example.at < end})
                if not stating:
                    continue
                example.n = min(n for start, end, n in members if start <= example.at < end)
                if sentences is None:
                    texts = [h.chunk.norm_text.lower() for _, h in numbered if h.chunk.doc_id == doc]
                    sentences = [t[a:b] for t in texts for a, b in split_sentences(t)]
                _stated_rounding(example, sentences)
                worked = _rework(example, question, listed, tiers, securities)
                if worked is not None and _changed(worked, example):
                    script = inp.contexts[example.n - 1].chunk.script
                    charges_asked = _TOTAL_CHARGES.search(inp.norm_question) is not None
                    shared = len(asked & bigrams(f"{example.premise}\n{text[example.at:example.end]}"))
                    found.append((shared, WorkedExample(
                        _render(worked, example, inp.language, script, stating, charges_asked),
                        _figures(worked, example, example.n, charges_asked), example.n, _is_procedure(worked, example))))
    return (max(found, key=lambda f: f[0])[1] if found else None), measured
