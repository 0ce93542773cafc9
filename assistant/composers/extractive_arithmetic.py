"""A difference, ratio, sum or percentage change of two figures that the chosen sources state (the extractive
composer's only computation)."""
from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache

from assistant.answer_types import answer_type, top_count
from assistant.arithmetic import (
    Computation, Operand, asks_for_a_fall, compute, operation, operations, proportion, refers_to_a_table, share_of, total,
)
from assistant.figures.stated_arithmetic import STATED_SOURCE
from assistant.language import to_asker_script
from assistant.live_data import says_now
from assistant.messages import fill
from assistant.schemas import Figure
from assistant.sentences import CLAUSE
from market_data.analytics import returns
from assistant.composers.base import CompositionInput
from assistant.composers.extractive_candidates import Candidate, quotable_candidates
from assistant.figures.question_numbers import count_value, names_a_code
from assistant.composers.asked_quantities import MONEY_AFTER, MONEY_BEFORE, prices_a_trade
from assistant.composers.named_rows import bare_months, named_row_ids, states_month, words
from assistant.number_tokens import NumberToken, numbers_in
from assistant.period_keys import Period, dated_months, question_periods
from assistant.tables import (
    DATE_CELL, NUMERIC_CELL, asked_kind, cell_number, dates_agree, header_cells, header_overlap, is_rank_column, is_total_row, label_overlap, label_share, named_columns,
    quantity, ranked_rows, row_before_after, row_cells, row_date, row_pair, row_value, year_column_pair, year_rows,
)
from knowledge_base.lexical_tokens import ENTITY_WORDS, cantonese_to_mandarin, compound_parts, english_for, expand_query, tokenize
from knowledge_base.scripts import normalize_for_index
from knowledge_base.vocabulary_files import read_patterns


