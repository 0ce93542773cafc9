"""A stated formula with sums, differences and brackets, worked out with the asker's figures, its quantities read
through the other formulas the source states: 「申購費採用外扣法：淨申購金額＝申購金額÷（1＋申購費率），申購費用＝申購金額
－淨申購金額」 asked "50萬元的申購費是多少" is 50萬 − 50萬 ÷ (1 + 0.60%) ≈ 2,982.11, not 50萬 × 0.60%.

composers/stated_formula.py reads products and quotients of named quantities; this reads the rest. A quantity is
bound, in order, to another formula of the same source that defines it, to a figure the question states right after
its name, to the asker's sum of money when it is an amount, to the rate the sources state for what the question
names when it is a rate, to a figure the question states after part of its name (「招股價上限HK$38.5」 for 最高招股價,
「一手200股」 for 每手股數), else to the one figure the sources state for it. Nothing is computed unless the question
asks for the formula's result and states at least one of its inputs, and every input is bound.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from assistant.arithmetic import Computation, Operand
from assistant.composers.amount_tiers import holds
from assistant.composers.base import CompositionInput
from assistant.composers.extractive_arithmetic import asked_amount, asked_rate
from assistant.composers.extractive_candidates import Candidate
from assistant.composers.stated_formula import (AMOUNT_TERM, RATE_TERM, stated_after_name, stated_after_part,
                                                stated_in_sources)
from assistant.evidence import generic_words
from assistant.number_tokens import numbers_in
from knowledge_base.lexical_tokens import cantonese_to_mandarin, expand_query, tokenize
from knowledge_base.scripts import normalize_for_index

# 「淨申購金額＝申購金額÷（1＋申購費率）」 (normalized: ASCII = + - ( )), up to the clause's end
_DEFINITION = re.compile(r"([\u4e00-\u9fffA-Za-z]{2,12})\s*=\s*([^,，。;；:：=]+)")
_TOKEN = re.compile(r"\s*(?:(?P<number>\d[\d,]*(?:\.\d+)?%?)|(?P<name>[\u4e00-\u9fffA-Za-z]+)|(?P<op>[-+×x*÷/()]))")
_ASKS_HOW_MUCH = re.compile(r"多少|几多|\bhow much\b", re.I)
MAX_DEPTH = 3  # formulas read through other formulas: 申购费用 ← 净申购金额 ← 申购金额, 申购费率


_RATE_WORDS = re.compile(r"适用|费率|利率|税率|年率|比率|率|\brate\b", re.I)


def _rate_names(rate: Operand, term: str, units: list[Candidate]) -> bool:
    """The sentence or row stating the rate writes what the formula's rate is of (申购 of 适用申购费率): the tax rate
    of a worked tax example is no subscription fee rate; a tier's list introduction (「A类申购费率如下：」) names it for
    its items. A term that names nothing besides the rate takes it."""
    core = [w for w in tokenize(_RATE_WORDS.sub(" ", term)) if len(w) >= 2]
    if not core:
        return True
    stating = [normalize_for_index(f"{c.lead}\n{c.header}\n{c.text}").lower() for c in units
               if c.n == rate.n and rate.shown.rstrip("%") in c.text]
    return any(w in text for text in stating for w in core)


def expression_tokens(expression: str, token: re.Pattern[str] = _TOKEN) -> list[tuple[str, str]] | None:
    """(kind, text) of an expression's numbers, names and operators, each read by `token`'s named groups; None where
    anything else is written."""
    out, at = [], 0
    expression = expression.strip()
    while at < len(expression):
        m = token.match(expression, at)
        if m is None or m.end() == at:
            return None
        kind = m.lastgroup or ""
        out.append((kind, m.group(kind).strip()))
        at = m.end()
    return out


def definitions_in(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """(quantity, tokens) of each formula a sentence states that adds, subtracts or brackets (on its normalized
    text); products and quotients alone are stated_formula's."""
    out = []
    for m in _DEFINITION.finditer(normalize_for_index(text)):
        tokens = expression_tokens(m.group(2))
        if not tokens or not any(k == "name" for k, _ in tokens):
            continue
        if not any(k == "op" and t in "+-()" for k, t in tokens):
            continue
        if ExpressionParser(tokens, lambda name: Operand(Decimal(1), name, False, 0)).parse() is None:
            continue  # not an expression (a range "1-3", a dangling operator)
        name = re.sub(r"^.*?(?:采用|按照|按|即)", "", m.group(1))  # 「申购费采用外扣法：净申购金额=…」's quantity
        out.append((name, tokens))
    return out


