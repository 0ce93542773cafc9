"""Reading a worked example a source gives: its premise's figures and its steps, each checked against the result
the source writes.

A step is a clause writing arithmetic and its result (「233 × 21.40＝4,986.20，四捨五入為4,986元」), or a label and a
figure that earlier figures explain: a rate the label states of one of them ("US withholding tax at 30%: US$76.80"
is 30% of 256.00), units times a price of the premise (「2,000股，成交價人民幣18.50元：」 then 「成交金額 人民幣37,000.00元」),
or a sum or difference of earlier results ("Net amount credited: US$177.92" is 256.00 − 76.80 − 1.28; a total of
every charge since the amount). A charge's stated minimum is kept with its step. A figure of the lines before the
steps (the premise) is a given; one that is a simple fraction of an earlier given of its kind (「持有30,000股…可獲發
15,000股」) follows that given. An example whose written arithmetic does not give its written result is not read.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from assistant.arithmetic import Operand
from assistant.composers.asked_quantities import MONEY_AFTER, MONEY_BEFORE, shown_with_scale
from assistant.composers.stated_expressions import ExpressionParser, expression_tokens
from assistant.currencies import currency_of
from assistant.number_tokens import NumberToken, numbers_in
from knowledge_base.lexical_tokens import cantonese_to_mandarin
from knowledge_base.scripts import fold_width, normalize_for_index

_CURRENCY = r"(?:(?:US|HK|NT|S|A)\$|RMB\s?|¥|\$)"
_NUM = rf"{_CURRENCY}?\s?\d[\d,]*(?:\.\d+)?%?(?:\s?(?:元|港元|美元|股|天))?"
_OPEN, _CLOSE = r"(?:\(\s*)*", r"(?:\s*\))*"
_EXPRESSION = rf"{_OPEN}{_NUM}(?:{_CLOSE}\s*[×*÷/+\-]\s*{_OPEN}{_NUM})+{_CLOSE}"
_STEP = re.compile(rf"(?P<expression>{_EXPRESSION})\s*=\s*(?P<result>{_NUM})")
_CHAINED = re.compile(rf"(?P<first>{_EXPRESSION})\s*=\s*{_EXPRESSION}\s*=\s*(?P<result>{_NUM})")
_TOKEN = re.compile(rf"\s*(?:(?P<number>{_NUM})|(?P<op>[×*÷/+\-()]))")
FIGURE = re.compile(rf"(?P<before>{_CURRENCY}?)(?P<digits>\d[\d,]*(?:\.\d+)?%?)(?P<after>(?:\s?(?:元|港元|美元|股|天|shares?\b))?)")
_ROUNDED = re.compile(r"^(?:…|\.{3})?\s*[，,]?\s*(?:再|then\s+)?(?P<mode>计为|計為|计收|計收|无条件舍去|無條件捨去|舍去|捨去|无条件进位|無條件進位|进位|進位|四舍五入|"
                      r"四捨五入|rounded\s+down|rounded\s+up|rounded)[^\d\n]{0,8}?(?P<value>\d[\d,]*(?:\.\d+)?)", re.I)
_CHARGED = re.compile(r"[收扣]|按最低|\bcharged?\b|\bso\b", re.I)  # the minimum taken: 「收HK$20」, "so US$5"
_MINIMUM = re.compile(r"(?:minimum|最低|最少|下限)[^\d\n]{0,12}?(\d[\d,]*(?:\.\d+)?)|(\d[\d,]*(?:\.\d+)?)\s*minimum", re.I)
_LABEL_END = re.compile(r"(?<!\d)[:：]|[:：](?!\d)")  # not a clock's 12:00
_CLAUSE = re.compile(r"[^；;。\n]+")
_WRAPPED = re.compile(r"[，,][ \t]*\n(?=[ \t]{2,}\S)")
# a section's heading or rule: an example's premise does not reach past it
_RULE = re.compile(r"^\s*(?:={3,}|-{3,}|\*{3,}|_{3,})\s*$")
_HEADING = re.compile(r"^\s*(?:#|[一二三四五六七八九十]+、|\d{1,2}\.\s+\S|\*\*[^*]+\*\*\s*$)")
# a section's heading between two steps (「## 二、融資範例」): the steps after it are another example's
_SECTION = re.compile(r"^\s*(?:#|[一二三四五六七八九十]+、)")
# 「**範例二：…**」, "Example 2:": another example, with a premise of its own (in a Markdown quote too: 「> **示例五…**」)
_NEW_EXAMPLE = re.compile(r"^\s*(?:>\s*)*(?:[-*•]\s*)?(?:\*\*|#+\s*)?(?:范例|範例|示例|例子|计算例|計算例|example)\s*[一二三四五六七八九十\d]", re.I)
# 「（2）如果某期浮動息率係4.36%」, "Case 2:", 「例二」: the next case of an example, on the same premise
_CASE = re.compile(r"^\s*(?:>\s*)*(?:[-*•]\s+)?(?:\*\*)?(?:[(（]\s*(?:\d{1,2}|[一二三四五六七八九十])\s*[)）]|例\s*[一二三四五六七八九十\d]|情[况況]\s*[一二三四五六七八九十\d]|"
                   r"(?:case|scenario|example)\s+\d{1,2}\b)", re.I)
# a rate below a floor the example then applies: 「息率係2.41%，低過3.85%，該期按3.85%計」, "2.41%, below the 3.85% floor"
_FLOOR = re.compile(r"(?P<rate>\d+(?:\.\d+)?)%[^。；;\n%]{0,8}?(?:低[于过於過]|below|under|less than)\s*(?:the\s+)?"
                    r"(?P<floor>\d+(?:\.\d+)?)%(?=[^。；;\n]{0,16}?(?:按|以|用|at|use|appl)[^。；;\n%]{0,6}?(?P=floor)%"
                    r"|\s*(?:floor|minimum|保底|最低))", re.I)
# 「未超過新臺幣20,000元」, "not exceeding HK$5,000", 「超过5万元」: a step's result tested against a threshold
_AT_MOST = r"未超过|未超過|不超过|不超過|未达|未達|低于|低於|少于|少於|not exceeding|does not exceed|below|under"
_CONDITION = re.compile(rf"(?P<word>{_AT_MOST}|超过|超過|高于|高於|exceeds?|above|over)\s*(?:新[台臺]币|新臺幣|港元|港币|港幣|"
                        r"人民币|人民幣|(?:NT|HK|US)\$|RMB)?\s*(?P<figure>\d[\d,]*(?:\.\d+)?)(?![\d%])", re.I)
PREMISE_LINES = 4  # lines before the first step that state the example's premise
STEP_GAP = 3  # lines between two steps of one example
# 「1,500股」, "400 shares", "3,000 Tessaline shares"
_SHARES_AFTER = re.compile(r"\s*(?:股|份(?!额|額))|\s+(?:[a-z][\w&.'-]*\s+){0,2}?(?:shares?|units?)\b", re.I)
_LOTS_AFTER = re.compile(r"\s*(?:手|張|张|(?:board\s+)?lots?\b)", re.I)
# 「5張（5,000股）」, 「10手（面值HK$100,000）」, "2 lots (1,000 shares)": what the lots come to, in brackets after them
_LOT_SIZE = re.compile(r"\s*(?:手|張|张|(?:board\s+)?lots?)\s*[(（]\s*(?:面值|即|共|合|face value(?: of)?|i\.e\.)?\s*"
                       r"(?:(?:HK|US|NT|S)?\$|RMB|港元|人民币|人民幣|新台币|新臺幣)?\s*$", re.I)
_TERM_AFTER = re.compile(r"\s*(?:天期|日期|-\s?days?\b|-day\b)", re.I)
_DAYS_AFTER = re.compile(r"\s*(?:天|个?自然日|calendar days?\b|days?\b)", re.I)
# 「計息日數20日」, 「持有天数：30天」: the words for a count of days before a figure of 日 or 天
_DAYS_COUNTED_BEFORE = re.compile(r"(?:日数|日數|天数|天數)\s*(?:[:：]|为|為|係|系|是|共|合共)?\s*$")
_DAY_AFTER = re.compile(r"\s*[日天]")
_DATE_AFTER = re.compile(r"\s*(?:[年月日号號]|(?:st|nd|rd|th)\b)|\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
                         r"|[:：]\d", re.I)
_DATE_BEFORE = re.compile(r"(?:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|月|\d[:：])\s*$", re.I)
_FRACTIONS = {Decimal(a) / Decimal(b) for a in range(1, 11) for b in range(2, 11) if a < b}
MAX_SUMMANDS = 3
LOT_SIZE_STEP = 100  # board lots of so many shares (100, 400, 1,000): a count of lots times one is shares


@dataclass
class Given:
    value: Decimal
    shown: str
    kind: str
    before: str  # the words just before it, index form
    follows: tuple[int, Decimal] | None = None  # (given, fraction): 「可獲發15,000股」 is half of 「持有30,000股」
    floors: int | None = None  # the given this one is the floor of: 「息率係2.41%，低過3.85%，該期按3.85%計」
    # the step whose result a step's own premise reads it from (「657股＝1手加157股碎股，當2手」 after 657 new shares):
    # worked again, it would follow that result in a way the example does not write
    of_step: int | None = None
    # (shares given, lot size, down | odd | up): 「15,000股＝7手加1,000股碎股，當8手計」 counts whole lots, the odd
    # shares, and the lots charged (an odd lot as one) of a holding, for any holding
    lots_of: tuple[int, Decimal, str] | None = None
    # (given, lower, upper): the part of a sum between two bounds, a tier of a fee charged in bands (「10,000,000×0.20%
    # ÷12＋4,800,000×0.15%÷12」 of 14,800,000: the first ten million, then the rest); no upper bound for the last
    tier_of: tuple[int, Decimal, Decimal | None] | None = None
    per: str | None = None  # money paid or received per month or per year (money_period)
    currency: str | None = None  # the currency it is written in (assistant/currencies.py), where one is


@dataclass
class Step:
    label: str
    tokens: list[tuple[str, str]]  # numbers written as the names "#k" of `leaves`
    leaves: list[tuple[str, int, Operand]]  # (given | step | constant, its index, the operand as the example states it)
    stated: Decimal  # the result as written (after the example's own rounding, where it rounds)
    places: int
    unit: tuple[str, str]  # the result's currency or unit before and after its digits
    rounding: str = ""  # down | up | half: the example rounds the worked value, then writes it
    minimum: Decimal | None = None  # "(above the US$1.00 minimum)"


@dataclass
class Example:
    n: int  # context number
    at: int = 0  # offset of its first step's line in the text read
    premise: str = ""  # the lines before its steps
    end: int = 0  # offset of the end of its last line
    givens: list[Given] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    # what the example concludes on its own figures: (the clause as written, at most (or over), the threshold, the
    # step it tests): 「實得借券費未超過新臺幣20,000元，不扣繳所得稅」 holds of its 1,580, not of every asker's figure
    conditions: list[tuple[str, bool, Decimal, int]] = field(default_factory=list)

    def codes(self) -> set[str]:
        """The securities the premise names by code (「投資00969」)."""
        return {g.shown for g in self.givens if g.kind == "plain" and is_code(g.shown)}


def value_of(digits: str) -> Decimal:
    return Decimal(digits.rstrip("%").replace(",", ""))


def places_of(digits: str) -> int:
    digits = digits.rstrip("%")
    return len(digits.split(".")[1]) if "." in digits else 0


_SCALE_WORD = re.compile(r"\s*(?:万|萬|亿|億|千)?")
_PRICE_BEFORE = re.compile(r"(?:价|價|净值|淨值|\bprice|\bnav)\s*(?:是|为|為|係|系|of|is|at)?\s*[:：]?\s*$", re.I)
# 「全部以51.00成交」: the figure a trade is done at is its price
_PRICE_AFTER = re.compile(r"\s*(?:元|蚊)?\s*(?:成交|成功(?:买入|买进|卖出|沽出|買入|買進|賣出))")


def figure_kind(text: str, t: NumberToken) -> str:
    """money | shares | lots | percent | term | days | date | plain, by the words around a number."""
    if t.percent:
        return "percent"
    if _DAYS_COUNTED_BEFORE.search(text[max(0, t.start - 8):t.start]) and _DAY_AFTER.match(text, t.end):
        return "days"  # 「計息日數20日」: a count of days, not the 20th
    if _DATE_AFTER.match(text, t.end) or _DATE_BEFORE.search(text[max(0, t.start - 10):t.start]):
        return "date"
    if t.scale > 1 and _SHARES_AFTER.match(text, _SCALE_WORD.match(text, t.end).end()):
        return "shares"  # 「20万股」: a count of shares, whatever its scale
    money = MONEY_BEFORE.search(text[max(0, t.start - 4):t.start]) or MONEY_AFTER.match(text, t.end) or t.scale > 1 \
        or _PRICE_BEFORE.search(text[max(0, t.start - 8):t.start]) \
        or _PRICE_AFTER.match(text, t.end)  # 「T日淨值29.8140」, 「以51.00成交」: a price, in money
    if not money and not t.decimals and "," not in t.raw and 1900 <= t.value <= 2100:
        return "date"  # a year
    if money:
        return "money"
    if _SHARES_AFTER.match(text, t.end):
        return "shares"
    if _LOTS_AFTER.match(text, t.end):
        return "lots"
    if _TERM_AFTER.match(text, t.end):
        return "term"
    return "days" if _DAYS_AFTER.match(text, t.end) else "plain"


# What a sum of money is paid or received per: 「年繳保費HK$60,000」 a year, "HK$4,260.00 a month" a month
_PER_BEFORE = {
    "month": re.compile(r"(?:每(?:个|個)?月|月供|月缴|月繳|月付|月领|月領|月收|\bmonthly|\ba month|\bper month)[^\d。；;\n]{0,6}$", re.I),
    "year": re.compile(r"(?:每年|年供|年缴|年繳|年付|年领|年領|\bannual(?:ly)?|\byearly|\ba year|\bper (?:year|annum))[^\d。；;\n]{0,6}$", re.I),
}
_PER_AFTER = {
    "month": re.compile(r"[\d,.]*\s*(?:元|港元|美元)?\s*(?:/\s*月|/\s*month|每月|一个月|一個月|a month\b|per month\b|monthly\b|each month\b|every month\b)", re.I),
    "year": re.compile(r"[\d,.]*\s*(?:元|港元|美元)?\s*(?:/\s*年|/\s*year|每年|一年|a year\b|per (?:year|annum)\b|annually\b|yearly\b|each year\b|every year\b|p\.a\.)", re.I),
}


def money_period(text: str, t: NumberToken) -> str | None:
    """month | year: the period a sum is stated per, by the words just before or after it; None where none is."""
    before = fold_width(text[max(0, t.start - 10):t.start])
    periods = {p for p, pattern in _PER_BEFORE.items() if pattern.search(before)} | \
        {p for p, pattern in _PER_AFTER.items() if pattern.match(fold_width(text[t.end:t.end + 16]))}
    return periods.pop() if len(periods) == 1 else None


def words_before(text: str, start: int) -> str:
    return cantonese_to_mandarin(normalize_for_index(text[max(0, start - 10):start]).lower())


def rounded(value: Decimal, places: int, mode: str = "half") -> Decimal:
    how = {"down": ROUND_FLOOR, "up": ROUND_CEILING}.get(mode, ROUND_HALF_UP)
    return value.quantize(Decimal(1).scaleb(-places), rounding=how)


def _reproduces(value: Decimal, stated: Decimal, places: int) -> bool:
    return rounded(value, places) == stated or rounded(value, places, "down") == stated


def work(tokens: list[tuple[str, str]], operands: list[Operand]) -> tuple[Decimal, str] | None:
    bound = {f"#{k}": o for k, o in enumerate(operands)}
    return ExpressionParser(tokens, bound.get).parse()


class _StepReader:
    """Reads one example's steps in order, each against its premise's givens and the results before it."""

    def __init__(self, example: Example):
        self.example = example
        self.results: list[Decimal] = []
        self.constants: list[Operand] = []  # figures of the steps' lines that no earlier figure explains

    def _operand(self, value: Decimal, shown: str, percent: bool) -> Operand:
        return Operand(value, shown, percent, self.example.n)

    def _leaf(self, value: Decimal, percent: bool, shown: str) -> tuple[str, int, Operand]:
        operand = self._operand(value, shown, percent)
        if not percent:
            for j in range(len(self.results) - 1, -1, -1):
                if self.results[j] == value:
                    return "step", j, operand
        for i, g in enumerate(self.example.givens):
            if g.value == value and (g.kind == "percent") == percent:
                return "given", i, operand
        if not percent and (i := self._shares_of_lots(value, shown)) is not None:
            return "given", i, operand  # 「48.50 × 15,000」 after 「15張」: the shares those lots come to
        return "constant", -1, operand

    def _shares_of_lots(self, value: Decimal, shown: str, lots: int | None = None) -> int | None:
        """A figure the premise's board lots (given `lots`, else any) come to at a whole lot size of a multiple of
        LOT_SIZE_STEP shares (「15張」, then 15,000 in the arithmetic): a given of shares following those lots, so
        the asker's lots give the asker's shares. None where no lots given divides it so, or where a given of
        shares is this figure already."""
        if any(g.kind == "shares" and g.value == value for g in self.example.givens):
            return None
        for i, g in enumerate(self.example.givens):
            if g.kind != "lots" or not g.value or g.value == value or lots not in (None, i) or any(
                    o.follows and o.follows[0] == i for o in self.example.givens):
                continue
            size = value / g.value
            if size == size.to_integral_value() and size % LOT_SIZE_STEP == 0:
                self.example.givens.append(Given(value, shown, "shares", g.before, follows=(i, size.quantize(1))))
                return len(self.example.givens) - 1
        return None

    def _add(self, step: Step, written: str) -> None:
        m = _MINIMUM.search(written)
        if m is not None and value_of(m.group(1) or m.group(2)) <= step.stated:
            step.minimum = value_of(m.group(1) or m.group(2))
        elif m is not None and _CHARGED.search(written[m.start():]):
            # 「1,250.00 × 0.50%＝HK$6.25，低過最低收費，收HK$20.00」: the minimum is what is charged and carried on
            step.minimum = step.stated = value_of(m.group(1) or m.group(2))
        self.example.steps.append(step)
        self.results.append(step.stated)

    def written(self, label: str, m: re.Match[str], rest: str) -> bool | None:
        """「233 × 21.40＝4,986.20，四捨五入為4,986元」: False where the arithmetic does not give the written result,
        None where it is no arithmetic this reads."""
        tokens, result = expression_tokens(m.group("expression"), _TOKEN), FIGURE.search(m.group("result"))
        if tokens is None or result is None:
            return None
        while tokens and tokens[0] == ("op", "(") and tokens.count(("op", "(")) > tokens.count(("op", ")")):
            tokens = tokens[1:]  # 「（(37.5 + 7.5) ÷ 30 = 150%）」: the bracket the remark opens with
        named, leaves = [], []
        for kind, text in tokens:
            figure = FIGURE.search(text) if kind == "number" else None
            if figure is None:
                named.append((kind, text))
                continue
            digits = figure.group("digits")
            leaves.append(self._leaf(value_of(digits), digits.endswith("%"), text))
            named.append(("name", f"#{len(leaves) - 1}"))
        digits = result.group("digits")
        unit = (result.group("before"), result.group("after"))
        if digits.endswith("%"):  # 「60 ÷ 30 = 200%」: the ratio written as a percentage
            leaves.append(("constant", -1, self._operand(Decimal(100), "100", False)))
            named = [("op", "("), *named, ("op", ")"), ("op", "×"), ("name", f"#{len(leaves) - 1}")]
            unit = ("", "%")
        step = Step(label, named, leaves, value_of(digits), places_of(digits), unit)
        worked = work(named, [leaf[2] for leaf in leaves])
        if worked is None:
            return None
        if not _reproduces(worked[0], step.stated, step.places):
            return False
        rounding = _ROUNDED.match(rest)
        if rounding is not None:
            mode = rounding.group("mode").lower()
            step.rounding = "down" if re.search(r"舍去|捨去|down", mode) else "up" if re.search(r"进位|進位|up", mode) else "half"
            step.places, step.stated = places_of(rounding.group("value")), value_of(rounding.group("value"))
            if re.search(r"计|計", mode):  # 「＝2,266.67，計為NT$2,267」 names no way of rounding: the one that gives it
                step.rounding = next((how for how in ("half", "down", "up")
                                      if rounded(worked[0], step.places, how) == step.stated), "half")
            if rounded(worked[0], step.places, step.rounding) != step.stated:
                return False
        self._split_given(leaves)
        self._add(step, rest)
        return True

    def _split_given(self, leaves: list[tuple[str, int, Operand]]) -> None:
        """Figures of a step that add up to a sum of the premise, each charged its own rate (「10,000,000×0.20%÷12＋
        4,800,000×0.15%÷12」 of 14,800,000): the sum's bands, in the order written, which follow the asker's sum."""
        parts = [k for k, (kind, _, operand) in enumerate(leaves) if kind == "constant" and not operand.percent]
        for i, g in enumerate(self.example.givens):
            if g.kind != "money" or g.tier_of is not None:
                continue
            for size in range(2, MAX_SUMMANDS + 1):
                for chosen in itertools.combinations(parts, size):
                    if sum(leaves[k][2].value for k in chosen) != g.value or any(leaves[k][2].value <= 0 for k in chosen):
                        continue
                    lower = Decimal(0)
                    for position, k in enumerate(chosen):
                        operand = leaves[k][2]
                        upper = lower + operand.value if position < size - 1 else None
                        self.example.givens.append(Given(operand.value, operand.shown, "money", g.before,
                                                         tier_of=(i, lower, upper)))
                        leaves[k] = ("given", len(self.example.givens) - 1, operand)
                        lower += operand.value
                    return

    def _charged_at_least(self, minimum: Decimal) -> bool:
        """「代收利息手續費0.20%即HK$3.85，低過最低收費，收HK$10」: the charge the last step worked at a rate is the
        minimum the next clause states instead; that step charges at least it."""
        if not self.example.steps:
            return False
        last = self.example.steps[-1]
        rate_step = len(last.leaves) == 2 and last.leaves[1][2].percent and [t for k, t in last.tokens if k == "op"] == ["×"]
        if not rate_step or last.minimum is not None or last.stated >= minimum:
            return False
        last.minimum, last.stated = minimum, minimum
        self.results[-1] = minimum
        return True

    def labelled(self, label: str, after: str, figure: re.Match[str]) -> bool:
        """A label and a figure: a rate the label states of an earlier figure, or earlier results added up."""
        digits = figure.group("digits")
        value, places, unit = value_of(digits), places_of(digits), (figure.group("before"), figure.group("after"))
        rates = [t for t in numbers_in(label) if t.percent]
        floor = _MINIMUM.search(f"{label} {after}")
        if not rates and floor is not None and value_of(floor.group(1) or floor.group(2)) == value and self._charged_at_least(value):
            return True
        results = [("step", j, self._operand(v, formatted(v, self.example.steps[j].places), False))
                   for j, v in enumerate(self.results)]
        if len(rates) == 1:
            rate = self._operand(rates[0].value, f"{rates[0].raw}%", True)
            bases = results[::-1] + [("given", i, self._operand(g.value, g.shown, False))
                                     for i, g in enumerate(self.example.givens) if g.kind in ("money", "shares")]
            floor = _MINIMUM.search(f"{label} {after}")
            least = value_of(floor.group(1) or floor.group(2)) if floor else Decimal(0)
            base = next((b for b in bases if _reproduces(b[2].value * rate.value / 100, value, places)), None)
            if base is None and least:
                # the minimum charged: any base gives it, so the one whose charge the line writes
                # (「0.08%（29.60元，低於最低收費）」), else the largest, the amount charges are taken on
                written = {value_of(f.group("digits")): places_of(f.group("digits")) for f in FIGURE.finditer(label)}
                floored = [b for b in bases if _reproduces(max(b[2].value * rate.value / 100, least), value, places)]
                base = next((b for b in floored if rounded(b[2].value * rate.value / 100, 2) in written),
                            max(floored, key=lambda b: b[2].value, default=None))
                if base is not None:  # 「0.20%即HK$3.85，…收HK$10」: a charge above the minimum is kept to its cents
                    places = max(places, written.get(rounded(base[2].value * rate.value / 100, 2), places))
            if base is None:
                return False
            self._add(Step(label, [("name", "#0"), ("op", "×"), ("name", "#1")], [base, ("constant", -1, rate)],
                            value, places, unit), f"{label} {after}")
            return True
        # 「成交金額 人民幣37,000.00元」 after 「2,000股，成交價人民幣18.50元：」: units times price; 「3張，成交價36.15元」
        # then 「成交金額108,450元」: the lots at a whole lot size times the price
        lots = [i for i, g in enumerate(self.example.givens) if g.kind == "lots" and g.value]
        for price in [g.value for g in self.example.givens if g.kind == "money" and g.value]:
            shares = value / price
            for i in lots if shares == shares.to_integral_value() else ():
                self._shares_of_lots(shares.quantize(1), formatted(shares, 0), lots=i)
        if not any(value == r for r in self.results):
            givens = list(enumerate(self.example.givens))
            for (i, units), (j, price) in itertools.product(givens, givens):
                if units.kind == "shares" and price.kind == "money" and units.value * price.value == value:
                    leaves = [("given", i, self._operand(units.value, units.shown, False)),
                              ("given", j, self._operand(price.value, price.shown, False))]
                    self._add(Step(label, [("name", "#0"), ("op", "×"), ("name", "#1")], leaves, value, places, unit), "")
                    return True
        for size in range(len(results), 1, -1):  # a total of every charge since the amount: 「合共應付」
            terms = results[-size:]
            for sign in "+-":
                total = terms[0][2].value + sum(t[2].value if sign == "+" else -t[2].value for t in terms[1:])
                if total == value:
                    tokens = [("name", "#0")]
                    for k in range(1, size):
                        tokens += [("op", sign), ("name", f"#{k}")]
                    self._add(Step(label, tokens, list(terms), value, places, unit), "")
                    return True
        constants = [("constant", -1, c) for c in self.constants[-3:]]
        for size in range(2, MAX_SUMMANDS + 1):
            for terms in itertools.combinations(results[-6:] + constants, size):
                if terms[0][0] != "step":
                    continue
                for signs in itertools.product("+-", repeat=size - 1):
                    total = terms[0][2].value + sum(t[2].value if s == "+" else -t[2].value for s, t in zip(signs, terms[1:]))
                    if total != value:
                        continue
                    tokens = [("name", "#0")]
                    for k, s in enumerate(signs, 1):
                        tokens += [("op", s), ("name", f"#{k}")]
                    self._add(Step(label, tokens, list(terms), value, places, unit), "")
                    return True
        self.constants.append(self._operand(value, digits, False))
        return False


def _count_lots(givens: list[Given], sequence: list[int]) -> None:
    """「15,000股＝7手加1,000股碎股，當8手計」: shares, whole lots, odd shares and the lots counted, one after another,
    where the holding is the whole lots at one lot size plus the odd shares: each follows the holding."""
    for a, b, c, d in zip(sequence, sequence[1:], sequence[2:], sequence[3:]):
        held, whole, odd, counted = givens[a], givens[b], givens[c], givens[d]
        if (held.kind, whole.kind, odd.kind, counted.kind) != ("shares", "lots", "shares", "lots") or not whole.value:
            continue
        size = (held.value - odd.value) / whole.value
        if size != size.to_integral_value() or not 0 < odd.value < size or counted.value not in (whole.value, whole.value + 1):
            continue
        whole.lots_of, odd.lots_of = (a, size, "down"), (a, size, "odd")
        counted.lots_of = (a, size, "up" if counted.value > whole.value else "down")


def lots_for(shares: Decimal, size: Decimal, mode: str) -> Decimal:
    """Of a holding at a lot size: its whole lots (down), its odd shares (odd), or its lots with an odd lot counted
    as one (up)."""
    whole = shares // size
    if mode == "odd":
        return shares - whole * size
    return whole + 1 if mode == "up" and shares > whole * size else whole


def _premise(example: Example, lines: list[str]) -> None:
    for line in lines:
        line = _CASE.sub(lambda m: " " * len(m.group()), line)  # a case's number is no figure of it
        previous: tuple[NumberToken, int] | None = None  # the last figure read and its given
        sequence: list[int] = []  # the givens the line names, in its order
        for t in numbers_in(line, skip_names=False):
            kind = figure_kind(line, t)
            value = t.value * t.scale
            if kind == "date":
                continue
            before = words_before(line, t.start)
            same = next((g for g in example.givens if g.value == value and g.kind == kind), None)
            if same is not None:  # 「以自有资金30万元…随后融资30万元」: one figure, named both ways
                same.before += f" {before}"
                previous = (t, example.givens.index(same))
                sequence.append(previous[1])
                continue
            shown = shown_with_scale(line, t) + ("%" if t.percent else "")
            given = Given(value, shown, kind, before, per=money_period(line, t) if kind == "money" else None,
                          currency=currency_of(line, t.start, t.end) if kind == "money" else None)
            if kind == "shares":  # 「持有30,000股…可獲發15,000股」: an entitlement in proportion to the holding
                given.follows = next(((j, value / g.value) for j, g in enumerate(example.givens)
                                      if g.kind == kind and g.value and value / g.value in _FRACTIONS), None)
            if previous is not None and example.givens[previous[1]].kind == "lots" and kind in ("shares", "money") \
                    and _LOT_SIZE.fullmatch(line[previous[0].end:t.start]) and value % example.givens[previous[1]].value == 0:
                given.follows = (previous[1], value / example.givens[previous[1]].value)  # so many lots come to this
            example.givens.append(given)
            previous = (t, len(example.givens) - 1)
            sequence.append(previous[1])
        _count_lots(example.givens, sequence)
        for m in _FLOOR.finditer(normalize_for_index(line)):
            rate, floor = (next((i for i, g in enumerate(example.givens) if g.kind == "percent" and g.value == value_of(v)), None)
                           for v in (m.group("rate"), m.group("floor")))
            if rate is not None and floor is not None and rate != floor:
                example.givens[floor].floors = rate


def _runs(lines: list[str]) -> list[tuple[int, int]]:
    """(first, last) line of each run of step lines, with the labelled lines right after the last."""
    steps = step_lines(lines)
    runs: list[list[int]] = []
    for i in steps:
        if runs and i - runs[-1][-1] <= STEP_GAP and not any(
                _starts_case(lines[j]) or _NEW_EXAMPLE.match(lines[j]) for j in range(runs[-1][-1] + 1, i + 1)) \
                and not any(_SECTION.match(lines[j]) for j in range(runs[-1][-1] + 1, i)):
            runs[-1].append(i)
        else:
            runs.append([i])
    out = []
    for run in runs:
        last = run[-1]
        # the labelled lines after, a line the last one's sentence runs on into (「…即HK$3.85，」 then 「收HK$10」), and
        # one testing a result against a threshold (「實得借券費未超過新臺幣20,000元」)
        while last + 1 < len(lines) and last - run[-1] < STEP_GAP and (
                _LABEL_END.search(lines[last + 1]) or re.search(r"[，,、]\s*$", lines[last])
                or _CONDITION.search(lines[last + 1])) \
                and not _RULE.match(lines[last + 1]) and not _HEADING.match(lines[last + 1]) \
                and not _starts_case(lines[last + 1]) and not _NEW_EXAMPLE.match(lines[last + 1]):
            last += 1
        out.append((run[0], last))
    taken = {i for first, last in out for i in range(first, last + 1)}
    for i, line in enumerate(lines):  # 「…2,000股，成交價人民幣18.50元：」 then one figure a line, no arithmetic written
        if not re.search(r"[:：]\s*$", line) or i + 1 in taken:
            continue
        last = i
        while last + 1 < len(lines) and lines[last + 1].strip() and _last_figure(lines[last + 1]) is not None \
                and not _RULE.match(lines[last + 1]) and not _HEADING.match(lines[last + 1]):
            last += 1
        # lines that lead into written arithmetic are that example's premise (「实际计息天数：3天」), not one of their own
        if last - i >= 2 and not taken & set(range(i + 1, last + 1)) and last + 1 not in taken:
            out.append((i + 1, last))
    return sorted(out)


def _last_figure(line: str) -> re.Match[str] | None:
    """A table line's figure: its last, neither a rate nor a date, after words that name it."""
    figures = [f for f in FIGURE.finditer(line) if not f.group("digits").endswith("%")
               and not _DATE_AFTER.match(line, f.end("digits"))]
    if not figures or not re.search(r"[\u4e00-\u9fffA-Za-z]", line[:figures[-1].start()]):
        return None
    return figures[-1]