_YEARS_ASKED = re.compile(r"多少年|几年|几多年|how many years")
# 12月, 5日, "22 September": a date's parts (years are told by their range)
_DATE_PART = re.compile(r"\s*[月日号號]|\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.I)
_MONTH_BEFORE = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*$", re.I)


_CLOCK_AFTER = re.compile(r"[:：]\d{2}(?!\d)")
_CLOCK_BEFORE = re.compile(r"(?<!\d)\d{1,2}[:：]$")


def _is_date_part(text: str, t: "NumberToken") -> bool:
    """「12月」「5日」, "April 2" or a clock's 「下午5:00」: part of a date or a time, not a figure."""
    return not t.percent and (_DATE_PART.match(text, t.end) is not None
                              or _MONTH_BEFORE.search(text[max(0, t.start - 12):t.start]) is not None
                              or not t.decimals and (_CLOCK_AFTER.match(text, t.end) is not None
                                                     or _CLOCK_BEFORE.search(text[max(0, t.start - 3):t.start]) is not None))


# 「未來12個月」, 「近3年」, "over 30 days": a span of time, not a figure of what is measured
_SPAN_AFTER = re.compile(r"\s*(?:[个個]\s*月|年(?!\s*\d)|天|[个個]?(?:交易日|工作日|工作天|营业日|營業日)|[周週]|months?\b|"
                         r"years?\b|(?:business |working |trading )?days?\b)", re.I)


_SPAN_SHOWN = re.compile(r"\d+\s*(?:[个個]?月|年|天|months?|years?|days?)", re.I)  # a pair's figure as a row shows it


def _is_span(text: str, t: "NumberToken") -> bool:
    """A small whole number of months, years or days (「12個月」 in 「未來12個月預期本益比達到約22.5倍」)."""
    return not t.percent and not t.decimals and t.value <= 120 and _SPAN_AFTER.match(text, t.end) is not None


# 「5,980 ÷ 12 × 7 ＝ HK$3,488.33」: a worked calculation's divisor and multiplier are its steps, no figures to compare
_OPERATOR_BEFORE = re.compile(r"[×÷*/xX]\s*$")
_OPERATOR_AFTER = re.compile(r"\s*[×÷*]")


def _in_a_calculation(text: str, t: "NumberToken") -> bool:
    """A whole number multiplied or divided by in a written calculation."""
    return not t.percent and not t.decimals and (_OPERATOR_BEFORE.search(text[max(0, t.start - 3):t.start]) is not None
                                                 or _OPERATOR_AFTER.match(text, t.end) is not None)


def _measured_figures(text: str, asked: set) -> list["NumberToken"]:
    """The figures a text states of what it measures: not the question's own numbers, years, dates, spans of time,
    scaled amounts (亿, 万) or a calculation's multipliers and divisors."""
    return [t for t in numbers_in(text) if t.value not in asked and t.scale == 1
            and (t.percent or t.decimals or not 1800 <= t.value <= 2100)
            and not _is_date_part(text, t) and not _is_span(text, t) and not _in_a_calculation(text, t)]


def arithmetic_on_sources(inp: CompositionInput, chosen: list[Candidate]) -> Computation | None:
    """A difference, ratio, sum or percentage change of two figures stated in two chosen units."""
    op = operation(inp.norm_question)
    if chosen and _SAVES.search(cantonese_to_mandarin(inp.norm_question.lower())):
        saving = _saving_on_asked_amount(inp.norm_question, chosen)
        if saving is not None:
            return saving
    if op == "sum" and asked_amount(inp.norm_question) is not None and asks_money(inp.norm_question):
        op = None  # 「每月扣5,000元，一年手续费一共多少」: a charge on the asker's sum, not the sources' figures added
    if chosen and (op == "difference" or compares(inp.norm_question)):
        pair = _period_column_pair(inp)
        if pair:
            return compute("difference", *pair)
    if op is None and chosen:
        rated = _rate_of_asked_amount(inp.norm_question, chosen)
        if rated is not None or not compares(inp.norm_question) or asked_amount(inp.norm_question) is not None:
            return rated
        # "Is its SEC yield higher or lower than its distribution rate?": the two rows compared, and by how much
        return _two_rows_compared(inp.norm_question, chosen)
    if op is None or not chosen:
        return None  # one unit can hold both figures (a row's two columns, a sentence's two rates)
    asked = {t.value for t in numbers_in(inp.norm_question)}
    top = top_count(inp.norm_question) if op in ("sum", "proportion") else None
    if top is not None:
        rows = _top_rows(inp, top)
        if rows:
            return total(rows)
    if op == "proportion":
        found = _part_of_total(inp)
        if found is not None:
            return found
        # not a change: 「占…百分之几」 also reads as one, with nothing to change from
        op = next((o for o in operations(inp.norm_question)[1:] if o != "pct_change"), None)
        if op is None:
            return None
    if op == "share_of":
        return _share_of_amount(chosen, asked, _terms_with_parts(inp.norm_question), inp.norm_question)
    if len(_figures_stated(inp.norm_question)) >= 2:
        return None  # the asker states both figures (not years or codes): the figures tool computes that
    years_asked = _YEARS_ASKED.search(inp.norm_question.lower()) is not None
    periods_named = bool(question_periods(inp.norm_question))
    operands: list[Operand] = []
    kinds: list[tuple[bool, str]] = []  # (from a table row, unit word after the figure in a sentence)
    headers: list[str] = []
    row_of: dict[int, Candidate] = {}  # operand id -> the unit it was read from
    for c in chosen:
        if c.kind == "table_row" and c.header:
            if not periods_named and year_column_pair(c.text, c.header, inp.norm_question):
                continue  # the measure asked has two years' columns and the question names neither: which is not ours
            found = row_value(c.text, c.header, inp.norm_question, rate_change=op == "pct_change")
            if found is None:
                continue
            shown, percent = found
            value = cell_number(shown)
        else:
            tokens = [t for t in numbers_in(c.text) if t.value not in asked and t.scale == 1 and
                      (years_asked or t.percent or t.decimals or not 1800 <= t.value <= 2100)
                      and (years_asked or not _is_date_part(c.text, t) and not _in_a_calculation(c.text, t))]
            if years_asked:
                tokens = [t for t in tokens if 1800 <= t.value <= 2100 and not t.percent]
            if len(tokens) != 1:
                continue
            token = tokens[0]
            value, percent = token.value, token.percent
            shown = f"{token.raw}%" if percent else token.raw
        if all(o.value != value for o in operands):  # the same row twice (overlapping chunks)
            operands.append(Operand(value, shown, percent, c.n))
            row_of[id(operands[-1])] = c
            kinds.append((c.kind == "table_row", _unit_after(c.text, shown) if c.kind != "table_row" else ""))
            headers.append(c.header if c.kind == "table_row" else "")
    if op == "sum" and len(operands) >= 3:
        rows = _named_rows_of_one_table(chosen, inp.norm_question, row_of, operands)
        if rows:
            return total(rows)
    latest = latest_asked(inp.norm_question) if op == "sum" else None
    if latest is not None and latest >= 2:
        rows = _latest_rows(inp, latest)
        if rows:
            return total(rows)
    months = bare_months(inp.norm_question)
    if op == "sum" and len(months) > 2:
        rows = _rows_of_months(inp, months)
        if rows:
            return total(rows)
    if op in ("pct_change", "difference", "ratio") and len(months) == 2:
        rows = _rows_of_months(inp, months, rate_change=op == "pct_change")
        if len(rows) == 2:  # 「11月的營收比6月增長了百分之幾」: earlier month first, a fall measured from it
            return compute(op, rows[0], rows[1], falling=op == "pct_change" and rows[0].value > rows[1].value)
    if op in ("pct_change", "difference") and says_now(inp.norm_question):
        rows = _year_and_latest_rows(inp, rate_change=op == "pct_change")
        if len(rows) == 2:  # 「而家全年派息同2022年比跌咗幾多%」: the year's row, then the table's latest
            return compute(op, rows[0], rows[1], falling=op == "pct_change" and rows[0].value > rows[1].value)
    counted = _count_asked(inp.norm_question) if op == "sum" else None
    items = counted[0] if counted else None
    if counted and items >= 3:
        # 「表中列出的5只」 points at a table; 「四名基石投资者」 at the table of 基石投资者 with four rows
        pointed = refers_to_a_table(inp.norm_question)
        noun = "" if pointed else counted[1]
        rows = _every_row_counted(inp, items, noun) if pointed or noun else []
        if rows:
            return total(rows)
    if len(operands) > 2:
        # Two rows of one table (2024 and 2025 of a yield column) beside a sentence's stray figure: the rows.
        same_table = [i for i, h in enumerate(headers) if h and headers.count(h) == 2]
        if len(same_table) == 2:
            operands, kinds = [operands[i] for i in same_table], [kinds[i] for i in same_table]
    if len(operands) > 2:
        # Gross and net expense ratio among a key-facts table's rows: the two rows the question names.
        named = _named_rows(inp, row_of, operands)
        if len(named) == 2:
            kinds = [kinds[operands.index(o)] for o in named]
            operands = named
    if len(operands) == 2 and (not _comparable(kinds) or operands[0].percent != operands[1].percent):
        operands = []  # a level beside a rate (1000点, 10%) is no pair: the finer readings below may find one
    in_row = _best_row_pair(chosen, cantonese_to_mandarin(inp.norm_question), _total_rows(inp))
    # a change of one thing (「儲能電池系統業務收入按年升咗幾多%」, no second thing compared): the rows must be
    # named equally well, or the best-named row's own pair (its two years) is the change asked
    one_thing = op == "pct_change" and not compares(inp.norm_question)
    if in_row and len(operands) == 2 and all(id(o) in row_of for o in operands) and in_row[0] > (min if one_thing else max)(
            label_overlap(row_of[id(o)].text, expand_query(inp.norm_question)) for o in operands):
        operands = []  # 出租率 and 資產負債比率 read across rows, while one row the question names holds both figures
    dated = False
    if len(operands) != 2 and op == "sum":
        operands = _sum_in_one_cell(chosen, cantonese_to_mandarin(inp.norm_question))
    if len(operands) != 2 and in_row:
        operands, dated = in_row[1], in_row[2]
    periods = tuple(p for p in question_periods(inp.norm_question) if p.month or p.series or p.part)
    if len(operands) != 2:
        operands = _pair_in_one_sentence(chosen, asked, periods, _question_words(inp.norm_question))
    if len(operands) != 2:
        operands = _pair_in_one_clause(chosen, asked, _question_words(inp.norm_question), periods)
    if len(operands) != 2:
        operands = _pair_across_clauses(chosen, asked, _question_words(inp.norm_question))
    if len(operands) != 2:
        return None
    if any(_SPAN_SHOWN.match(o.shown) for o in operands) and answer_type(inp.norm_question) != "duration":
        return None  # 「两期全部利息加起来」: the 3年 and 5年 of the two terms are no interest to add
    if op == "sum" and (items not in (None, 2) or top not in (None, 2)):
        return None  # 「这5只股票的权重合计」, 「前五大」: two figures are not the five asked to be added up
    if op == "sum" and ASKS_COUNT.search(cantonese_to_mandarin(inp.norm_question)) and not all(
            _counted(o, chosen) for o in operands):
        return None  # 「一共有几只成分股」 asks a count: an index level plus a count of stocks is no sum of counts
    if op == "sum" and len(months) > 2:
        return None  # 「7到9月營收加起來」: two of the three months are not their sum
    if operands[0].percent and asked_kind(cantonese_to_mandarin(inp.norm_question)) == "amount":
        return None  # 「加起來是多少億元」 asks an amount: two percentages are not its inputs
    if op == "pct_change" and operands[0].percent and not all(id(o) in row_of for o in operands):
        return None  # a sentence's two rates (「月減2.85%，年增58.36%」) are changes already, not two levels of one thing
    if op == "ratio" and "difference" in operations(inp.norm_question) and all(
            _in_multiples(o, chosen) for o in operands):
        op = "difference"  # 「市盈率…差多少倍」: figures stated in 倍 (49.89倍, 32.15倍) differ by so many 倍
    # From 7.02 (end-2025) to 6.85 (mid-2026) is a fall, though the question only says "change"
    falling = asks_for_a_fall(inp.norm_question) or dated and operands[0].value > operands[1].value
    return compute(op, operands[0], operands[1], falling=op == "pct_change" and falling)


def _two_rows_compared(norm_question: str, chosen: list[Candidate]) -> Computation | None:
    """The difference of the figures of the two chosen rows of one table, where they are all the chosen rows of it
    and their figures are of one kind (two yields, not a yield and a price)."""
    by_table: dict[str, list[Candidate]] = {}
    for c in chosen:
        if c.kind == "table_row" and c.header:
            by_table.setdefault(c.header, []).append(c)
    pairs = [rows for rows in by_table.values() if len({r.text for r in rows}) == 2]
    if len(pairs) != 1:
        return None
    operands = []
    for c in dict.fromkeys(pairs[0]):
        found = row_value(c.text, c.header, norm_question)
        if found is None:
            return None
        shown, percent = found
        operands.append(Operand(cell_number(shown), shown, percent, c.n))
    a, b = operands[:2]
    if a.percent != b.percent or a.value == b.value:
        return None
    return compute("difference", a, b)


def _in_multiples(o: Operand, chosen: list[Candidate]) -> bool:
    """The figure is stated as a multiple (49.89倍, 10.3x, a 「（倍）」 column): a P/E, a leverage, a cover."""
    figure = re.escape(o.shown)
    return any(re.search(rf"(?<![\d.]){figure}\s*(?:倍|x(?![a-z]))", c.text, re.I)
               or c.kind == "table_row" and re.search(rf"(?<![\d.]){figure}(?![\d.])", c.text) and "倍" in c.header
               for c in chosen)


# 「一共有几只」, 「总共多少家」, "how many … in total": a count asked
ASKS_COUNT = re.compile(r"(几|幾|多少)\s*(只|个|家|档|支|名|项|间|隻|個|檔|項)(?!\s*(?:百分|点|點|基点|基點|月|季|年|交易日|工作日|星期|小时|倍))"
                        r"|\bhow many (?!percentage|basis|points?|times|days|months|years|dollars|hk|us|nt|yuan)", re.I)
_COUNT_WORD = r"\s*(?:只|个|家|档|支|名|项|间|隻|個|檔|項|(?:stocks?|companies|constituents|members|funds?|holdings)\b)"
STATED_COUNT = re.compile(r"\d" + _COUNT_WORD, re.I)  # 「40只」, "40 constituents": a count stated


def _counted(operand: Operand, chosen: list[Candidate]) -> bool:
    """The figure is a count where its source writes it (「20档」, 「40只」), not a level or a rate."""
    pattern = re.compile(rf"(?<![\d.,]){re.escape(operand.shown)}{_COUNT_WORD}", re.I)
    return not operand.percent and any(c.n == operand.n and pattern.search(c.text) for c in chosen)


_ITEMS = re.compile(r"(?<![第\d])(\d{1,2}|[两二三四五六七八九十]{1,2})\s*(?:只|个|家|项|档|支|种|笔|间|样|类|名|位|次|期|隻|個|項|檔|種|筆|間|樣|類)"
                    r"|\b(two|three|four|five|six|seven|eight|nine|ten|\d{1,2}) (?:stocks|funds|companies|holdings|items|rows|fees|bonds|shares|etfs)\b")


def _items_asked(norm_question: str) -> int | None:
    """How many things a sum question says it adds up (「表中列出的5只」, 最大嗰五隻, "the three fees"), if it says."""
    counted = _count_asked(norm_question)
    return counted[0] if counted else None


def _count_asked(norm_question: str) -> tuple[int, str] | None:
    """`_items_asked`'s count, with the word the count is of (「四名基石投资者」: 基石; empty when no Chinese word
    follows it)."""
    text = cantonese_to_mandarin(norm_question.lower())
    m = _ITEMS.search(text)
    if m is None:
        return None
    count = count_value(m.group(1) or m.group(2))
    following = [t for t in tokenize(text[m.end():m.end() + 12]) if len(t) >= 2]
    return count, following[0] if following and _IN_A_NAME.match(following[0]) else ""


def _named_rows_of_one_table(chosen: list[Candidate], norm_question: str, row_of: dict[int, Candidate],
                             operands: list[Operand]) -> list[Operand]:
    """The operands read from three or more rows of one table, when the question names every one of them
    (「管理費、銷售服務費同託管費加埋」); empty otherwise (「最近四次」 names no row: which four is not this code's guess)."""
    rows = [o for o in operands if id(o) in row_of and row_of[id(o)].kind == "table_row"]
    if len(rows) < 3 or len({row_of[id(o)].header for o in rows}) != 1:
        return []
    units = [row_of[id(o)] for o in rows]
    terms = frozenset(_question_words(cantonese_to_mandarin(norm_question)))
    named = named_row_ids(units, norm_question, words(norm_question), terms)
    return rows if all(id(u) in named for u in units) else []


def _named_rows(inp: CompositionInput, row_of: dict[int, Candidate], operands: list[Operand]) -> list[Operand]:
    """The operands read from the table rows the question names, judged over the whole retrieved table (a word
    most of its rows share names none of them)."""
    terms = frozenset(_question_words(cantonese_to_mandarin(inp.norm_question)))
    rows = [c for table in _retrieved_tables(inp).values() for c in table.values()]
    ids = named_row_ids(rows, inp.norm_question, words(inp.norm_question), terms)
    named = {(c.header, c.text.strip()) for c in rows if id(c) in ids}
    return [o for o in operands if id(o) in row_of and (row_of[id(o)].header, row_of[id(o)].text.strip()) in named]


def _sums_the_others(row: str, others: list[str]) -> bool:
    """The row's figures are the sums of the other rows' in their columns (a segment table's 「Group」 row, whatever
    its label says), to the rounding the figures are written to, in more columns than not (a change or a margin
    column does not add up), at least one; and there are at least two other rows."""
    if len(others) < 2:
        return False
    columns = mismatched = 0
    for j, cell in enumerate(row_cells(row)[1:], start=1):
        try:
            whole = cell_number(cell)
            parts = [cell_number(row_cells(o)[j]) for o in others]
        except (ArithmeticError, ValueError, IndexError):
            continue
        slack = Decimal(len(parts)) * Decimal(10) ** -(max(_decimals(cell), *(_decimals(row_cells(o)[j]) for o in others))) / 2
        if abs(sum(parts) - whole) > slack:
            mismatched += 1
        else:
            columns += 1
    return columns > mismatched


def _decimals(cell: str) -> int:
    m = re.search(r"\.(\d+)", cell)
    return len(m.group(1)) if m else 0


def _part_of_total(inp: CompositionInput) -> Computation | None:
    """「补充流动资金占募集资金的百分之几」: the rows the question names over the table's total row, in the column
    it asks (the named rows summed where it names several); nothing unless exactly one retrieved table has both."""
    question = cantonese_to_mandarin(inp.norm_question)
    terms = frozenset(_question_words(question))
    found: list[Computation] = []
    for header, table in _retrieved_tables(inp).items():
        rows = list(table.values())
        plain = {id(c): c.text.replace("**", "") for c in rows}
        totals = [c for c in rows if is_total_row(plain[id(c)])] or \
            [c for c in rows if _sums_the_others(plain[id(c)], [plain[id(o)] for o in rows if o is not c])]
        if len(totals) != 1:
            continue
        named = named_row_ids(rows, question, words(question), terms)
        parts = [c for c in rows if id(c) in named and c is not totals[0]]
        values = [row_value(plain[id(c)], header, question) for c in [*parts, totals[0]]]
        if not parts or any(v is None for v in values) or len({v[1] for v in values}) != 1:
            continue
        operands = [Operand(cell_number(shown), shown, percent, c.n) for (shown, percent), c in zip(values, [*parts, totals[0]])]
        *shares, whole = operands
        part = shares[0] if len(shares) == 1 else Operand(sum(o.value for o in shares),
                                                          f"({' + '.join(o.shown for o in shares)})", shares[0].percent, shares[0].n)
        result = proportion(part, whole)
        if result is not None:
            found.append(result)
    return found[0] if len(found) == 1 else None


def _rows_of_months(inp: CompositionInput, months: list[int], rate_change: bool = False) -> list[Operand]:
    """「7到9月營收加起來」: the asked column of the one row per month of the one retrieved table that dates a row
    for every month named, in date order (2025年12月 before 2026年6月); empty otherwise."""
    found: list[list[Operand]] = []
    for header, table in _retrieved_tables(inp).items():
        rows = []
        for month in months:
            dated = [c for c in table.values() if any(states_month(cell, month) for cell in row_cells(c.text)[:1])]
            if len(dated) != 1:
                break
            rows.append(dated[0])
        else:
            rows.sort(key=lambda c: row_date(c.text) or (0, 0, 0))
            values = [row_value(c.text, header, inp.norm_question, rate_change=rate_change) for c in rows]
            if all(v is not None for v in values):
                found.append([Operand(cell_number(shown), shown, percent, c.n) for (shown, percent), c in zip(values, rows)])
    return found[0] if len(found) == 1 else []


def _year_and_latest_rows(inp: CompositionInput, rate_change: bool = False) -> list[Operand]:
    """The asked column of the row of the one year a question names beside a word of now, and of the latest row
    of the same year-row table (「而家…同2022年比」: 2022's 27.05 and 2026's 24.17); empty unless exactly one
    retrieved table has both and they differ."""
    years = {p.year for p in question_periods(inp.norm_question) if p.year and not p.month and not p.part}
    if len(years) != 1:
        return []
    year = years.pop()
    found: list[list[Operand]] = []
    for header, table in _retrieved_tables(inp).items():
        dated = year_rows(list(table.values()))
        if year not in dated or max(dated) == year or len(dated) != len(table):
            continue
        rows = [dated[year], dated[max(dated)]]
        values = [row_value(c.text, header, inp.norm_question, rate_change=rate_change) for c in rows]
        if all(v is not None for v in values):
            found.append([Operand(cell_number(shown), shown, percent, c.n) for (shown, percent), c in zip(values, rows)])
    return found[0] if len(found) == 1 else []


def _retrieved_tables(inp: CompositionInput) -> dict[str, dict[str, Candidate]]:
    """header -> row text -> row, for every table of the retrieved contexts (overlapping chunks repeat rows)."""
    tables: dict[str, dict[str, Candidate]] = {}
    for c in quotable_candidates(inp):
        if c.kind == "table_row" and c.header:
            tables.setdefault(c.header, {}).setdefault(c.text.strip(), c)
    return tables


def _every_row_counted(inp: CompositionInput, count: int, noun: str = "") -> list[Operand]:
    """The asked column of every row of the one retrieved table that has as many rows as the question says it
    adds up (「表中列出的5只…权重合计」 of a five-row table): the asker means the whole table. `noun`: the table's
    header or caption must name what was counted. Empty when no table, or more than one, has that many rows with
    a figure in the column."""
    found: list[list[Operand]] = []
    for header, rows in _retrieved_tables(inp).items():
        if len(rows) != count or (noun and noun not in normalize_for_index(header).lower()):
            continue
        values = [row_value(c.text, header, inp.norm_question) or _one_quantity(c.text) for c in rows.values()]
        if all(v is not None for v in values):
            found.append([Operand(cell_number(shown), shown, percent, c.n)
                          for (shown, percent), c in zip(values, rows.values())])
    return found[0] if len(found) == 1 else []


_PAST_YEAR = re.compile(r"\bpast (?:year|12 months|twelve months)\b|\blast (?:12|twelve) months\b", re.I)


def _period_column_pair(inp: CompositionInput) -> list[Operand]:
    """「過去5年有冇跑贏基準？差幾多？」 of a returns table with period columns (「| | 1年 | 5年（年率化）|」): the two rows'
    figures in the one column stating the one span asked, the rows being the table's only two with a figure
    there, or the two the question names; empty otherwise."""
    spans = [p for p in question_periods(inp.norm_question) if p.trailing is not None]
    if not spans and _PAST_YEAR.search(inp.norm_question):
        spans = [Period("1年", unit="年", trailing=1)]  # "over the past year": a trailing year, not last calendar year
    if len(spans) != 1:
        return []
    found: list[list[Operand]] = []
    question = expand_query(inp.norm_question)
    for header, rows in _retrieved_tables(inp).items():
        columns = [i for i, name in enumerate(header_cells(header)) if i > 0 and spans[0].stated_in(name)]
        if len(columns) != 1:
            continue
        valued = []
        for c in rows.values():
            cells = row_cells(c.text)
            cell = cells[columns[0]].strip() if columns[0] < len(cells) else ""
            if NUMERIC_CELL.match(cell) and cell.endswith("%"):
                valued.append((c, cell))
        if len(valued) > 2:
            named = [(c, cell) for c, cell in valued if label_overlap(c.text, question) > 0]
            first = min(valued, key=lambda v: v[0].doc_start)
            # "Did the ETF beat its index?" names the index's row; the fund's own is the table's first
            valued = [first, *named] if len(named) == 1 and named[0] is not first and \
                asks_outperformance(inp.norm_question) else named
        if len(valued) == 2:
            found.append([Operand(cell_number(cell), cell, True, c.n) for c, cell in valued])
    return found[0] if len(found) == 1 else []


def _top_rows(inp: CompositionInput, count: int) -> list[Operand]:
    """The asked column of the `count` largest rows by it, of the retrieved table the question names best
    (tables.header_overlap: the ranked column's name aside, so a table it names only by that column is not
    named). A table with a rank column must
    show ranks 1 to `count` among the rows retrieved; empty when no table, or more than one, qualifies."""
    question = expand_query(inp.norm_question)
    found: list[tuple[int, list[Operand]]] = []
    for header, rows in _retrieved_tables(inp).items():
        name, ranked = ranked_rows([(c, c.text, header) for c in rows.values()], True, question)
        if not name or is_rank_column(name) or len(ranked) < count:
            continue
        ranks = [i for i, n in enumerate(header_cells(header)) if is_rank_column(n)]
        if ranks:
            shown = {cells[ranks[0]].strip() for c in rows.values() if len(cells := row_cells(c.text)) > ranks[0]}
            if not {str(i) for i in range(1, count + 1)} <= shown:
                continue
            # a row without a rank (「| | Top 10 total | | | 59.50% |」) is no member of the ranking
            ranked = [(c, cell) for c, cell in ranked
                      if len(cells := row_cells(c.text)) > ranks[0] and cells[ranks[0]].strip().isdigit()]
        else:
            ranked = [(c, cell) for c, cell in ranked if not is_total_row(c.text)]
        if len(ranked) < count:
            continue
        operands = [Operand(cell_number(cell), cell, cell.endswith("%"), c.n) for c, cell in ranked[:count]]
        found.append((header_overlap(header, question, name), operands))
    best = max((score for score, _ in found), default=0)
    named = [operands for score, operands in found if score == best]
    return named[0] if best > 0 and len(named) == 1 else []


# 「最近四次配息」, "the last four distributions": the rows of a dated table with the latest dates
_LATEST = re.compile(r"(?:最近|近|过去)\s*(\d{1,2}|[两二三四五六七八九十]{1,2})\s*(?:次|期|笔|回)"
                     r"|\b(?:last|latest|past|most recent|previous)\s+(two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
                     r"(?:distributions|dividends|payouts|payments|times|rounds|issues)\b")


def latest_asked(norm_question: str) -> int | None:
    """The N of 「最近两次」, "the last two distributions": the latest rows asked, or None."""
    m = _LATEST.search(cantonese_to_mandarin(norm_question.lower()))
    if m is None:
        return None
    return count_value(m.group(1) or m.group(2))


def _latest_rows(inp: CompositionInput, count: int) -> list[Operand]:
    """The asked column of the `count` latest-dated rows of the retrieved table whose rows are dated and number at
    least `count`: of several such tables (two funds' payout tables), the one retrieval ranked first; empty when
    none qualifies, or two rank alike."""
    found: list[tuple[int, list[Operand]]] = []
    for header, rows in _retrieved_tables(inp).items():
        dated = [(d, c) for c in rows.values() if (d := row_date(c.text)) is not None]
        if len(dated) < count or len(dated) != len(rows):
            continue
        latest = [c for _, c in sorted(dated, key=lambda dc: dc[0], reverse=True)[:count]]
        values = [row_value(c.text, header, inp.norm_question) for c in latest]
        if all(v is not None for v in values):
            found.append((min(c.n for c in rows.values()),
                          [Operand(cell_number(shown), shown, percent, c.n) for (shown, percent), c in zip(values, latest)]))
    first = min((n for n, _ in found), default=0)
    best = [operands for n, operands in found if n == first]
    return best[0] if len(best) == 1 else []


_IN_A_NAME = re.compile(r"[\u4e00-\u9fff]")


def _one_quantity(row: str) -> tuple[str, bool] | None:
    """A row's only figure written with its unit (「| 晟遠資本 | 3,000萬美元 |」 → 3,000), as row_value gives one."""
    found = [(q[0], q[1] == "%") for cell in row_cells(row) if (q := quantity(cell)) is not None
             and not re.fullmatch(r"(18|19|20)\d\d", cell.strip())]
    return found[0] if len(found) == 1 else None


def _figures_stated(norm_question: str) -> list[NumberToken]:
    """The figures a question states itself: not years, dates or periods (2026年7月, 第10期), codes (00968), nor
    a number inside a name (稳盈365天, 中证500指数)."""
    periods = [m.span() for p in question_periods(norm_question) for m in
               re.finditer(re.escape(p.text), norm_question)]
    out = []
    for t in numbers_in(norm_question):
        if any(s <= t.start < e for s, e in periods) or norm_question[max(0, t.start - 1):t.start] == "第":
            continue
        if not (t.percent or t.decimals) and (t.raw.startswith("0") or t.value >= 1000):
            continue
        named = t.start > 0 and _IN_A_NAME.match(norm_question[t.start - 1]) and \
            _IN_A_NAME.match(norm_question[t.end:t.end + 1] or " ")
        if not (t.percent or t.decimals) and named:
            continue
        out.append(t)
    return out


def _terms_with_parts(norm_question: str) -> set[str]:
    """The question's words a clause must name, with a compound's own words (金融股 asked, 金融業 written)."""
    terms = _question_words(cantonese_to_mandarin(norm_question))
    return terms | {w for t in terms for w in compound_parts(t)}


def _question_words(norm_question: str) -> set[str]:
    """The question's index words of two characters or more, numbers aside (what a clause must name)."""
    return {t for t in tokenize(expand_query(norm_question)) if len(t) >= 2 and not t[0].isdigit()}


def _operand(t: NumberToken, n: int) -> Operand:
    return Operand(t.value, f"{t.raw}%" if t.percent else t.raw, t.percent, n)


_UNIT_AFTER = re.compile(r"\s*(?:億|亿|萬|万)?\s*(美元|港元|新台幣|新台币|日元|元|點|点|倍|家|只|檔|档|年|天|個月|个月|股|張|张)")


def _unit_after(text: str, shown: str) -> str:
    at = text.find(shown.rstrip("%"))
    m = _UNIT_AFTER.match(text, at + len(shown.rstrip("%"))) if at >= 0 else None
    return m.group(1) if m else ""


def _comparable(kinds: list[tuple[bool, str]]) -> bool:
    """Two figures from units of one kind: both table cells, or both sentences whose unit words (元, 點, 家…)
    agree where both have one. A table's 1550 and a sentence's 36.98 元 are two different things."""
    (table_a, unit_a), (table_b, unit_b) = kinds
    if table_a != table_b:
        return False
    return not (unit_a and unit_b and unit_a != unit_b)


_TWO_TERMS = re.compile(r"^\s*(\d[\d,]*(?:\.\d+)?)\s*\+\s*(\d[\d,]*(?:\.\d+)?)\s*$")


def _sum_in_one_cell(chosen: list[Candidate], question: str) -> list[Operand]:
    """「2017年: 700+2200」: a cell the question's column names that writes a sum of two figures."""
    for c in chosen:
        if c.kind != "table_row" or not c.header:
            continue
        cells = row_cells(c.text)
        for i in named_columns(c.header, question):
            m = _TWO_TERMS.match(cells[i]) if i < len(cells) else None
            if m:
                return [Operand(Decimal(g.replace(",", "")), g, False, c.n) for g in m.groups()]
    return []


def _pair_in_one_row(chosen: list[Candidate], question: str) -> list[Operand]:
    """「最大市值: 71 億美元，最小市值: 1.504 億美元」: one chosen row whose two columns the question names; of
    several such rows, the one whose label shares most words with the question, when no other shares as many."""
    found = _best_row_pair(chosen, question)
    return found[1] if found else []


def _in_date_order(pair: list[tuple[str, str, str]], row: str, header: str) -> tuple[list[tuple[str, str, str]], bool]:
    """A row's two figures earlier column first, where both columns are dated (「2026年6月30日 | 2025年12月31日」):
    a change is measured from the earlier figure. With whether both were dated."""
    cells, names = row_cells(row), header_cells(header)
    dates = []
    for _, _, shown in pair:
        i = cells.index(shown) if shown in cells else -1
        m = DATE_CELL.search(names[i]) if 0 <= i < len(names) else None
        dates.append(tuple(int(g or 0) for g in m.groups()) if m else None)
    if None in dates or dates[0] == dates[1]:
        return pair, False
    return (pair if dates[0] < dates[1] else pair[::-1]), True


def _total_rows(inp: CompositionInput) -> frozenset[str]:
    """The total rows of the retrieved tables (labelled so, or adding up the other rows), as written."""
    out = set()
    for rows in _retrieved_tables(inp).values():
        plain = {c.text.strip(): c.text.replace("**", "") for c in rows.values()}
        out |= {text for text, row in plain.items() if is_total_row(row) or
                _sums_the_others(row, [o for t, o in plain.items() if t != text])}
    return frozenset(out)


def _best_row_pair(chosen: list[Candidate], question: str, totals: frozenset[str] = frozenset()
                   ) -> tuple[float, list[Operand], bool] | None:
    """(label overlap, operands, dated) of the chosen row that `_pair_in_one_row` describes; `dated`: the
    operands are in date order, earlier first. `totals`: the retrieved tables' total rows, which a question
    naming a part's row as much does not mean."""
    scored: list[tuple[float, list[Operand], bool, float]] = []
    best = 0.0  # of every chosen row: a pair from a row the question names less than another is not its answer
    expanded = expand_query(question)
    months = dated_months(question)
    seen: set[str] = set()  # overlapping chunks repeat rows
    for c in chosen:
        if c.kind != "table_row" or not c.header or c.text.strip() in seen:
            continue
        seen.add(c.text.strip())
        if not dates_agree(c.header, months):
            continue  # 2026年9月 asked of columns dated 2026年6月30日 and 2025年12月31日: another row's figures
        # a part's row named as much as the total's (「Corvane's Ferries revenue」, the total row labelled Corvane)
        overlap = label_overlap(c.text, expanded) - (0.5 if c.text.strip() in totals else 0)
        best = max(best, overlap)
        pair = row_pair(c.text, c.header, question) or row_before_after(c.text, c.header, question)
        if pair:
            ordered, dated = _in_date_order(pair, c.text, c.header)
        elif pair := year_column_pair(c.text, c.header, question):
            ordered, dated = pair, True  # 「Segment results 2026 | Segment results 2025」: earlier year first
        if pair:
            scored.append((overlap, [Operand(Decimal(v), shown, unit == "%", c.n) for v, unit, shown in ordered], dated,
                           label_share(c.text, expanded)))
    scored.sort(key=lambda s: (-s[0], -s[3]))
    # named equally, the row named more exactly (營業收入, not 研發投入佔營業收入的比例) is the one asked
    if scored and scored[0][0] == best and (len(scored) == 1 or scored[0][0] > scored[1][0] or scored[0][3] > scored[1][3]):
        return scored[0][:3]
    return None


def _same_kind(text: str, a: NumberToken, b: NumberToken) -> bool:
    """Both percentages, or both plain figures whose unit words (倍, 个月, 元…) agree where both have one:
    「未来12个月…约22.5倍」 states a period and a multiple, not two figures to subtract."""
    if a.percent != b.percent:
        return False
    unit_a, unit_b = (_UNIT_AFTER.match(text, t.end) for t in (a, b))
    return a.percent or (unit_a.group(1) if unit_a else "") == (unit_b.group(1) if unit_b else "")


def _pair_in_one_sentence(chosen: list[Candidate], asked: set, periods: tuple = (),
                          terms: set[str] = frozenset()) -> list[Operand]:
    """「A的殖利率為3.2%，B的殖利率為5.6%」: one chosen sentence stating exactly two figures of one kind; of
    several, the one naming the most of the question's `terms` (a volatility question's 28% and 18%, not a rate
    cut's 91% and 80% chosen beside it), the first where they name as many."""
    found: list[tuple[int, list[Operand]]] = []
    # 「羅素2000的市盈率比標普500低幾多」: a sentence comparing the S&P 500 with its own past names one side only
    sides = {t for t in terms if t in ENTITY_WORDS}
    for c in chosen:
        if c.kind == "table_row":
            continue
        if len(sides) >= 2 and not sides <= c.tokens:
            continue
        tokens = _measured_figures(c.text, asked)
        percents = [t for t in tokens if t.percent]
        if len(percents) == 2:
            tokens = percents  # "from 0.35% to 0.20%, effective May 1": the two rates, whatever else it says
        if len(tokens) == 2 and _same_kind(c.text, *tokens) and _states_each_period(c.text, periods):
            found.append((len(_named(c.text, terms)) if terms else 0, [_operand(t, c.n) for t in tokens]))
    return max(found, key=lambda f: f[0])[1] if found else []


def _states_each_period(text: str, periods: tuple) -> bool:
    """Two periods asked (11月 against 6月): a sentence pairs its two figures only when it states both (「月減2.85%,
    年增58.36%」 of 11月 alone is two measures of one month)."""
    return len(periods) < 2 or sum(p.stated_in(text) for p in periods) >= 2


def _clause_figures(chosen: list[Candidate], asked: set) -> Iterator[tuple[Candidate, str, list[NumberToken]]]:
    """Each clause of the chosen sentences with its figures: the question's own numbers, dates, years and
    scaled amounts (亿, 万) aside."""
    for c in chosen:
        if c.kind == "table_row":
            continue
        for m in CLAUSE.finditer(c.text):
            clause = m.group(0)
            yield c, clause, _measured_figures(clause, asked)


def _pair_in_one_clause(chosen: list[Candidate], asked: set, terms: set[str], periods: tuple = ()) -> list[Operand]:
    """「信息技术权重由21.4%上升至24.9%，金融权重由26.8%下降至23.5%」: of the clauses stating exactly two
    figures of one kind, the one that names the most question words, when no other names as many."""
    scored: list[tuple[int, list[Operand]]] = []
    for c, clause, tokens in _clause_figures(chosen, asked):
        if len(tokens) != 2 or not _same_kind(clause, *tokens) or not _states_each_period(c.text, periods):
            continue
        named = len(_named(clause, terms))
        if named:
            scored.append((named, [_operand(t, c.n) for t in tokens]))
    scored.sort(key=lambda s: -s[0])
    if scored and (len(scored) == 1 or scored[0][0] > scored[1][0]):
        return scored[0][1]
    return []


def _pair_across_clauses(chosen: list[Candidate], asked: set, terms: set[str]) -> list[Operand]:
    """「中诚150指数…收报5,862.35点」 and 「基点为1000点」 asked 「现在的点位是基点的几倍」: two clauses of the chosen
    units, each stating one figure of the same kind and naming a question word the other does not. Only when
    exactly one such pair exists."""
    stated: list[tuple[set[str], NumberToken, Candidate]] = []
    for c, clause, tokens in _clause_figures(chosen, asked):
        named = _named(clause, terms) if len(tokens) == 1 else set()
        if named:
            stated.append((named, tokens[0], c))
    pairs = [(a, b) for i, a in enumerate(stated) for b in stated[i + 1:]
             if a[1].percent == b[1].percent and a[1].value != b[1].value and a[0] - b[0] and b[0] - a[0]]
    if len(pairs) != 1:
        return []
    (_, ta, ca), (_, tb, cb) = pairs[0]
    return [_operand(ta, ca.n), _operand(tb, cb.n)]


_SCALE_WORD = re.compile(r"\s*(亿|億|万|萬|billion|million)", re.I)


def _named(clause: str, terms: set[str]) -> set[str]:
    """The terms a clause names; a Chinese word counts inside a longer one (能源 asked, 能源行业 written), and in an
    English clause through its English forms (净费用率 in "Net expense ratio: 0.20%")."""
    norm = normalize_for_index(clause).lower()
    words = set(tokenize(norm))
    named = {t for t in terms if t in words or (not t.isascii() and t in norm)}
    if not _IN_A_NAME.search(norm):
        named |= {t for t in terms if not t.isascii()
                  and any(re.search(rf"\b{re.escape(f)}\b", norm) for f in english_for(t))}
    return named


def _row_percent(c: Candidate, question: str, terms: set[str]) -> tuple[Operand, set[str]] | None:
    """A table row's percentage in the column the question asks, with the question's words the row names; None
    for a sentence, a row naming none of them, or a figure that is no percentage."""
    if c.kind != "table_row" or not c.header:
        return None
    found = row_value(c.text, c.header, question)
    named = _named(c.text, terms)
    if not (found and found[1] and named):
        return None
    return Operand(cell_number(found[0]), found[0], True, c.n), named


def _rate_cell(c: Candidate, terms: set[str]) -> tuple[Operand, set[str]] | None:
    """A row naming a question word whose one percentage sits in a cell of words (「佣金 | 成交金額0.06%，最低收費
    50港元」)."""
    named = _named(c.text, terms)
    percents = [t for cell in row_cells(c.text) for t in numbers_in(cell) if t.percent]
    if not named or len(percents) != 1:
        return None
    return _operand(percents[0], c.n), named


_BRACKETED = re.compile(r"[（(][^（）()]*[）)]")


def _share_of_amount(chosen: list[Candidate], asked: set, terms: set[str], question: str) -> Computation | None:
    """「資產淨值約為港幣42億元,…金融業(38%)」 asked 「金融股值幾多億」: a clause stating one percentage and
    naming a question word, another stating one amount and naming another question word; the part is their
    product, in the amount's scale. A table row's percentage counts as a clause's (a constituent's weight
    beside the assets that track it). Nothing when either is missing or ambiguous."""
    shares: list[tuple[Operand, set[str]]] = []
    amounts: list[tuple[Operand, set[str], str]] = []
    for c in chosen:
        # the column the question names, else the row's one percentage (a holding's 「占净值比例 | 8.62%」)
        read = _row_percent(c, question, terms) or (_rate_cell(c, terms) if c.kind == "table_row" else None)
        if read is not None:
            shares.append(read)
        elif c.kind == "table_row" and (named := _named(c.text, terms)):
            # 「基金规模 | 38.62亿元（其中A类29.17亿元，C类9.45亿元）」: the row's one amount, its breakdown in brackets aside
            outside = _BRACKETED.sub("", c.text)
            scaled = [t for t in numbers_in(outside) if not t.percent and t.scale != 1 and t.value not in asked]
            if len(scaled) == 1 and not any(t.percent for t in numbers_in(outside)):
                word = _SCALE_WORD.match(outside, scaled[0].end)
                scale_word = word.group(1) if word else ""
                amounts.append((Operand(scaled[0].value, f"{scaled[0].raw}{scale_word}", False, c.n), named, scale_word))
    # A list item's introduction states the whole its items share out (「集資淨額約8.40億港元，計劃用途如下：」)
    texts: dict[str, Candidate] = {}
    for c in chosen:
        for text in (c.text, c.lead):
            if text and c.kind != "table_row":
                texts.setdefault(text, c)  # the items share their introduction: read it once
    for text, c in texts.items():
        for m in CLAUSE.finditer(text):
            clause = m.group(0)
            # 「金融業(38%)」: a figure in brackets belongs to the clause it sits in
            tokens = [t for t in numbers_in(clause) if t.value not in asked and not _is_date_part(clause, t)
                      and not (t.scale == 1 and not t.percent and 1800 <= t.value <= 2100)]
            named = _named(clause, terms)
            if not named or len(tokens) < 1:
                continue
            percents = [t for t in tokens if t.percent]
            scaled = [t for t in tokens if not t.percent and t.scale != 1]
            if len(percents) >= 1 and not scaled:
                for t in percents:
                    shares.append((_operand(t, c.n), named))
            elif len(scaled) == 1 and not percents:
                t = scaled[0]
                word = _SCALE_WORD.match(clause, t.end) if t.end < len(clause) else None
                scale_word = word.group(1) if word else ""
                amounts.append((Operand(t.value, f"{t.raw}{scale_word}", False, c.n), named, scale_word))
    if len(amounts) != 1:
        return None
    amount, amount_named, scale_word = amounts[0]
    # The share's clause names what the amount's does not (金融 beside 資產): the part asked about. A word every
    # share's clause names (「約45%用於研發」「約30%用於擴產」: 用於) tells none of them apart.
    common = set.intersection(*(named for _, named in shares)) if len(shares) > 1 else set()
    parts = [op for op, named in shares if named - amount_named - common]
    if len(parts) != 1:
        return None
    return share_of(amount, parts[0], scale_word)


_ASKS_MONEY = re.compile(r"(多少|几多|幾多)(钱|錢|元|块|美元|港元|港币|新台币|人民币)|how much\b[^?]{0,60}"
                         r"\b(pay|cost|charge|charged|fee|fees|expense|expenses)\b|how many dollars"
                         r"|\bhow much\b[^?]{0,30}\b(go(?:es)? into|put|invest|allocate|spend)\b"  # an amount split by weight
                         r"|\bwhat (fees?|commissions?|tax|taxes|charges?|costs?)\b[^?]{0,30}\b(pay|charged|owe)\b"
                         r"|\bwhat (?:would|will) (?:the|my) [^?]{0,30}\b(fees?|costs?|charges?|commissions?|interest)\s+be\b"
                         r"|(俾|畀|给|給|付|交|缴|繳)(几多|幾多|多少)"  # 「佣金要俾幾多」: an amount paid
                         # 「一年手续费一共多少」: a charge asked how much (not its rate, 手续费率)
                         r"|(手续费|手續費|佣金|利息|收费|收費)(?![率比])[^。？?%]{0,6}(多少|几多|幾多)(?!\s*(%|个?百分|個?百分))",
                         re.I)
# 「成交金額0.06%，最低收費50港元」, "0.25%, minimum HK$100": a rate's floor, as an amount of money
_MINIMUM = re.compile(r"(?:最低|最少|下限|minimum|min\.?)\s*(?:收费|收費|费用|費用|charge|fee|of)?\s*[:：]?\s*"
                      r"((?:hk\$|us\$|nt\$|\$|新台币|新臺幣|港币|港幣|人民币|人民幣)?\s*\d[\d,]*(?:\.\d+)?\s*(?:港元|港幣|港币|元|美元|hkd|usd)?)",
                      re.I)


def asked_amount(norm_question: str) -> Operand | None:
    """The one sum of money the asker states, in units (10万元 is 100000), shown as written; n=0: the question."""
    found = []
    for t in numbers_in(norm_question):
        if t.percent:
            continue
        after = MONEY_AFTER.match(norm_question, t.end)
        before = MONEY_BEFORE.search(norm_question[max(0, t.start - 4):t.start])
        if after or before or t.scale > 1 and _AMOUNT_BEFORE.search(norm_question[max(0, t.start - 6):t.start]):
            shown = norm_question[t.start:after.end()] if after else \
                re.sub(r"^[\u4e00-\u9fff]+", "", norm_question[max(0, t.start - 4):t.end].split()[-1]) if before else \
                norm_question[t.start:t.end] + (scale.group(0) if (scale := _SCALE_AFTER.match(norm_question, t.end)) else "")
            found.append(Operand(t.value * t.scale, shown.strip(), False, 0))
    for m in _CHINESE_AMOUNT.finditer(norm_question):  # 「两万蚊」, 「五十万元」: the sum written in Chinese numerals
        value = count_value(m.group(1))
        unit = MONEY_AFTER.match(norm_question, m.end())
        if value > 0 and unit is not None:
            found.append(Operand(Decimal(value), norm_question[m.start():unit.end()].strip(), False, 0))
    return found[0] if len(found) == 1 else None


# 「市值50萬」, 「本金20万」: a sum of ten thousands after a word for an amount of money is money without its unit
_SCALE_AFTER = re.compile(r"\s*(?:万|萬|亿|億)")
_AMOUNT_BEFORE = re.compile(r"(?:市值|本金|金额|资金|投资|投入|借款|贷款|存款|余额)\s*(?:有|约|大约|为|是|系)?\s*$")
_CHINESE_AMOUNT = re.compile(r"(?<![\d零〇一二两三四五六七八九十百千万亿第])([零〇一二两三四五六七八九十百千万亿]*[十百千万亿]"
                             r"[零〇一二两三四五六七八九十百千万亿]*)(?=" + MONEY_AFTER.pattern.replace(r"(?:万|萬|亿|億)?", "") + ")",
                             re.I)


def _rate_of_asked_amount(norm_question: str, chosen: list[Candidate]) -> Computation | None:
    """「买10万元…一年的销售服务费大约是多少元?」 with 「销售服务费 | 0.30%」 chosen: the asker's amount times the one
    rate the chosen units state for what the question names. Nothing when the rate is missing or ambiguous, or
    when the amount is a price per share of a trade the asker describes (composers/trade_cost.py reads that)."""
    if not _ASKS_MONEY.search(norm_question) or prices_a_trade(norm_question):
        return None
    if _INTEREST_FOR_DAYS.search(norm_question):
        return None  # a year's rate times the sum is not the interest for 30 days: a stated formula reads that
    amount = asked_amount(norm_question)
    if amount is None:
        return None
    found = asked_rate(norm_question, chosen)
    if found is None:
        return _summed_rates_of_amount(norm_question, amount, chosen)
    rate, floor = found
    fee = share_of(amount, rate, "")
    times = 12 if _MONTHLY_FOR_A_YEAR.search(norm_question) else 1
    if floor is None and times == 1:
        return fee
    surcharge = _surcharge(rate, chosen) if times == 1 and _ASKS_TOTAL.search(norm_question) else None
    if floor is None and times == 1 and surcharge is None:
        return fee
    charge = fee.value if floor is None else max(fee.value, floor.value)
    expression = f"{amount.shown} × {rate.shown}" if floor is None else f"max({amount.shown} × {rate.shown}, {floor.shown})"
    if surcharge is not None:  # 「另收郵電費300元」: a fixed charge on top, where the question asks the total
        charge, expression = charge + surcharge.value, f"{expression} + {surcharge.shown}"
    more = tuple(o for o in (floor, surcharge) if o is not None)
    return Computation("formula", amount, rate, charge * times, "", more,
                       expression=f"{expression} × 12" if times == 12 else expression)


_ASKS_TOTAL = re.compile(r"一共|总共|共要|合计|加起来|总计|\bin total\b|\baltogether\b|\ball in\b|\btotal\b", re.I)
# 「另收郵電費新臺幣300元」, "plus a cable charge of HK$20": a fixed charge the page adds to the rate's
_SURCHARGE = re.compile(r"(?:另收|另加|另计|另計|加收|外加|另付)[^，,。；;|]{0,12}?(?P<cn>(?:新台币|新臺幣|港币|港元|美元|人民币)?"
                        r"\d[\d,]*(?:\.\d+)?\s*(?:元|港元|美元))"
                        r"|\bplus (?:a |an )?[a-z ]{0,24}?(?:of )?(?P<en>(?:hk|us|nt|s)?\$\d[\d,]*(?:\.\d+)?)", re.I)


def _surcharge(rate: Operand, chosen: list[Candidate]) -> Operand | None:
    """The one fixed charge the unit stating the rate adds on top of it."""
    for c in chosen:
        if c.n != rate.n or rate.shown not in c.text:
            continue
        found = list(_SURCHARGE.finditer(normalize_for_index(c.text)))
        if len(found) == 1:
            shown = found[0].group("cn") or found[0].group("en")
            digits = re.search(r"\d[\d,]*(?:\.\d+)?", shown).group(0)
            return Operand(Decimal(digits.replace(",", "")), shown, False, c.n)
    return None


# 「每月定期定额5,000元，一年手续费一共多少」, "HK$2,000 every month … in a year": a monthly charge, twelve times
_MONTHLY_FOR_A_YEAR = re.compile(r"(?=.*(?:每月|每个月|每個月|月月|\bmonthly\b|\bevery month\b|\beach month\b))"
                                 r"(?=.*(?:一年|全年|每年|\ba year\b|\bper year\b|\bannually\b|\bin a year\b))", re.I | re.S)


# 「经理费加保管费」, 「管理費同託管費」, "the management fee plus the custody fee": two charges asked together
_JOINED = re.compile(r"加上|加|和|与|及|同埋|同|以及|\+|＋|\bplus\b|\band\b", re.I)


def _summed_rates_of_amount(norm_question: str, amount: Operand, chosen: list[Candidate]) -> Computation | None:
    """「买10万元…一年的经理费加保管费大约多少钱?」: the asker's amount times the two rates the question names
    together, each the one rate the chosen units state for its own words."""
    joins = list(_JOINED.finditer(norm_question))
    if len(joins) != 1:
        return None
    before, after = norm_question[:joins[0].start()], norm_question[joins[0].end():]
    first, second = asked_rate(before, chosen), asked_rate(after, chosen)
    if first is None or second is None or first[1] is not None or second[1] is not None or \
            first[0].value == second[0].value:
        return None  # a floor, or one rate named twice, is not two charges added
    r1, r2 = first[0], second[0]
    value = amount.value * (r1.value + r2.value) / 100
    return Computation("formula", amount, r1, value, "", (r2,), expression=f"{amount.shown} × ({r1.shown} + {r2.shown})")


# 「借30天要付多少利息」, "interest for 45 days"
_INTEREST_FOR_DAYS = re.compile(r"(?=.*(?:利息|息口|\binterest\b))(?=.*(?<![月/\-.\d])\d+\s*(?:天|日|个?自然日|days?\b))", re.I | re.S)
# 「借券放20天」, "held for 73 days": a charge that runs by the day, which no one-off trade fee is
_HELD_FOR_DAYS = re.compile(r"(?:放|借|用|持有|拿|held?|for)\s*\d+\s*(?:天|个?自然日|calendar days?\b|days?\b)", re.I)


def charged_by_days(norm_question: str) -> bool:
    """The asker states how many days they borrow or hold: a daily or yearly charge's days, read by a stated
    formula (composers/stated_formula.py), not a trade's one-off fees."""
    return _INTEREST_FOR_DAYS.search(norm_question) is not None or _HELD_FOR_DAYS.search(norm_question) is not None


def asks_money(norm_question: str) -> bool:
    """The question asks an amount of money (「要繳多少錢」, "how much … pay", "what commission do I pay")."""
    return _ASKS_MONEY.search(norm_question) is not None


def _stated_floor(text: str, n: int) -> Operand | None:
    """The minimum charge a text states after a minimum word (「最低收費50港元」, "minimum HK$100")."""
    floor = _MINIMUM.search(text)
    figures = numbers_in(floor.group(1)) if floor else []
    return Operand(figures[0].value, floor.group(1).strip(), False, n) if figures else None


_MINIMUM_COLUMN = re.compile(r"最低|最少|下限|\bminimum\b|\bmin\b", re.I)
_MONEY_IN_CELL = re.compile(r"(?:hk\$|us\$|nt\$|s\$|\$)\s*\d[\d,]*(?:\.\d+)?|\d[\d,]*(?:\.\d+)?\s*(?:港元|港幣|港币|元|美元)", re.I)


def _minimum_cell(c: Candidate) -> tuple[Decimal, str] | None:
    """A fee row's floor in a column of its own (「最低收費 | 每宗 HK$50」): the one amount of money in that cell."""
    names, cells = header_cells(c.header), row_cells(c.text)
    columns = [i for i, name in enumerate(names) if _MINIMUM_COLUMN.search(name) and i < len(cells)]
    amounts = [m.group(0) for i in columns[:1] for m in _MONEY_IN_CELL.finditer(cells[i])]
    if len(amounts) != 1:
        return None
    return numbers_in(amounts[0])[0].value, amounts[0].strip()


def asked_rate(norm_question: str, chosen: list[Candidate]) -> tuple[Operand, Operand | None] | None:
    """The one rate the chosen units state for what the question names (「销售服务费 | 0.30%」), with the floor its
    row states (「每筆最低20元」), if any. Nothing when the rate is missing or ambiguous."""
    # a code the asker writes (「代號2395的股票」) names its row better than any word
    terms = _terms_with_parts(norm_question) | {t.raw for t in numbers_in(norm_question) if names_a_code(norm_question, t)}
    rates: dict[Decimal, Operand] = {}
    # the longest question word naming each rate (净费用率 before 费用率), then how much of the question its label
    # names (「電子下單手續費折扣」 before 「手續費」 for an asker who orders online)
    naming: dict[Decimal, tuple[int, int]] = {}
    minimums: dict[Decimal, Operand] = {}  # a rate's stated floor: the fee is the larger of the two

    def add(value: Decimal, operand: Operand, named: set[str]) -> None:
        rates.setdefault(value, operand)
        naming[value] = max(naming.get(value, (0, 0)), (max(len(t) for t in named), sum(len(t) for t in named)))

    for c in chosen:
        if c.kind == "table_row" and c.header:
            read = _row_percent(c, norm_question, terms) or _rate_cell(c, terms)
            if read is not None:
                add(read[0].value, *read)
                if (floor := _stated_floor(c.text, c.n)) is not None:
                    minimums[read[0].value] = floor
                elif (cell := _minimum_cell(c)) is not None:
                    minimums[read[0].value] = Operand(cell[0], cell[1], False, c.n)
            continue
        for m in CLAUSE.finditer(c.text):
            percents = [t for t in numbers_in(m.group(0)) if t.percent]
            if len(percents) == 1 and (named := _named(m.group(0), terms)):
                add(percents[0].value, _operand(percents[0], c.n), named)
                # 「每筆扣款金額的0.1%，每筆最低新臺幣10元」: the sentence's floor for its one rate
                floor = _stated_floor(c.text[m.end():], c.n)
                if floor is not None and len([t for t in numbers_in(c.text) if t.percent]) == 1:
                    minimums[percents[0].value] = floor
    if rates:
        longest = max(naming.values())
        rates = {v: o for v, o in rates.items() if naming[v] == longest}
    if len({o.n for o in rates.values()}) > 1:
        # rates from several sources (a fund's expense ratio, another product's fee): the best-retrieved one's
        first = min(o.n for o in rates.values())
        rates = {v: o for v, o in rates.items() if o.n == first}
    if len(rates) != 1:
        return None
    rate = next(iter(rates.values()))
    return rate, minimums.get(rate.value)


# The asker's saving from a cut (「降费后…每年能少付多少管理费」, "how much less would I pay")
_SAVES = re.compile(r"少付|少交|少缴|少收|省(下|了|到)?(多少|几多|几)|节省|\bsave\b|\bsaving|\bless\b")
# 「管理费年费率由1.20%调低至0.80%」, "cut from 0.20% to 0.10%"
_CUT = re.compile(r"(?:由|从)\s*(\d+(?:\.\d+)?%)\s*(?:调低|下调|降低|调降|降|减|下降)(?:至|到|为)\s*(\d+(?:\.\d+)?%)"
                  r"|\bfrom\s+(\d+(?:\.\d+)?%)\s+to\s+(\d+(?:\.\d+)?%)", re.I)


def _saving_on_asked_amount(norm_question: str, chosen: list[Candidate]) -> Computation | None:
    """「降费后，我持有8万元，每年能少付多少管理费和托管费?」 with 「管理费年费率由1.20%调低至0.80%，托管费年费率由
    0.20%调低至0.10%」 chosen: the asker's amount times the cuts of the rates the question names, added up."""
    amount = asked_amount(norm_question)
    if amount is None:
        return None
    terms = _terms_with_parts(norm_question)
    cuts: dict[tuple[Decimal, Decimal], tuple[Operand, Operand]] = {}
    for c in chosen:
        if c.kind == "table_row":
            continue
        for clause in CLAUSE.finditer(c.text):
            for m in _CUT.finditer(clause.group(0)):
                if not _named(clause.group(0)[:m.start()], terms):
                    continue  # the rate cut is of something the question does not name
                before, after = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
                a, b = Decimal(before.rstrip("%")), Decimal(after.rstrip("%"))
                if a > b:
                    cuts.setdefault((a, b), (Operand(a, before, True, c.n), Operand(b, after, True, c.n)))
    if not cuts:
        return None
    pairs = list(cuts.values())
    rate = sum((a.value - b.value for a, b in pairs), Decimal(0))
    terms_shown = " + ".join(f"({a.shown} − {b.shown})" for a, b in pairs)
    expression = f"{amount.shown} × {terms_shown if len(pairs) == 1 else '(' + terms_shown + ')'}"
    operands = [o for pair in pairs for o in pair]
    return Computation("saving", amount, operands[0], amount.value * rate / 100, "", tuple(operands[1:]),
                       expression=expression)


def _single_figure(c: Candidate, asked: set, years: bool) -> "NumberToken | None":
    """The one figure a unit states (dates and the question's own numbers aside); for a how-many-years
    question, the one year it states."""
    if c.kind == "table_row":
        return None
    tokens = [t for t in numbers_in(c.text) if t.value not in asked and t.scale == 1]
    if years:
        tokens = [t for t in tokens if 1800 <= t.value <= 2100 and not t.percent]
    else:
        tokens = [t for t in tokens if (t.percent or t.decimals or not 1800 <= t.value <= 2100)
                  and not _is_date_part(c.text, t)]
        percents = [t for t in tokens if t.percent]
        if len(percents) == 1:
            return percents[0]  # 「過去10年…回報率為13.3%」: the rate, not the period's length
    return tokens[0] if len(tokens) == 1 else None


@lru_cache(maxsize=1)
def _comparison_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return read_patterns("assistant.data", "comparison_words.tsv", ("compare", "outperform", "difference"))


def compares(norm_question: str) -> bool:
    """The question compares things (「…還是…」, "A vs B", 「誰的回報高」): each needs its figure."""
    text = cantonese_to_mandarin(norm_question.lower())
    return any(p.search(text) for kind, p in _comparison_patterns() if kind in ("compare", "outperform"))


def asks_outperformance(norm_question: str) -> bool:
    """The question measures a fund against a benchmark or index (「有冇跑赢基准」, "did it beat its index")."""
    text = cantonese_to_mandarin(norm_question.lower())
    return any(p.search(text) for kind, p in _comparison_patterns() if kind == "outperform")


def asks_difference(norm_question: str) -> bool:
    """The question asks how things differ (「VTWO 同 IWM 有咩唔同?」, "difference between"): each needs a unit
    of its own. Matched before the Cantonese rewrite, which reads the 同 of 唔同 as 和."""
    text = norm_question.lower()
    return any(p.search(text) for kind, p in _comparison_patterns() if kind == "difference")


def operand_partner(inp: CompositionInput, chosen: list[Candidate], candidates: list[Candidate],
                    content: set[str]) -> tuple[Candidate, Candidate] | None:
    """For an arithmetic or comparison question that the chosen units answer with one figure only: the unit
    stating the other figure. It states exactly one figure of the same kind (both percentages, or neither), names a question
    word the chosen unit does not (the other index, the other year), and is preferred when it follows or
    precedes the chosen unit (「…標普500…13.3%。相較之下，羅素2000…同期…7.82%。」: the comparison's second half)."""
    if operation(inp.norm_question) in (None, "proportion") and not compares(inp.norm_question):
        return None
    asked = {t.value for t in numbers_in(inp.norm_question)}
    years = _YEARS_ASKED.search(inp.norm_question.lower()) is not None
    stated = [(c, f) for c in chosen if (f := _single_figure(c, asked, years)) is not None]
    if not stated:
        return None
    # The unit closest to the question is the one whose figure needs a partner.
    first, figure = max(stated, key=lambda s: len(_names_of(content, s[0])))
    missing = content - _names_of(content, first)
    best: tuple[tuple, Candidate] | None = None
    for c in candidates:
        other = _single_figure(c, asked, years)
        if c is first or other is None or other.percent != figure.percent or other.value == figure.value:
            continue
        named = _names_of(missing, c)
        if not named:
            continue
        adjacent = c.n == first.n and abs(c.position - first.position) == 1
        key = (adjacent, len(named), c.n == first.n, -c.n)
        if best is None or key > best[0]:
            best = (key, c)
    return (first, best[1]) if best else None


def _names_of(terms: set[str], c: Candidate) -> set[str]:
    """The terms a unit names: as its index words, or, in an English unit, as `_named` reads a clause (净费用率 in
    "Net expense ratio: 0.20%")."""
    return (terms & c.tokens) | (_named(c.text, terms) if c.text.isascii() else set())


def share_partner(inp: CompositionInput, chosen: list[Candidate],
                  candidates: list[Candidate]) -> tuple[Computation, list[Candidate]] | None:
    """A share-of-an-amount question whose chosen units state the amount but not the share (「以目前合計規模算，
    要持有多少億元芯拓微電子」): the table row the question names, stating the percentage asked (that stock's
    weight), computed with the chosen units and quoted beside them."""
    if operation(inp.norm_question) != "share_of":
        return None
    terms = frozenset(_question_words(cantonese_to_mandarin(inp.norm_question)))
    named = named_row_ids(candidates, inp.norm_question, words(inp.norm_question), terms)
    for c in candidates:
        if id(c) in named and c not in chosen:
            calc = arithmetic_on_sources(inp, sorted([*chosen, c], key=lambda u: (u.n, u.position)))
            if calc is not None:
                return calc, [c]
    return None


def annualized_partner(inp: CompositionInput, chosen: list[Candidate]) -> tuple[Figure, str] | None:
    """The asker annualized a cumulative return they stated (187% over 5 years) and asks how another compares
    (「同標普比呢?」): the chosen sentence stating their figure states the other's too (「…187%,遠超標普500
    同期約107%」), so that one is annualized over the same years, shown with its [n]."""
    stated_ann = next((f for f in inp.figures if f.name == "annualized_return" and f.source == STATED_SOURCE), None)
    if stated_ann is None or not compares(inp.norm_question):
        return None
    try:
        years = float(stated_ann.period.rstrip("y"))
    except ValueError:
        return None
    asked = {t.value for t in numbers_in(inp.norm_question) if t.percent}
    for c in chosen:
        if c.kind == "table_row":
            continue
        percents = [t for t in numbers_in(c.text) if t.percent]
        others = [t for t in percents if t.value not in asked]
        if len(others) == 1 and len(percents) == 2:
            cum = float(others[0].value)
            ann = returns.annualize(cum / 100, years) * 100
            figure = Figure(name="annualized_return", value=round(ann, 2), unit="%", symbol="", period=f"{years:g}y",
                            as_of=None, source=f"computed from [{c.n}]")
            text = fill("figures.annualize", inp.language, cum=cum, years=years, ann=ann)
            if not inp.language.is_chinese:
                return figure, f"{text.rstrip('.')} ({others[0].raw}% from [{c.n}])."
            return figure, to_asker_script(f"{text.rstrip('。')}（{others[0].raw}%见[{c.n}]）。", inp.language)
    return None
