"""What a holding receives or pays: the units the asker holds (「我手上有20,000個單位」, 「一手」) times the
per-unit amount a chosen source states (「每基金單位分派(港仙): 13.87」), computed here and shown with both
inputs and their [n]. A board lot is read from the sources (「每手買賣單位為500個單位」); an amount stated in a
currency's hundredth (港仙, cents) is divided by 100. Words in `assistant/data/holding_words.tsv`.

Nothing is computed unless the question asks for an amount of money, states exactly one holding, and the chosen
units state exactly one per-unit amount for what the question names.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal

from assistant.arithmetic import HOLDING, Computation, Operand
from assistant.chinese_numerals import chinese_numeral_value
from assistant.figures.question_numbers import count_value
from assistant.composers.asked_quantities import any_pattern, lot_size, patterns_of, prices_a_trade, stated_lots, stated_units
from assistant.composers.extractive_candidates import Candidate
from assistant.number_tokens import numbers_in
from assistant.share_classes import asked_classes, names_class
from assistant.tables import cell_number, header_cells, row_cells, row_date
from knowledge_base.lexical_tokens import cantonese_to_mandarin, compound_parts, english_for, expand_query, tokenize
from knowledge_base.scripts import normalize_for_index

_ASKS_MONEY = re.compile(r"(多少|几多)(钱|元|块|美元|港元|港币|新台币|人民币|现金)|how much (money|income|cash|in dividends|would i|will i|do i)"
                         r"|how many dollars", re.I)


def _per_lot_amount(units: list[Candidate]) -> tuple[Operand, Candidate] | None:
    """The one amount of money the units state for a board lot (「入場費 | 約4,848.41港元」), with its unit."""
    found: dict[Decimal, tuple[Operand, Candidate]] = {}
    for c in units:
        if c.kind == "table_row" and c.header:
            cells = row_cells(c.text)
            # the label is the row's first cell (「入場費 | 約4,848.41港元」) or the value's column name
            labelled: list[tuple[str, str | None]] = [(cells[0], cell) for cell in cells[1:2]]
            labelled += list(zip(header_cells(c.header), cells))[1:]
        else:
            labelled = [(c.text, None)]  # a sentence: the figure right after the word (「入場費約3,030元」)
        for label, value in labelled:
            marker = any_pattern("per_lot", normalize_for_index(label).lower())
            if marker is None:
                continue
            text = value if value is not None else normalize_for_index(c.text).lower()[marker.end():marker.end() + 16]
            amounts = [t for t in numbers_in(text) if not t.percent and t.scale == 1]
            if len(amounts) == 1:
                found.setdefault(amounts[0].value, (Operand(amounts[0].value, amounts[0].raw, False, c.n), c))
    return next(iter(found.values())) if len(found) == 1 else None


def _names(text: str, words: set[str]) -> bool:
    """The text names a question word: as written, or, in an English source, in its English forms (末期息 in "a
    final dividend of HK18.0 cents per share")."""
    norm = normalize_for_index(text).lower()
    return any(w in norm or any(re.search(rf"\b{re.escape(f)}\b", norm) for f in english_for(w)) for w in words)


_COUNT_IN_WORDS = re.compile(r"[一两二三四五六七八九十百千万]+")


def _units_per_amount(marker: re.Match[str]) -> int:
    """How many units a per-unit amount is for: 10 for 「每10份」 and 「元/10份」, 10,000 for 「每万份收益」 and "per
    10,000 units", else 1."""
    for g in marker.groups():
        count = (g or "").strip().replace(",", "")
        if count.isdigit():
            return int(count)
        if _COUNT_IN_WORDS.fullmatch(count):
            return chinese_numeral_value(count if count[0] not in "十百千万" else f"一{count}")
    return 1


# "HK18.0 cents per share", "US$0.42 a share": a figure in dollars or their hundredth, then the per-share words;
# "2.50 Singapore cents per ordinary share": a currency's name of a word or two may stand between
_FIGURE_BEFORE_PER_UNIT = re.compile(r"(?:hk\$|us\$|s\$|\$|hk|rmb)?\s*(?P<figure>\d[\d,]*(?:\.\d+)?)\s*(?:[a-z]+\s+){0,2}?"
                                     r"(?P<hundredth>cents?|¢)?\s*(?:per|a) (?:(?:ordinary|common) )?(?:share|unit)\b")


def _per_unit_amounts(chosen: list[Candidate], words: set[str], question: str, payout: bool = False
                      ) -> dict[Decimal, tuple[Operand, Decimal, Candidate, str]]:
    """Per-unit amounts the chosen units state for what the question names: value → (operand, divisor), the
    divisor turning the stated amount into one unit's (100 for 港仙, 10 for 「每10份」), the unit, and the label
    it is stated under. `payout`: the question asks a payout, so any word of the payout family names it (配息 asked,
    「每10股派发现金红利4.60元」 written)."""
    out: dict[Decimal, tuple[Operand, Decimal, Candidate, str]] = {}

    def about_asked(text: str) -> bool:
        return _names(text, words) or payout and any_pattern("payout", normalize_for_index(text).lower()) is not None

    def add(value: Decimal, shown: str, c: Candidate, label: str, marker: re.Match[str]) -> None:
        hundredth = any_pattern("hundredth", label)
        if hundredth:  # 13.87港仙, 2.50 cents
            shown = f"{shown}{' ' if hundredth.group(0).isascii() else ''}{hundredth.group(0)}"
        per = _units_per_amount(marker)
        shown = f"{shown}/{per}" if per != 1 else shown
        out.setdefault(value, (Operand(value, shown, False, c.n), Decimal(per * (100 if hundredth else 1)), c, label))

    for c in chosen:
        if c.kind == "table_row" and c.header:
            names, cells = header_cells(c.header), row_cells(c.text)
            for name, cell in zip(names, cells):
                label = normalize_for_index(name).lower()
                marker = any_pattern("per_unit", label)
                if marker is None or not about_asked(label):
                    continue
                try:
                    value = cell_number(cell)
                except (ArithmeticError, ValueError):
                    continue
                add(value, cell.strip(), c, label, marker)
            # 「分红方案(元/10份) | 0.35 | 0.32」 under 「| 类别 | 稳盈A | 稳盈C |」: the row states the amount per
            # unit, the column the question names exactly says whose
            label = normalize_for_index(cells[0]).lower() if cells else ""
            marker = any_pattern("per_unit", label)
            if marker is not None:
                whose = [i for i, name in enumerate(names[1:len(cells)], start=1)
                         if len(name) >= 2 and normalize_for_index(name).lower() in question]
                years = {i: int(name.strip()) for i, name in enumerate(names[1:len(cells)], start=1)
                         if re.fullmatch(r"(19|20)\d\d", name.strip())}
                if not whose and years:
                    # 「Final dividend per share | 18.0 | 16.0」 under 「| 2026 | 2025 |」, no year asked: the latest
                    whose = [max(years, key=years.get)]
                if len(whose) == 1:
                    try:
                        add(cell_number(cells[whose[0]]), cells[whose[0]].strip(), c, label, marker)
                    except (ArithmeticError, ValueError):
                        pass
            elif cells and about_asked(cells[0]):
                # 「最近一次分红 | 每单位新台币0.42元（2026年8月除息）」: the label names what is asked, the value cell
                # states the amount per unit in words
                for cell in cells[1:]:
                    text = normalize_for_index(cell).lower()
                    inside = any_pattern("per_unit", text)
                    amounts = [t for t in numbers_in(text[inside.end():inside.end() + 24]) if not t.percent] \
                        if inside is not None else []
                    if amounts:
                        t = amounts[0]
                        add(t.value, t.raw, c, _hundredth_after(text, inside.end() + t.end), inside)
            continue
        text = normalize_for_index(c.text).lower()
        marker = any_pattern("per_unit", text)
        if marker is None or not about_asked(text):
            continue
        if marker.group(0).isascii():
            # "a final dividend of HK18.0 cents per share": the figure comes before the words, in the clause
            # that names what the question asks
            for m in _FIGURE_BEFORE_PER_UNIT.finditer(text):
                clause = re.split(r"[,;:.](?!\d)", text[:m.start("figure")])[-1]
                if about_asked(clause):
                    found = numbers_in(m.group("figure"))
                    add(found[0].value, found[0].raw, c, m.group("hundredth") or "",
                        any_pattern("per_unit", m.group(0)[m.end("figure") - m.start():]) or marker)
            continue
        amounts = [t for t in numbers_in(text[marker.end():marker.end() + 24]) if not t.percent]
        if len(amounts) == 1:
            t = amounts[0]
            add(t.value, t.raw, c, _hundredth_after(text, marker.end() + t.end), marker)
    return out


def _hundredth_after(text: str, end: int) -> str:
    """A currency's hundredth written right after a figure ending at `end` (「每单位派息13.87港仙」), not a later one."""
    hundredth = any_pattern("hundredth", text[end:end + 4])
    return hundredth.group(0) if hundredth is not None and hundredth.start() <= 1 else ""


# 「最近一次派息」, "the latest distribution": of a dated table's payouts, the last
_ASKS_LATEST = re.compile(r"最近一次|最近一期|最新一次|最新一期|上一次|上次|\b(?:latest|most recent|last) "
                          r"(?:distribution|dividend|payout|payment)s?\b", re.I)


def _latest_dated(amounts: dict, chosen: list[Candidate], candidates: list[Candidate], words: set[str],
                  question: str) -> dict:
    """The amount per unit of the latest-dated table row stating one for what is asked (「| 2026年6月26日 | 0.0385 |」
    under 「除息日 | 每單位派息」), the tables of the chosen rows first, else any retrieved table: the latest row is
    often not among those chosen. `amounts` unchanged where no such row is dated."""
    rows = dict.fromkeys(c for c in [*chosen, *candidates] if c.kind == "table_row" and c.header)
    paying = [(d, c, found) for c in rows
              if (d := row_date(c.text)) is not None and (found := _per_unit_amounts([c], words, question))]
    headers = {c.header for c in chosen if c.kind == "table_row"}
    paying = [p for p in paying if p[1].header in headers] or paying
    return max(paying, key=lambda p: p[0])[2] if paying else amounts


# 「高股息ETF」, 「红利基金」: a payout word naming a product's style, not a payout asked
_PRODUCT_AFTER = re.compile(r"\s*(etf|基金|指数|型|类|股票|fund|index)", re.I)


def _asked_payout(question: str) -> re.Match[str] | None:
    """The first payout word of the question that is not part of a product's name."""
    for pattern in patterns_of("payout"):
        for m in pattern.finditer(question):
            if not _PRODUCT_AFTER.match(question, m.end()):
                return m
    return None


def _lots_held(question: str, lots: int, chosen: list[Candidate], candidates: list[Candidate]
               ) -> tuple[Operand, list[Candidate]] | None:
    """The units in the lots the asker holds (「8張」 of a 1,000-unit lot), with the unit stating the lot's size."""
    found = lot_size(candidates, question)
    if found is None:
        return None
    lot, stating = found
    units = Operand(lot.value * lots, lot.shown if lots == 1 else f"{lots} × {lot.shown}", False, lot.n)
    return units, [stating] if stating not in chosen else []


def holding_of_sum(norm_question: str, summed: Computation, chosen: list[Candidate], candidates: list[Candidate]
                   ) -> tuple[Computation, list[Candidate]] | None:
    """What the asker's holding received over several payouts the sources state per unit: 「抱著8張00979，最近四次配息
    加起來總共領多少」 → 8 × 1,000 × (0.50 + 0.48 + 0.45 + 0.45) ≈ 15,040. `summed`: those payouts added up."""
    question = cantonese_to_mandarin(norm_question.lower())
    if summed.op != "sum" or summed.unit or _asked_payout(question) is None or not (
            _ASKS_MONEY.search(question) or any_pattern("receive", question)) or any_pattern("per_unit", question):
        return None  # 「每單位共多少元」 asks the payouts per unit
    held: tuple[Operand, list[Candidate]] | None = None
    units = stated_units(cantonese_to_mandarin(norm_question))  # as written: "1,000 HWUS shares" names a ticker
    if units is not None:
        held = units, []
    elif (lots := stated_lots(question)):
        held = _lots_held(question, lots, chosen, candidates)
    if held is None:
        return None
    units, quoted = held
    parts = " + ".join(o.shown for o in summed.operands)
    return Computation("formula", units, summed.a, units.value * summed.value, "", summed.operands[1:],
                       expression=f"{units.shown} × ({parts})"), quoted


def holding_amount(norm_question: str, chosen: list[Candidate], candidates: list[Candidate],
                   doc_of: Mapping[int, str] | None = None) -> tuple[Computation, list[Candidate]] | None:
    """Units held × the per-unit amount: 「20,000個單位…分派總共可以收幾多港元」 → 20,000 × 13.87港仙 ≈ 2,774港元;
    with the units to quote beside the chosen ones (the one stating the board lot, or the amount per unit). `doc_of`:
    each context's document, where the chosen units state no amount per unit but another unit of theirs does."""
    question = cantonese_to_mandarin(norm_question.lower())
    money = _ASKS_MONEY.search(question)
    # 「配息可以领多少」: what a holder receives of a payout is money, though no money word is written
    payout = _asked_payout(question)
    if money is None and not (payout and any_pattern("receive", question)) or prices_a_trade(question):
        return None  # a trade's price per share (「賣在102元」) is no per-unit payout: composers/trade_cost.py
    # 多少现金 / 多少钱: cash, money, in no named currency
    currency = money.group(2) if money is not None and money.group(2) not in (None, "现金", "钱") else ""
    units = stated_units(cantonese_to_mandarin(norm_question))  # as written: "1,000 HWUS shares" names a ticker
    quoted: list[Candidate] = []
    if units is None:
        lots = stated_lots(question)
        # an amount stated per lot (a new listing's entry fee) times the lots: the chosen units', else the
        # tables of the source they come from
        contexts = {c.n for c in chosen}
        per_lot = (_per_lot_amount(chosen) or _per_lot_amount(
            [c for c in candidates if c.kind == "table_row" and c.n in contexts])) if lots else None
        if per_lot is not None:
            amount, stating = per_lot
            held = Operand(Decimal(lots), any_pattern("lot", question).group(0).strip(), False, 0)
            return (Computation(HOLDING, held, amount, held.value * amount.value, currency),
                    [stating] if stating not in chosen else [])
        held = _lots_held(question, lots, chosen, candidates) if lots else None
        if held is None:
            return None
        units, quoted = held
    # with the regional forms expand_query adds (配息 asked, 分红 written)
    words = {t for t in tokenize(expand_query(question)) if len(t) >= 2 and not t[0].isdigit()}
    words |= {w for t in words for w in compound_parts(t) if len(w) >= 2}
    amounts = _per_unit_amounts(chosen, words, question, payout is not None)
    if not amounts and doc_of is not None:
        # the chosen units name the holding (「6218」), another unit of their documents states the amount per share
        # (「a final dividend of HK18.0 cents per share」): read there, and quoted
        docs = {doc_of[c.n] for c in chosen}
        others = [c for c in candidates if c not in chosen and doc_of[c.n] in docs]
        amounts = _per_unit_amounts(others, words, question, payout is not None)
    if not amounts:
        # none in their documents: the one amount per unit any retrieved source states for what is asked (a news
        # page's 「最近一次分红 | 每单位0.42元」 for a fund the chosen encyclopedia page names by its code)
        amounts = _per_unit_amounts([c for c in candidates if c not in chosen], words, question, payout is not None)
    if _ASKS_LATEST.search(question):
        amounts = _latest_dated(amounts, chosen, candidates, words, question)
    if len(amounts) > 1 and (classes := asked_classes(norm_question)):
        # 「澄汇货币A 每万份收益」 and 「澄汇货币B 每万份收益」, the A类 asked: the amount of the class held
        amounts = {v: a for v, a in amounts.items() if any(names_class(a[3], c) for c in classes)} or amounts
    if len(amounts) != 1:
        return None
    per_unit, divisor, stating, _ = next(iter(amounts.values()))
    if stating not in chosen:
        quoted.append(stating)
    value = units.value * per_unit.value / divisor
    times = payouts_a_year(question)
    if times is not None and times > 1:
        # 「每季0.46美元…一年四次能拿多少」: the one payout the sources state, as often a year as the asker says
        count = Operand(Decimal(times), str(times), False, 0)
        return Computation("formula", units, per_unit, value * times, currency, (count,),
                           expression=f"{units.shown} × {per_unit.shown} × {times}"), quoted
    return Computation(HOLDING, units, per_unit, value, currency), quoted


# 「一年四次」, 「每年派4次」, "four times a year": how many payouts a year the asker counts
_TIMES_A_YEAR = re.compile(r"(?:一年|每年|全年)\s*(?:派|分|配|发|發|付)?(?:息|钱|錢)?\s*(\d{1,2}|[一二两三四五六七八九十]{1,2})\s*次"
                           r"|\b(\d{1,2}|two|three|four|six|twelve) times (?:a|per|each) year\b", re.I)


def payouts_a_year(question: str) -> int | None:
    """The number of payouts a year the question states (「一年四次」: 4), or None."""
    m = _TIMES_A_YEAR.search(question)
    if m is None:
        return None
    return count_value(m.group(1) or m.group(2)) or None