def _premise_lines(lines: list[str], first: int, floor: int = 0) -> list[str]:
    """The lines before an example's first step that state its premise, not reaching back past line `floor` (where
    the example before it ended)."""
    if _NEW_EXAMPLE.match(lines[first]):
        return []  # 「> **示例五（活动利率）：** 存入…30,000美元，到期利息 ＝ …」: the step's own line states its premise
    start, taken = first, 0
    while start > floor and taken < PREMISE_LINES and not _RULE.match(lines[start - 1]) \
            and not _HEADING.match(lines[start - 1]):
        start -= 1
        taken += not _TABLE_RULE.match(lines[start])  # a step table's 「|---|---|」 is no line of the premise
        if _NEW_EXAMPLE.match(lines[start]):
            break  # the lines above are the example before
    if start > floor and _HEADING.match(lines[start - 1]):
        start -= 1  # a heading that states the premise (「六、計算例子：陳生揸30,000股匯銘」)
    return lines[start:first]


def _read_from_results(added: list[Given], results: list[Decimal]) -> None:
    """Givens a step's clause states where one of them is an earlier step's result: all of them follow from it."""
    source = next((results.index(g.value) for g in added if g.value in results), None)
    for g in added if source is not None else ():
        g.of_step = source


_SUPPOSING = re.compile(r"如果|假如|假设|假設|若|倘若|\bif\b|\bsuppose\b|\bassum", re.I)


