"""A loan's equal periodic payment (等额本息, 本息平均攤還, "equal monthly instalments") worked out for the asker's
principal and number of periods: principal × r × (1 + r)^n ÷ ((1 + r)^n − 1), r the annual rate ÷ 12.

Only where the sources show that this is how they compute it: one of their own examples pays an amount that the
formula gives from its principal, periods and rate (「剩餘本金NT$282,554、剩餘84期…按2.04%重新計算：月付金NT$3,612」).
That example also gives the rate, unless the asker states one, and the rounding (whole dollars where it pays whole
dollars). A loan repaid otherwise (equal principal, a balloon) has no such example, and nothing is computed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from assistant.arithmetic import Computation, Operand
from assistant.composers.base import CompositionInput
from assistant.composers.extractive_arithmetic import asked_amount
from assistant.composers.extractive_candidates import Candidate
from assistant.number_tokens import NumberToken, numbers_in
from knowledge_base.scripts import normalize_for_index

# 「月付金是多少」, 「月供多少」, 「每月要还多少」, "monthly instalment", "monthly repayment"
_ASKS_INSTALMENT = re.compile(r"月供|月付金|每月(?:应|要)?(?:还|缴|供)款?(?:金额)?\s*(?:是|为|会|要)?\s*(?:多少|几多|变成)|"
                              r"\bmonthly (?:instal?l?ment|repayment|payment)s?\b|\b(?:instal?l?ment|repayment)s? (?:be|is|will)\b",
                              re.I)
# a count of periods: 「剩餘84期」, 「60个月」, "70 monthly instalments", "84 months" (not 「第12期」, an ordinal)
_PERIODS = re.compile(r"(?<![\d.,第])(\d{1,3})\s*(?:期(?!间|限)|个月|months?\b|(?:monthly\s+)?(?:instal?l?ments?|repayments?|payments?)\b)",
                      re.I)
TOLERANCE = Decimal("0.002")  # of the payment, or one unit: the example's rounding


@dataclass(frozen=True)
class _Example:
    n: int  # context number
    rate: NumberToken
    payment: NumberToken
    at: int  # position of the paragraph in its context (later examples come after earlier ones)


def payment(principal: Decimal, annual_percent: Decimal, periods: int) -> Decimal:
    r = annual_percent / Decimal(1200)
    if r == 0:
        return principal / periods
    grown = (1 + r) ** periods
    return principal * r * grown / (grown - 1)


def _periods(text: str) -> list[int]:
    return list(dict.fromkeys(int(m.group(1)) for m in _PERIODS.finditer(text) if int(m.group(1)) > 1))


def _examples(inp: CompositionInput) -> list[_Example]:
    """The sources' paragraphs whose figures pay by the formula: a principal, a rate, a count of periods and the
    payment it gives, within the rounding."""
    found = []
    for n, hit in enumerate(inp.contexts, 1):
        for at, paragraph in enumerate(normalize_for_index(hit.chunk.text).split("\n")):
            tokens = numbers_in(paragraph)
            rates = [t for t in tokens if t.percent and 0 < t.value < 30]
            amounts = [t for t in tokens if not t.percent and t.value >= 100]
            counts = _periods(paragraph)
            if not rates or len(amounts) < 2 or not counts:
                continue
            for principal in amounts:
                for rate in rates:
                    for periods in counts:
                        due = payment(principal.value, rate.value, periods)
                        paid = next((m for m in amounts if m is not principal and
                                     abs(m.value - due) <= max(Decimal(1), due * TOLERANCE)), None)
                        if paid is not None:
                            found.append(_Example(n, rate, paid, at))
    return found


def equal_instalment(inp: CompositionInput, candidates: list[Candidate]) -> tuple[Computation, list[Candidate]] | None:
    """The payment for the asker's principal and periods, at the rate they state or the one the sources' example
    pays at, and the units stating that example; None unless the question asks for a periodic payment, states one
    principal and one count of periods, and a source's example pays by the formula."""
    question = normalize_for_index(inp.norm_question)
    if not _ASKS_INSTALMENT.search(question.lower()):
        return None
    principal, counts = asked_amount(question), _periods(question)
    if principal is None or len(counts) != 1:
        return None
    examples = _examples(inp)
    if not examples:
        return None
    example = max(examples, key=lambda e: (e.n == examples[0].n, e.at))  # the last example of the first source
    stated = [t for t in numbers_in(question) if t.percent]
    if len({t.value for t in stated}) > 1:
        return None  # two rates of the asker's: which one pays is theirs to say
    rate = Operand(stated[0].value, f"{stated[0].raw}%", True, 0) if stated else \
        Operand(example.rate.value, f"{example.rate.raw}%", True, example.n)
    periods = counts[0]
    places = Decimal(1).scaleb(-example.payment.decimals)
    value = payment(principal.value, rate.value, periods).quantize(places, rounding=ROUND_HALF_UP)
    r = f"{rate.shown} ÷ 12"
    expression = f"{principal.shown} × {r} × (1 + {r})^{periods} ÷ ((1 + {r})^{periods} − 1)"
    count = Operand(Decimal(periods), str(periods), False, 0)
    stating = [c for c in candidates if c.n == example.n and example.payment.raw in normalize_for_index(c.text)]
    return Computation("formula", principal, rate, value, "", (count,), expression=expression), stating[:1]