class ExpressionParser:
    """Recursive descent over an expression's tokens: sums of products of numbers, names and brackets, each
    worked out with Decimals and written back with the bound figures as shown."""

    def __init__(self, tokens: list[tuple[str, str]], bind):
        self.tokens, self.at, self.bind = tokens, 0, bind
        self.leaves: list[Operand] = []

    def parse(self) -> tuple[Decimal, str] | None:
        try:
            found = self._sum()
        except (InvalidOperation, ZeroDivisionError, _Unbound):
            return None
        return found if found is not None and self.at == len(self.tokens) else None

    def _peek(self) -> tuple[str, str] | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def _sum(self) -> tuple[Decimal, str] | None:
        return self._chain(self._product, {"+": ("+", Decimal.__add__), "-": ("−", Decimal.__sub__)})

    def _product(self) -> tuple[Decimal, str] | None:
        times, divide = ("×", Decimal.__mul__), ("÷", Decimal.__truediv__)
        return self._chain(self._factor, {"×": times, "x": times, "*": times, "÷": divide, "/": divide})

    def _chain(self, operand, operators: dict) -> tuple[Decimal, str] | None:
        """operand (operator operand)*, left to right: a sum of products, or a product of factors."""
        left = operand()
        while left is not None and (t := self._peek()) and t[0] == "op" and t[1] in operators:
            self.at += 1
            right = operand()
            if right is None:
                return None
            symbol, apply = operators[t[1]]
            left = apply(left[0], right[0]), f"{left[1]} {symbol} {right[1]}"
        return left

    def _factor(self) -> tuple[Decimal, str] | None:
        t = self._peek()
        if t is None:
            return None
        self.at += 1
        if t == ("op", "("):
            inner = self._sum()
            if inner is None or self._peek() != ("op", ")"):
                return None
            self.at += 1
            return inner[0], f"({inner[1]})"
        if t[0] == "number":
            value = Decimal(t[1].rstrip("%").replace(",", ""))
            return (value / 100 if t[1].endswith("%") else value), t[1]
        if t[0] == "name":
            operand = self.bind(t[1])
            if operand is None:
                raise _Unbound(t[1])
            if isinstance(operand, tuple):  # another formula's result, already worked out
                return operand
            self.leaves.append(operand)
            return (operand.value / 100 if operand.percent else operand.value), operand.shown
        return None


class _Unbound(Exception):
    pass


def _adds_outside_brackets(expression: str) -> bool:
    """「a − b ÷ (1 + r)」 adds outside its brackets, so it is bracketed where it stands for one quantity;
    「a ÷ (1 + r)」 does not."""
    depth = 0
    for i, ch in enumerate(expression):
        depth += (ch == "(") - (ch == ")")
        if depth == 0 and ch in "+−" and expression[i - 1: i] == " ":
            return True
    return False


def _tier_rate(pool: list[Candidate], amount: Decimal) -> tuple[Operand, Candidate] | None:
    """The one rate stated beside a tier of sums holding the asker's (「100万元≤M＜500万元：0.50%」 for 200万)."""
    found: dict[Decimal, tuple[Operand, Candidate]] = {}
    for c in pool:
        if c.kind == "table_row":
            continue  # a table's tiers are read by the column the formula names (stated_formula)
        rates = [t for t in numbers_in(c.text) if t.percent]
        if len(rates) != 1:
            continue
        label = c.text[:rates[0].start] + c.text[rates[0].end:]
        if holds(label, amount):
            found.setdefault(rates[0].value, (Operand(rates[0].value, f"{rates[0].raw}%", True, c.n), c))
    return next(iter(found.values())) if len(found) == 1 else None