def _starts_case(line: str) -> bool:
    """A case's marker (「（2）如果某期息率係4.80%…：」) starts a case of its own; a numbered line working its own
    arithmetic with no supposition and no sum of its own (「（2）新股數目：6,000.00 ÷ 9.12＝657.89」) is a step of the
    case it is in."""
    if _CASE.match(line) is None:
        return False
    step = _STEP.search(fold_width(line).replace("−", "-"))
    if step is None or _SUPPOSING.search(line[:step.start()]) is not None:
        return True
    # 「**例二：**林女士…交付NT$14,800,000…：10,000,000×0.20%÷12＋…」: a case stating its own sum before its arithmetic
    before = fold_width(line[:step.start()])
    return any(figure_kind(before, t) == "money" for t in numbers_in(before, skip_names=False))


def _shared(premise: list[str]) -> list[str]:
    """The lines of a premise before its first case's marker: what the example's later cases work on too."""
    return next((premise[:k] for k, line in enumerate(premise) if _starts_case(line)), [])


def premise_cut(lines: list[str], first: int) -> bool:
    """The example starting at line `first` may have its premise in the text before `lines`: fewer lines than a
    premise takes precede it, and no heading or rule among them starts it."""
    return first < PREMISE_LINES and not any(_RULE.match(line) or _HEADING.match(line) for line in lines[:first])


