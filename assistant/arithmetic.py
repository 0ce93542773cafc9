"""Arithmetic on figures the sources state: a difference, a ratio, a sum or a percentage change of two
figures quoted from two selected answer units, computed here and shown with both inputs and their [n].

It fires only when the question asks for one of those operations (`assistant/data/arithmetic_words.tsv`)
and exactly two inputs of the same kind (both percentages, or both plain figures) are found, one in each of
two selected units; otherwise it says nothing. The result goes back as a `Figure`, so the verifier treats
the one new number as computed, and the inputs are checked against their cited sources like any figure.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from assistant.schemas import Figure
from knowledge_base.lexical_tokens import cantonese_to_mandarin
from knowledge_base.vocabulary_files import read_patterns

OPERATIONS = ("pct_change", "ratio", "sum", "difference", "share_of", "proportion")
# Not asked by a word of its own: units held times a per-unit amount (composers/holding_amounts.py).
HOLDING = "holding"
# Not asked by a word of its own: an amount grown through stated yearly returns (composers/compound_growth.py).
GROWTH = "growth"


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return read_patterns("assistant.data", "arithmetic_words.tsv", (*OPERATIONS, "fall", "whole_table"))


# 「以目前合计规模算」, 「按上限价计」: the basis a figure is worked out on, not the operation asked for; 「按亿元算」
# names only the unit of the amount asked, and stays.
_BASIS_CLAUSE = re.compile(r"(?<![可所])(以|按照|按|根据|依照)(?!(亿|万)(港元|港币|美元|元|人民币|新台币)?(计算|来算|来计|计|算))"
                           r"[^，,。;；?？]{1,24}?(计算|来算|来计|计|算)")


def operation(norm_question: str) -> str | None:
    return next(iter(operations(norm_question)), None)


def operations(norm_question: str) -> list[str]:
    """Every operation the question's words ask for, in the file's order (the first is what it asks; a share of a
    total with no total row to read falls back to the next: 「A同B加埋占几多%」 is then their sum)."""
    text = _BASIS_CLAUSE.sub("，", cantonese_to_mandarin(norm_question.lower()))  # 多咗幾多 is 多了多少
    return list(dict.fromkeys(op for op, pattern in _patterns() if op in OPERATIONS and pattern.search(text)))


def _says(kind: str, norm_question: str) -> bool:
    text = cantonese_to_mandarin(norm_question.lower())
    return any(pattern.search(text) for op, pattern in _patterns() if op == kind)


def asks_for_a_fall(norm_question: str) -> bool:
    """A fall is measured against the higher, earlier figure (14.35 → 13.87 is −3.34%, not 3.46% of 13.87)."""
    return _says("fall", norm_question)


def refers_to_a_table(norm_question: str) -> bool:
    """The question points at a table or list of the sources (「表中列出的5只」, "the funds listed")."""
    return _says("whole_table", norm_question)


@dataclass(frozen=True)
class Operand:
    value: Decimal
    shown: str  # as the source writes it, with its % sign when it has one
    percent: bool
    n: int  # context number of the source that states it; 0: the asker states it


@dataclass(frozen=True)
class Computation:
    op: str
    a: Operand
    b: Operand
    value: Decimal
    unit: str  # % | pp | x | ''
    more: tuple[Operand, ...] = ()  # a sum's further terms (three fees of one table)
    falling: bool = False  # a percentage change measured from the higher figure; a rate effect that is a fall
    expression: str = ""  # a stated formula's own operators, as worked out (composers/stated_formula.py)

    @property
    def operands(self) -> tuple[Operand, ...]:
        return (self.a, self.b, *self.more)

    def figure(self) -> Figure:
        unit = {"pp": "%", "x": "x"}.get(self.unit, self.unit)
        inputs = " and ".join(dict.fromkeys(f"[{o.n}]" if o.n else "the question" for o in self.operands))
        return Figure(name=self.op, value=float(self.value), unit=unit, symbol="", period="",
                      source=f"computed from {inputs}")


def compute(op: str, a: Operand, b: Operand, falling: bool = False) -> Computation | None:
    if a.percent != b.percent:
        return None
    if a.value == b.value and op != "sum":
        return None  # one figure written twice ("30-day … last 30 days") is no pair: a change of 0 answers nothing
    big, small = (a, b) if a.value >= b.value else (b, a)
    if op in ("sum", "difference") and not _one_scale(big, small):
        return None
    if op == "sum":
        return Computation(op, a, b, a.value + b.value, "%" if a.percent else "")
    if op == "difference":
        return Computation(op, big, small, big.value - small.value, "pp" if a.percent else "")
    if small.value == 0:
        return None
    if op == "ratio":
        return Computation(op, big, small, big.value / small.value, "x")
    base = big if falling else small
    return Computation(op, big, small, (big.value - small.value) / base.value * 100, "%", falling=falling)


# Figures a million times apart are no two amounts of one thing ($0.1571 a share and 56,980,000 shares): the smaller
# would change none of the larger's shown digits, so adding or subtracting them answers nothing.
_SCALE_APART = Decimal(10) ** 6


def _one_scale(big: Operand, small: Operand) -> bool:
    return small.value == 0 or abs(big.value) < abs(small.value) * _SCALE_APART


def total(operands: list[Operand]) -> Computation | None:
    """The sum of three or more stated figures of one kind (all percentages, or none)."""
    if len(operands) < 2 or len({o.percent for o in operands}) != 1:
        return None
    largest = max(operands, key=lambda o: abs(o.value))
    if any(not _one_scale(largest, o) for o in operands if o.value):
        return None
    return Computation("sum", operands[0], operands[1], sum((o.value for o in operands), Decimal(0)),
                       "%" if operands[0].percent else "", tuple(operands[2:]))


def share_of(amount: Operand, share: Operand, scale_word: str) -> Computation:
    """A stated share (38%) of a stated amount (42億): the amount's part, in the amount's own scale."""
    return Computation("share_of", amount, share, amount.value * share.value / 100, scale_word)


def proportion(part: Operand, whole: Operand) -> Computation | None:
    """What percentage of a total one part is: 34,000 of 126,000 is 26.98%."""
    if whole.value <= 0 or part.value > whole.value or part.percent != whole.percent:
        return None
    return Computation("proportion", part, whole, part.value / whole.value * 100, "%")


def _fmt(value: Decimal, places: int = 2) -> str:
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return text or "0"


def _places(operands: tuple[Operand, ...]) -> int:
    """The decimal places of the most precise operand, two at least (a sum or a difference is exact to them)."""
    return max([2, *(-o.value.as_tuple().exponent for o in operands if isinstance(o.value.as_tuple().exponent, int))])


_SYMBOL = {"sum": "+", "difference": "−", "ratio": "÷", "pct_change": "÷", "proportion": "÷", "share_of": "×", HOLDING: "×"}


def render(c: Computation, lang: str) -> str:
    """"按资料计算：3.03% ÷ 1.05% ≈ 2.89倍（3.03%见[3]，1.05%见[4]）。" or its English form."""
    if c.op == "pct_change":
        expr = f"({c.a.shown} − {c.b.shown}) ÷ {(c.a if c.falling else c.b).shown}"
    elif c.op in ("formula", "saving", GROWTH):
        expr = c.expression
    elif c.op == "rate_effect":  # price change ≈ −duration × yield move (+ ½ × convexity × move²)
        expr = f"{'price change' if lang == 'en' else '价格变动'} ≈ {'−' if c.falling else ''}{c.a.shown} × {c.b.shown}"
        expr += "".join(f" + ½ × {o.shown} × ({_fmt(c.b.value)}%)²" for o in c.more)
    else:
        expr = f" {_SYMBOL[c.op]} ".join(o.shown for o in c.operands)
    result = _fmt(c.value)
    if c.op in ("sum", "difference"):
        result = _fmt(c.value, _places(c.operands))  # exact: $0.0912 + $0.0958 + $0.0933 is 0.2803, not 0.28
    if c.op == "rate_effect":
        result, unit = f"{'−' if c.value < 0 else '+'}{_fmt(abs(c.value))}", "%"
    elif c.op in ("share_of", HOLDING, "formula", "saving", GROWTH):
        unit = f" {c.unit}" if lang == "en" and c.unit and c.unit.isascii() and c.unit != "%" else c.unit  # 億 / billion
    elif lang == "en":
        unit = {"%": "%", "pp": " percentage points", "x": " times", "": ""}[c.unit]
    else:
        unit = {"%": "%", "pp": "个百分点", "x": "倍", "": ""}[c.unit]
    if c.op == "pct_change" and c.falling:  # a change measured from the higher, earlier figure is a fall
        result = f"a fall of {result}" if lang == "en" else f"下降{result}"
    if lang == "en":
        inputs = ", ".join(f"{o.shown} from [{o.n}]" if o.n else f"{o.shown} as you stated" for o in c.operands)
        return f"Computed from the sources: {expr} ≈ {result}{unit} ({inputs})."
    inputs = "，".join(f"{o.shown}见[{o.n}]" if o.n else f"您所述的{o.shown}" for o in c.operands)
    return f"按资料计算：{expr} ≈ {result}{unit}（{inputs}）。"