def expression_result(inp: CompositionInput, chosen: list[Candidate],
                      candidates: list[Candidate]) -> tuple[Computation, list[Candidate]] | None:
    """The stated formula with sums or brackets that gives what the question asks, worked out with the asker's
    figures, and the units to quote; None unless every quantity is bound and the asker states one of them."""
    written = normalize_for_index(inp.norm_question)
    question = cantonese_to_mandarin(written.lower())
    if not chosen or not _ASKS_HOW_MUCH.search(question):
        return None
    doc_of = {n: h.chunk.doc_id for n, h in enumerate(inp.contexts, 1)}
    docs = {doc_of.get(c.n) for c in chosen}
    pool = chosen + [c for c in candidates if doc_of.get(c.n) in docs and c not in chosen]
    defined: dict[str, tuple[list[tuple[str, str]], Candidate]] = {}
    for unit in pool:
        if unit.kind != "table_row" and "=" in normalize_for_index(unit.text):
            for name, tokens in definitions_in(unit.text):
                defined.setdefault(name, (tokens, unit))
    if not defined:
        return None
    asked = set(tokenize(expand_query(question)))
    asker = asked_amount(written)
    rate = asked_rate(inp.norm_question, chosen)
    def naming(name: str) -> tuple[int, int]:
        """How well the question names a formula's quantity: 申购费 asked names 申购费用 before 净申购金额."""
        words = set(tokenize(name)) - generic_words()
        return sum(len(w) for w in words & asked), -len(words - asked)

    for name, (tokens, unit) in sorted(defined.items(), key=lambda d: naming(d[0]), reverse=True):
        if naming(name)[0] == 0:
            break  # the question does not ask for what this formula gives
        stating: list[Candidate] = [unit]
        asker_terms: dict[str, set[str]] = {}  # each figure the asker states → the quantities bound to it

        def bind(term: str, depth: int = 0):
            bound = _bind(term, depth)
            if bound is not None and not isinstance(bound, tuple) and bound.n == 0:
                asker_terms.setdefault(bound.shown, set()).add(term)
            return bound

        def _bind(term: str, depth: int = 0):
            if term in defined and term != name and depth < MAX_DEPTH:
                sub_tokens, sub_unit = defined[term]
                sub = ExpressionParser(sub_tokens, lambda t: bind(t, depth + 1))
                found = sub.parse()
                if found is None:
                    return None
                parser.leaves.extend(sub.leaves)
                stating.append(sub_unit)
                return found[0], f"({found[1]})" if _adds_outside_brackets(found[1]) else found[1]
            bound = stated_after_name(term, question)
            if bound is None and AMOUNT_TERM.search(term):
                bound = asker
            if bound is None and RATE_TERM.search(term):
                tier = _tier_rate(pool, asker.value) if asker is not None else None
                if tier is not None and _rate_names(tier[0], term, [tier[1]]):
                    bound, source = tier
                    stating.append(source)
                elif rate is not None and _rate_names(rate[0], term, chosen):
                    bound = rate[0]
            if bound is None:
                bound = stated_after_part(term, question)
            if bound is None:
                found = stated_in_sources(term, pool, question, asker.value if asker is not None else None)
                if found is not None:
                    bound, source = found
                    stating.append(source)
            return bound

        parser = ExpressionParser(tokens, bind)
        result = parser.parse()
        leaves = list({(o.shown, o.n): o for o in parser.leaves}.values())
        if result is None or len(leaves) < 2 or not any(o.n == 0 for o in leaves):
            continue
        if any(len(terms) > 1 for terms in asker_terms.values()):
            # 「申購了4個基數」 read as the units, the transaction fee and the handling fee alike: one figure the asker
            # states is one quantity, so a formula binding it to two has misread the question
            continue
        value, expression = result
        calc = Computation("formula", leaves[0], leaves[1], value, "", tuple(leaves[2:]), expression=expression)
        return calc, [u for u in dict.fromkeys(stating) if u not in chosen]
    return None