_RESULT_CELL = re.compile(rf"\s*{_NUM}\s*")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
_NAMED_FIGURE = re.compile(r"(?<=[\u4e00-\u9fffA-Za-z])(\d[\d,]*(?:\.\d+)?)(?![\d%])")


def _table_step(line: str) -> str:
    """A step table's row (「| 申購價金 | T日淨值29.8140 × 500,000 | 14,907,000元 |」) as the clause it stands for
    (「 申購價金 ： T日淨值29.8140 × 500,000 = 14,907,000元 ;」), character for character, so every offset holds: the
    label's bar is a colon, the bar between the arithmetic and its result an equals sign (「為」 where the
    arithmetic already has one and rounds it: 「14,907,000 × 0.05%=7,453.5，四捨五入 | 7,454元」), the others end it."""
    if not line.lstrip().startswith("|"):
        return line
    bars = [i for i, ch in enumerate(line) if ch == "|"]
    cells = [line[a + 1:b] for a, b in zip(bars, bars[1:])]
    for i in range(1, len(cells) - 1):
        if re.search(_EXPRESSION, cells[i]) and _RESULT_CELL.fullmatch(cells[i + 1]) and not re.search(_NUM, cells[0]):
            out = list(line)
            out[bars[0]] = " "
            for j in range(1, i + 1):
                out[bars[j]] = ":" if j == i else ";"
            out[bars[i + 1]] = "為" if "=" in cells[i] else "="
            for j in range(i + 2, len(bars)):
                out[bars[j]] = ";"
            return "".join(out)
    return line


