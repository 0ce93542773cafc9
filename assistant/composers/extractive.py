"""The offline composer: picks the source sentences that best answer the question and strings them
together with [n] markers. It writes nothing that is not in a source apart from fixed connective templates
in the asker's language; English questions get English framing around the quoted Chinese evidence.

Sentences are scored lexically (no embedding at question time, so a warm answer stays within tens of ms):
BM25-style weights of the question's index tokens found in the sentence, plus a small prior for the chunk's
retrieval rank and for numbers when the question asks for one.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from assistant.answer_types import answer_type, satisfies
from assistant.arithmetic import Computation, Operand, compute, operation
from assistant.arithmetic import render as render_computation
from assistant.composers.base import Composition, CompositionInput
from assistant.english_frame import english_facts
from assistant.evidence import generic_words
from assistant.language import QueryLanguage
from assistant.tables import NUMERIC_CELL, extreme_row, render_row, row_cells, row_value
from assistant.number_tokens import numbers_in
from assistant.sentences import split_sentences
from knowledge_base.lexical_tokens import ENTITY_ALIASES, expand_query, tokenize, with_canonical_terms
from knowledge_base.records import QUOTABLE_UNITS as QUOTABLE
from knowledge_base.scripts import normalize_for_index

_QUESTION_PARTS = re.compile(r"[?？;；]|(?<=[多少几])[,，]")
_GENERIC_WORDS = generic_words()
_LIST_ITEM = re.compile(r"^\s*([-*•·]|\d{1,2}[.、)]|[一二三四五六七八九十]+、)")
_ENTITY_WORDS = frozenset(t for v in ENTITY_ALIASES.values() for t in v.lower().split())
CUTOFF = 0.45  # sentences scoring under this share of the best one are not used
OTHER_DOC_CUTOFF = 0.7  # the same, for sentences of documents other than the best sentence's
HEADER_WEIGHT = 0.6  # a table header's words count for each row, less than the row's own words
_ASKS_NUMBER = re.compile(r"多少|几多|几|百分|比例|倍|how (much|many)|what %|percent|rate|level|\d")
_HAS_NUMBER = re.compile(r"\d")
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%")
_FREQUENCY = {
    "semiannual": re.compile(r"半年|每年两次|一年两次|每半年"),
    "annual": re.compile(r"一年一审|每年一次|年度重组|一年一次|年度[^半]{0,4}重"),
}
# Never quoted, whatever a document says: planted instructions, buy/sell calls and sign-up pitches.
_UNQUOTABLE = re.compile(
    r"ignore (all )?(previous|prior|above) instructions|忽略(之前|以上|先前)|(建议|建議|强烈|強烈|立即|马上|馬上)\s*(买入|買入|卖出|賣出|沽出)|"
    r"all ?in|you should (buy|sell)|(buy|sell) (it )?now|(注册|註冊|开户|開戶)[^。]{0,20}(帐号|帳號|账户|帳戶)",
    re.I,
)
_TABLE_SEP = re.compile(r"^\|[\s:\-|]+\|")
_HEADINGISH = re.compile(r"^[^。！？!?；;，,]{0,24}$")

FRAMES = {
    "zh-Hant": {"lead": "", "join": "", "conflict": "資料說法不一致：", "also": "另一來源指出："},
    "zh-Hans": {"lead": "", "join": "", "conflict": "资料说法不一致：", "also": "另一来源指出："},
    "en": {
        "lead": "From the sources (quoted in the original Chinese): ",
        "join": " ",
        "conflict": "The sources differ: ",
        "also": "another source says: ",
    },
}


@dataclass(frozen=True)
class Candidate:
    n: int  # context number
    start: int
    end: int
    text: str  # the original span (what the citation quotes)
    tokens: frozenset[str]
    position: int
    kind: str = "answer"  # answer unit kind (answer | table_row)
    header: str = ""  # table rows: header line, with the table's caption above it when there is one
    chunk_start: int = 0  # the chunk's offset in its document: overlapping chunks repeat units
    lead: str = ""  # the FAQ question or list introduction this unit answers
    header_tokens: frozenset[str] = frozenset()  # table rows: words of the header (every row shares them)

    def display(self, lang: str) -> str:
        """What the answer shows: the sentence, or a table row as header: value pairs."""
        return render_row(self.text, self.header, lang) if self.kind == "table_row" and self.header else self.text

    @property
    def doc_start(self) -> int:
        return self.chunk_start + self.start


_CJK = re.compile(r"[\u3400-\u9fff]")


@lru_cache(maxsize=4096)
def _sentence_tokens(text: str) -> frozenset[str]:
    return frozenset(tokenize(with_canonical_terms(normalize_for_index(text))))


def _bigrams(text: str) -> set[str]:
    squashed = re.sub(r"\W+", "", normalize_for_index(text))
    return {squashed[i: i + 2] for i in range(len(squashed) - 1)}


def _is_table_header(text: str, start: int, end: int) -> bool:
    row = text[start:end]
    if set(row) <= set("|-: "):
        return True
    following = text[end:].lstrip("\n")
    if _TABLE_SEP.match(following):
        return True
    # A table without a separator line: its first row, directly followed by more rows, is the header.
    before = text[:start].rstrip("\n").rsplit("\n", 1)[-1] if start else ""
    return start > 0 and not before.startswith("|") and following.startswith("|")




def _names_cell(c: Candidate, question_text: str, question_words: set[str],
                question_terms: frozenset[str] = frozenset()) -> set[str]:
    """What in the question names a cell of this row: a word or an English word it shares with the question
    (header words excluded: every row has them), a number the question writes (2010 in a year column), a
    Chinese abbreviation whose characters the cell holds in order (招行, 招商银行), or the cell itself."""
    header_words = _words(c.header)
    keys: set[str] = set()
    for cell in row_cells(c.text):
        if len(cell) < 2:
            continue
        if NUMERIC_CELL.match(cell):
            if cell in question_terms and not cell.endswith("%"):
                keys.add(cell)
            continue
        keys |= (_words(cell) & question_words) - header_words
        for t in question_terms:
            if len(t) >= 2 and _CJK.match(t) and t not in c.header and (t in cell or _abbreviates(t, cell)):
                keys.add(t)
        if _CJK.search(cell) and normalize_for_index(cell) in question_text:
            keys.add(normalize_for_index(cell))
    return keys


def _abbreviates(short: str, name: str) -> bool:
    """`short` keeps the first character of `name` and the rest in order (招行 in 招商银行)."""
    if len(short) >= len(name) or short[0] != name[0]:
        return False
    rest = iter(name[1:])
    return all(ch in rest for ch in short[1:])


def _named_rows(candidates: list[Candidate], question: str, words: set[str], terms: frozenset[str]) -> set[int]:
    """ids of the table rows the question names. A word found in most rows of its table (the table's common
    subject, "北辰" in 北辰50 / 北辰高息 / 北辰低波) names none of them."""
    tables: dict[str, list[Candidate]] = {}
    for c in candidates:
        if c.kind == "table_row" and c.header:
            tables.setdefault(c.header, []).append(c)
    named: set[int] = set()
    for rows in tables.values():
        unique = list({c.doc_start: c for c in rows}.values())  # overlapping chunks repeat rows
        keys = {c.doc_start: _names_cell(c, question, words, terms) for c in unique}
        counts: dict[str, int] = {}
        for found in keys.values():
            for key in found:
                counts[key] = counts.get(key, 0) + 1
        telling = {k for k, n in counts.items() if n <= max(1, len(unique) // 2)}
        starts = {start for start, found in keys.items() if found & telling}
        named |= {id(c) for c in rows if c.doc_start in starts}
    return named


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z]{4,}", text)}


def _extreme_row(candidates: list[Candidate], asked: str | None, question: str) -> Candidate | None:
    """For a rank question over a table: the row with the largest (or smallest) value."""
    if asked not in ("rank_max", "rank_min"):
        return None
    rows = [(c, c.text, c.header) for c in candidates if c.kind == "table_row" and c.header]
    return extreme_row(rows, asked == "rank_max", question)


def _figures_of(c: Candidate) -> list:
    return [t for t in numbers_in(normalize_for_index(c.text) if c.kind != "table_row" else c.text)
            if t.percent or t.decimals or t.scale != 1 or t.value >= 100 and not 1800 <= t.value <= 2100]


def _close_but_different(chosen: list[Candidate], contexts) -> bool:
    """Two documents each state one figure of the same kind (both percentages, or both plain amounts) that
    differ by less than a tenth: two reports of one fact (38,915 vs 38,957 points), not two different facts."""
    stated: dict[str, list] = {}
    for c in chosen:
        figures = _figures_of(c)
        if len(figures) == 1:
            stated.setdefault(contexts[c.n - 1].chunk.doc_id, []).append(figures[0])
    docs = [v for v in stated.values() if len(v) == 1]
    for i, (a,) in enumerate(docs):
        for (b,) in docs[i + 1:]:
            if a.percent == b.percent and a.scaled != b.scaled and \
                    abs(a.scaled - b.scaled) <= max(abs(a.scaled), abs(b.scaled)) / 10:
                return True
    return False


def contexts_doc(inp: CompositionInput, c: Candidate) -> str:
    return inp.contexts[c.n - 1].chunk.doc_id


class ExtractiveComposer:
    name = "extractive"

    def __init__(self, max_sentences: int = 3, max_chars: int = 320):
        self.max_sentences = max_sentences
        self.max_chars = max_chars

    def candidates(self, inp: CompositionInput) -> list[Candidate]:
        out = []
        for n, hit in enumerate(inp.contexts, start=1):
            text = hit.chunk.text
            if not hit.chunk.units:  # a catalog written before answer units: judge sentences by shape here
                out.extend(self._legacy_candidates(n, text))
                continue
            # An FAQ question, or an introduction ending in a colon, lends its words to what answers it: the
            # next sentence, or the list items that follow ("以下原因：" then "- 泡沫…").
            asked = ""
            for position, unit in enumerate(hit.chunk.units):
                unit_text = text[unit.start:unit.end].strip()
                if unit.kind == "question" or (unit.kind == "heading" and unit_text.endswith((":", "："))):
                    asked = unit_text
                    continue
                if unit.kind not in QUOTABLE:
                    asked = "" if unit.kind != "heading" else asked
                    continue  # headings, FAQ questions, captions, advertising and site chrome answer nothing
                sentence = unit_text
                if not sentence:
                    continue  # blanked by the safety screen (a flagged sentence keeps its span, not its text)
                if _UNQUOTABLE.search(normalize_for_index(sentence)) or _UNQUOTABLE.search(sentence):
                    continue
                tokens = _sentence_tokens(sentence)
                lead = ""
                if asked and unit.kind == "answer":
                    tokens = tokens | _sentence_tokens(asked)
                    lead = asked
                    if not _LIST_ITEM.match(sentence):
                        asked = ""
                header_tokens = _sentence_tokens(unit.header.split("\n")[-1]) - tokens if unit.header else frozenset()
                out.append(Candidate(n, unit.start, unit.end, sentence, tokens, position, unit.kind, unit.header,
                                     hit.chunk.start, lead, header_tokens))
        return out

    @staticmethod
    def _legacy_candidates(n: int, text: str) -> list[Candidate]:
        out = []
        for position, (start, end) in enumerate(split_sentences(text)):
            sentence = text[start:end].strip()
            if _UNQUOTABLE.search(normalize_for_index(sentence)) or _UNQUOTABLE.search(sentence):
                continue
            if sentence.startswith("|") and _is_table_header(text, start, end):
                continue
            if sentence.rstrip("」』”’\"')）").endswith(("?", "？")) or sentence.endswith((":", "：")):
                continue
            if len(sentence) < 8 or (_HEADINGISH.match(sentence) and not _HAS_NUMBER.search(sentence)):
                continue
            out.append(Candidate(n, start, end, sentence, _sentence_tokens(sentence), position))
        return out

    def select(self, inp: CompositionInput) -> list[Candidate]:
        query_tokens = set(tokenize(expand_query(inp.norm_question)))
        if inp.language.lang == "en":
            # Lower-case English words cannot state anything in a Chinese sentence; they only match the Latin
            # names inside it ("Russell 2000"), so scoring keeps their Chinese index words, tickers and numbers.
            query_tokens = {t for t in query_tokens if not t.isascii() or not t.isalpha() or t.upper() in inp.question}
        candidates = self.candidates(inp)
        if not candidates or not query_tokens:
            return []
        df = {t: sum(1 for c in candidates if t in c.tokens) for t in query_tokens}
        total = len(candidates)
        idf = {t: math.log(1 + (total - f + 0.5) / (f + 0.5)) for t, f in df.items()}

        asked = answer_type(inp.norm_question)
        question_grams = _bigrams(inp.norm_question)
        question_words = _words(inp.norm_question)
        identifiers = {t.lower() for t in re.findall(r"(?<![A-Za-z0-9])(?:[A-Z]{2,6}|\d{4,6})(?![A-Za-z0-9])", inp.question)
                       if not 1800 <= int(t if t.isdigit() else 0) <= 2100}
        question_terms = frozenset(query_tokens) | frozenset(re.findall(r"\d{4}", inp.norm_question))
        extreme = _extreme_row(candidates, asked, inp.norm_question)
        named_ids = _named_rows(candidates, inp.norm_question, question_words, question_terms)

        def ranking(tokens: set[str], wants_number: bool) -> list[tuple[float, Candidate]]:
            def score(c: Candidate) -> float:
                matched = tokens & c.tokens
                named = id(c) in named_ids
                if not matched and not named and c is not extreme:
                    return 0.0
                s = sum(idf.get(t, 1.0) for t in matched)
                s += HEADER_WEIGHT * sum(idf.get(t, 1.0) for t in tokens & c.header_tokens)  # the column asked about
                if named:
                    s += 3.0  # the row of the thing asked about ("茅台" in 「贵州茅台」)
                if c is extreme:
                    s += 6.0  # rank questions: the row holding the largest / smallest value
                s /= 0.75 + 0.25 * (len(c.display(inp.language.lang)) / 60)  # mild length normalization
                s *= 1.0 + 0.15 / c.n  # retrieval rank prior
                if identifiers and c.kind != "table_row" and identifiers & c.tokens:  # rows: named cells
                    s *= 1.3  # names the ticker or code the asker wrote (HLDG, 0050)
                fits = satisfies(asked, c.text)
                if fits is None:
                    fits = _HAS_NUMBER.search(c.text) is not None if wants_number else None
                if fits is True:
                    s *= 1.25
                elif fits is False and asked in ("date", "number"):
                    s *= 0.8
                return s

            return sorted(((score(c), c) for c in candidates), key=lambda x: -x[0])

        ranked = ranking(query_tokens, bool(_ASKS_NUMBER.search(inp.norm_question.lower())))
        best = ranked[0][0] if ranked else 0.0
        score_of = {id(c): sc for sc, c in ranked}
        # A question in several parts (「降到多少?为啥对罗素2000特别有利?」) gets the best sentence of each part
        # first, then the best of the whole.
        pool = [r[0][1] for r in self._part_rankings(inp.norm_question, query_tokens, ranking) if r and r[0][0] > 0]
        top_doc = inp.contexts[ranked[0][1].n - 1].chunk.doc_id if ranked and best > 0 else None
        # Another document's sentence must come closer to the best one: most filler comes from there.
        pool += [c for s, c in ranked if s > 0 and s >= best * (
            CUTOFF if inp.contexts[c.n - 1].chunk.doc_id == top_doc else OTHER_DOC_CUTOFF)]
        # Rows of a table that the question names ("招行", "Moutai"), and a rank question's extreme row, are the
        # answer itself: they come first.
        named_rows = [c for sc, c in ranked if c.kind == "table_row" and (c is extreme or (
            sc >= best * CUTOFF and id(c) in named_ids))]
        if named_rows and len(named_rows) <= self.max_sentences:
            pool = [*named_rows, *[c for c in pool if c not in named_rows]]
        if pool and pool[0].lead and _LIST_ITEM.match(pool[0].text):
            # The best unit is one item of a list its introduction leads into: the other items follow it.
            siblings = [c for c in candidates if c.lead == pool[0].lead and c.n == pool[0].n and c is not pool[0]]
            pool = [pool[0], *siblings, *pool[1:]]
        chosen: list[Candidate] = []
        covered: set[str] = set()
        # What a further sentence must add: a question term that is neither a question word nor the subject's
        # name (a sentence that only repeats "罗素2000" says nothing new about the question).
        content = {t for t in query_tokens if t not in _GENERIC_WORDS and t not in _ENTITY_WORDS} or \
            {t for t in query_tokens if t not in _GENERIC_WORDS}
        length = 0
        for c in pool:
            if len(chosen) >= self.max_sentences:
                break
            if c in chosen or any(o.doc_start == c.doc_start and o.text == c.text
                                  and contexts_doc(inp, o) == contexts_doc(inp, c) for o in chosen):
                continue
            new_terms = (content & c.tokens) - covered
            sibling = bool(chosen) and bool(c.lead) and c.lead == chosen[0].lead
            near_tie = score_of.get(id(c), 0.0) >= 0.9 * best  # as good as the best: both may be the answer
            if chosen and not new_terms and not sibling and not near_tie and c is not extreme and \
                    id(c) not in named_ids \
                    and not _close_but_different([*chosen, c], inp.contexts):
                continue  # filler: says nothing about the question that the chosen sentences do not
            grams = _bigrams(c.text)
            if c.kind != "table_row" and any(len(grams & _bigrams(o.text)) / max(1, min(len(grams), len(_bigrams(o.text)))) > 0.6 for o in chosen):
                continue  # redundant with a sentence already chosen (overlapping chunks, repeated claims)
            shown = len(c.display(inp.language.lang))
            if chosen and length + shown > self.max_chars:
                continue
            chosen.append(c)
            covered |= content & c.tokens
            length += shown
        if chosen and len(chosen) < self.max_sentences + 1:
            # Another document stating the same fact with a different figure is shown too, whatever its score.
            asked = content & chosen[0].tokens
            for _, c in ranked:
                if c in chosen or not asked or len(asked & c.tokens) * 2 < len(asked):
                    continue
                if _close_but_different([chosen[0], c], inp.contexts):
                    chosen.append(c)
                    break
        # Read in source order: by context number, then position in the chunk.
        return sorted(chosen, key=lambda c: (c.n, c.position))

    @staticmethod
    def _part_rankings(norm_question: str, query_tokens: set[str], ranking) -> list[list[tuple[float, Candidate]]]:
        parts = [p for p in _QUESTION_PARTS.split(norm_question) if p.strip()]
        if len(parts) < 2:
            return []
        subject = {t for t in query_tokens if t in _ENTITY_WORDS}
        out = []
        for part in parts:
            tokens = set(tokenize(expand_query(part)))
            if len(tokens - subject) >= 1:
                out.append(ranking(tokens | subject, bool(_ASKS_NUMBER.search(part.lower()))))
        return out if len(out) >= 2 else []

    @staticmethod
    def disagree(chosen: list[Candidate], contexts) -> bool:
        """Sentences from different documents that state different percentages, or different frequencies
        (annual vs semi-annual), for the same question: the answer must say the sources differ."""
        by_doc: dict[str, list[str]] = {}
        for c in chosen:
            by_doc.setdefault(contexts[c.n - 1].chunk.doc_id, []).append(normalize_for_index(c.text))
        kinds = [{k for k, pattern in _FREQUENCY.items() if pattern.search(normalize_for_index(c.text))} for c in chosen]
        if any(len(a) == 1 and len(b) == 1 and a != b for i, a in enumerate(kinds) for b in kinds[i + 1:]):
            return True
        if len(by_doc) < 2:
            return False
        if _close_but_different(chosen, contexts):
            return True
        percents = [{m for t in texts for m in _PERCENT.findall(t)} for texts in by_doc.values()]
        if all(percents) and len({frozenset(p) for p in percents}) > 1 and not set.intersection(*percents):
            return True
        return False

    def render(self, chosen: list[Candidate], language: QueryLanguage, contexts) -> str:
        frame = FRAMES[language.lang]
        parts = []
        captioned: set[str] = set()
        for c in chosen:
            if c.kind == "table_row" and c.header:
                sentence = render_row(c.text, c.header, language.lang, with_caption=c.header not in captioned)
                captioned.add(c.header)
            else:
                sentence = c.text
            sentence = sentence.rstrip()
            if language.lang == "en":
                parts.append(f"“{sentence}” [{c.n}]")
            else:
                if sentence[-1] in "。！？!?；;":
                    parts.append(f"{sentence[:-1]}[{c.n}]{sentence[-1]}")
                else:
                    parts.append(f"{sentence}[{c.n}]。")
        body = frame["join"].join(parts)
        if self.disagree(chosen, contexts):
            body = f"{frame['conflict']}{body}"
        if language.lang != "en":
            return body
        if not any(_CJK.search(c.text) for c in chosen):
            return f"From the sources: {body}"
        # No LLM to translate: say in English what code can (figures, dates, tickers, Latin names), then quote.
        facts = english_facts([(c.text, c.n) for c in chosen])
        stated = f"The sources state: {'; '.join(facts)}. " if facts else ""
        return f"{stated}{frame['lead']}{body}"

    def compose(self, inp: CompositionInput) -> Composition:
        chosen = self.select(inp)
        text = self.render(chosen, inp.language, inp.contexts) if chosen else ""
        calc = self.arithmetic(inp, chosen)
        if calc is None:
            return Composition(text=text, composer=self.name)
        lead = render_computation(calc, inp.language.lang)
        return Composition(text=f"{lead}{' ' if inp.language.lang == 'en' else ''}{text}", composer=self.name,
                           figures=[calc.figure()])

    @staticmethod
    def arithmetic(inp: CompositionInput, chosen: list[Candidate]) -> Computation | None:
        """A difference, ratio, sum or percentage change of two figures stated in two chosen units."""
        op = operation(inp.norm_question)
        if op is None or len(chosen) < 2:
            return None
        asked = {t.value for t in numbers_in(inp.norm_question)}
        if len([t for t in numbers_in(inp.norm_question) if t.percent or t.decimals or t.value < 1000]) >= 2:
            return None  # the asker states both figures (not years or codes): the figures tool computes that
        years_asked = re.search(r"多少年|几年|几多年|how many years", inp.norm_question.lower()) is not None
        operands: list[Operand] = []
        for c in chosen:
            if c.kind == "table_row" and c.header:
                found = row_value(c.text, c.header, inp.norm_question)
                if found is None:
                    continue
                shown, percent = found
                value = Decimal(shown.rstrip("%").replace(",", ""))
            else:
                tokens = [t for t in numbers_in(c.text) if t.value not in asked and t.scale == 1 and
                          (years_asked or t.percent or t.decimals or not 1800 <= t.value <= 2100)]
                if years_asked:
                    tokens = [t for t in tokens if 1800 <= t.value <= 2100 and not t.percent]
                if len(tokens) != 1:
                    continue
                token = tokens[0]
                value, percent = token.value, token.percent
                shown = f"{token.raw}%" if percent else token.raw
            if all(o.value != value for o in operands):  # the same row twice (overlapping chunks)
                operands.append(Operand(value, shown, percent, c.n))
        if len(operands) != 2:
            operands = ExtractiveComposer._pair_in_one_sentence(chosen, asked)
        if len(operands) != 2:
            return None
        return compute(op, operands[0], operands[1])

    @staticmethod
    def _pair_in_one_sentence(chosen: list[Candidate], asked: set) -> list[Operand]:
        """「A的殖利率為3.2%，B的殖利率為5.6%」: one chosen sentence stating exactly two figures of one kind."""
        for c in chosen:
            if c.kind == "table_row":
                continue
            tokens = [t for t in numbers_in(c.text) if t.value not in asked and t.scale == 1
                      and (t.percent or t.decimals or not 1800 <= t.value <= 2100)]
            if len(tokens) == 2 and tokens[0].percent == tokens[1].percent:
                return [Operand(t.value, f"{t.raw}%" if t.percent else t.raw, t.percent, c.n) for t in tokens]
        return []

    def stream(self, inp: CompositionInput) -> Iterator[str | Composition]:
        composition = self.compose(inp)
        # Extractive text is ready at once; stream it sentence by sentence so clients render progressively.
        previous = 0
        for _, end in split_sentences(composition.text):
            yield composition.text[previous:end]
            previous = end
        if previous < len(composition.text):
            yield composition.text[previous:]
        yield composition