def read_examples(n: int, text: str) -> list[Example]:
    """Every worked example of one context: its premise's givens and its steps, each reproducing its result."""
    # read on width-folded text (ASCII digits, brackets, signs), which keeps every offset: labels are shown as written
    # a step's line wrapped in a fixed-width text (「…8 × HK$1.00＝HK$8.00，⏎      低過最低收費，收HK$50.00」) goes on in
    # the indented line after its comma; a space for the line break keeps every offset
    text = _WRAPPED.sub(lambda m: m.group(0).replace("\n", " "), text)
    folded = fold_width(text).replace("−", "-").replace("–", "-").split("\n")
    lines = [_table_step(line) for line in folded]
    # a step table's bars, read as the clause's marks, are not shown in its labels either
    written = ["".join(new if old == "|" else w for w, old, new in zip(as_written, before, after))
               for as_written, before, after in zip(text.split("\n"), folded, lines)]
    starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
    out = []
    floor, shared = 0, []
    for first, last in _runs(lines):
        premise = _premise_lines(lines, first, floor)
        if premise and _starts_case(premise[0]) and shared:
            premise = shared + premise  # 「（2）…」 after 「例子：何太揸住10手…（1）…」: the same holding
        else:
            shared = _shared(premise)
        floor = last + 1
        example = Example(n, starts[first], "\n".join(premise), starts[last + 1] - 1)
        _premise(example, premise)
        reader = _StepReader(example)
        understood = True
        for line, as_written in zip(lines[first:last + 1], written[first:last + 1]):
            for match in _CLAUSE.finditer(line):
                clause, shown = match.group(0), as_written[match.start():match.end()]
                # 「6,000.00 － 657 × 9.12＝6,000.00 － 5,991.84＝HK$8.16」: the first arithmetic and the last result
                clause = _CHAINED.sub(lambda c: f"{c.group('first')}={c.group('result')}", clause)
                m = _STEP.search(clause)
                if m is not None:
                    # 「以…收市價HK$0.62計：理論除權價＝…」 states its own given, as does a figure named in the arithmetic
                    # (「T日淨值29.8140 × 500,000」) that no earlier step gives
                    named = _NAMED_FIGURE.match(clause, m.start())
                    if named is not None and value_of(named.group(1)) in reader.results:
                        named = None
                    before = len(example.givens)
                    _premise(example, [clause[:m.start()] if named is None else clause[:named.end()]])
                    _read_from_results(example.givens[before:], reader.results)
                    label = shown[:m.start()]
                    if named is not None and (ends := list(_LABEL_END.finditer(label))):
                        label = label[:ends[-1].start()]  # 「申購價金：T日淨值29.8140 × …」 works out 申購價金
                    understood = reader.written(_label(label, named=True), m, clause[m.end():]) is not False
                elif (condition := _CONDITION.search(clause)) is not None and example.steps and not _MINIMUM.search(clause):
                    # (「低於最低收費HK$20，收HK$20」 is a charge's minimum, read as a labelled figure)
                    _tested(example, re.sub(r"^[\s\-*•·]+", "", shown).strip(), condition)
                elif ends := list(_LABEL_END.finditer(clause)):
                    after = clause[ends[-1].end():]
                    figure = next((f for f in FIGURE.finditer(after) if not f.group("digits").endswith("%")
                                   and not _DATE_AFTER.match(after, f.end("digits"))), None)
                    if figure is not None:
                        # 「15張全部以48.20元成交：成交金額723,000元」 states the price its amount is worked at
                        _premise(example, [clause[:ends[-1].start()]])
                        named = re.sub(r"^[\s\-*•·]+|[\s(（]+$", "", shown[ends[-1].end():][:figure.start()])
                        reader.labelled(named if re.search(r"[\u4e00-\u9fffA-Za-z]", named) else
                                        _label(shown[:ends[-1].start()]), after, figure)
                elif (figure := _last_figure(clause)) is not None:
                    reader.labelled(_label(shown[:figure.start()]), clause[figure.start():], figure)
                if not understood:
                    break
            if not understood:
                break
        if understood and example.steps:
            out.append(example)
    return out


def _tested(example: Example, clause: str, condition: re.Match[str]) -> None:
    """A clause testing a step's result against a threshold (「實得借券費未超過新臺幣20,000元」): the latest step that
    it holds of, whose label shares a word with the clause where one does."""
    at_most = re.fullmatch(_AT_MOST, condition.group("word"), re.I) is not None
    threshold = value_of(condition.group("figure"))
    holding = [k for k, step in enumerate(example.steps)
               if (step.stated <= threshold if at_most else step.stated > threshold)]
    named = [k for k in holding if _shares_a_word(example.steps[k].label, clause[:condition.start()])]
    if named or holding:
        example.conditions.append((clause, at_most, threshold, (named or holding)[-1]))


def _shares_a_word(a: str, b: str) -> bool:
    grams = lambda t: {t[i:i + 2] for i in range(len(t) - 1)}  # noqa: E731
    return bool(grams(normalize_for_index(a)) & grams(normalize_for_index(b)))


_CURRENCY_WORD = re.compile(r"(?:人民币|人民幣|港币|港幣|港元|美元|新台币|新臺幣|新台幣|RMB|HKD|USD|NT)\s*$", re.I)


def _label(text: str, named: bool = False) -> str:
    """What a step works out: the words before its figure, after any premise the line states first (「以…收市價HK$0.62
    計：理論除權價＝」 is 理論除權價), without a table line's padding and currency. `named`: the words right before 「＝」,
    after the clause that states the step's own figures."""
    text = re.sub(r"[\s:：=＝，,]+$", "", text)
    ends = list(_LABEL_END.finditer(text))
    name = text[ends[-2].end() if len(ends) >= 2 else 0:ends[-1].start()] if ends else ""
    if named and ends and re.search(r"\d", text[ends[-1].end():]) and re.search(r"[\u4e00-\u9fff]{2}", _CASE.sub("", name)) \
            and not re.search(r"\d", _CASE.sub("", name)) and not _NEW_EXAMPLE.match(name):
        # 「（6）代收新股手續費：657股＝1手加157股碎股，當2手：」: the step's own figures follow its name (not an
        # example's title: 「**示例五（活动利率）：** 存入…30,000美元，到期利息 ＝」 works out 到期利息)
        text = name
    else:
        text = text[ends[-1].end():] if ends else text
    if named:  # what 「＝」 follows: 「融资30万元实际使用20天，融资利息＝」 works out 融资利息
        last = re.split(r"[，,]", text)[-1]
        text = last if re.search(r"[\u4e00-\u9fffA-Za-z]{2}", last) else text
    text = re.sub(r"^(?:[\s\-*•·]+|\d{1,2}[.、)]\s+)+", "", text)
    return re.sub(r"\s{2,}", " ", _CURRENCY_WORD.sub("", text)).strip()


def step_lines(lines: list[str]) -> list[int]:
    """The lines that work arithmetic to a written result."""
    return [i for i, line in enumerate(lines) if _STEP.search(fold_width(line).replace("−", "-").replace("–", "-"))]


def is_code(digits: str) -> bool:
    return re.fullmatch(r"0\d{3,5}|[1-9]\d{3,5}", digits) is not None


def formatted(value: Decimal, places: int) -> str:
    return f"{rounded(value, places):,.{places}f}"
