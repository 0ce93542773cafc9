"""The documents' own glossary: Chinese terms that a text glosses with English in brackets
(「重組(Reconstitution)」, 「收益率（Earning yield）」, 「交易所買賣基金(ETF)」) or the other way round
(「PEG Ratio（市盈率與增長比率）」).

An English question meets a Chinese corpus through these pairs without a hand-kept word list: the corpus that
uses a term also says what it is called in English. Mining is done at question time, on the few chunks whose
index holds the asker's English word, so a new document's glosses count as soon as it is ingested.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from knowledge_base.lexical_tokens import STOPWORDS, finance_tokenizer, finance_word_tags, tokenize

# 中文詞(English words, alternatives, acronyms): the English part may list alternatives (「P/E 或 PER」).
_CHINESE_THEN_ENGLISH = re.compile(r"([\u4e00-\u9fff]{1,16})\s*[（(]\s*([A-Za-z][^()（）\n]{0,60}?)\s*[)）]")
_ENGLISH_THEN_CHINESE = re.compile(r"(?<![A-Za-z])([A-Za-z][A-Za-z0-9 .&'/\-]{1,50}?)\s*[（(]\s*([\u4e00-\u9fff]{2,12})\s*[)）]")
_ALTERNATIVES = re.compile(r"\s*(?:[,，、;；]|或|\bor\b)\s*", re.I)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_WORD = re.compile(r"[a-z][a-z0-9]*(?:[/&'][a-z0-9]+)*")
_ENDS_TERM = {"p", "c", "d", "u"}  # jieba tags of prepositions, conjunctions, adverbs, particles
MAX_TERM_CHARS = 8  # a glossed Chinese term is a word or two; longer runs are a clause, not a term


_STEMMER = snowballstemmer.stemmer("english")
# jieba tags a term's last word does not have: verbs, adjectives, adverbs, pronouns, numerals and particles
_NOT_NOUN_TAGS = {"v", "vd", "a", "ad", "d", "r", "m", "q", "u", "p", "c", "y", "e"}


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """English stem: a question's "weighted" and "caps" meet a gloss's "Weighting" and "Cap"."""
    return _STEMMER.stemWord(word)


@dataclass(frozen=True)
class Gloss:
    english: tuple[str, ...]  # the English phrase's words, lower-case ("earning", "yield")
    chinese: str  # the Chinese term (t2s-normalized, as the index holds it)
    name: bool = False  # a company's name (「聿恒综合证券股份有限公司(Yuheng Securities Co., Ltd.)」)


class GlossedTerms(list[str]):
    """Chinese index words glossed by a question's English words; `names`: those that only name a company the
    question is about, which find its passages but say nothing of what is asked."""

    def __init__(self, terms: Iterable[str] = (), names: Iterable[str] = (), spelt: dict[str, str] | None = None):
        super().__init__(terms)
        self.names = frozenset(names)
        # the question's words that spell a name in Latin letters ("Lanyu Energy Storage") → its Chinese name (澜屿)
        self.spelt = dict(spelt or {})

    def as_named(self, norm_question: str) -> str:
        """The question with each spelt name written as the documents write it: its words ("Energy Storage" of
        "Lanyu Energy Storage") are the name's, not things the sources must mention."""
        for phrase, name in self.spelt.items():
            norm_question = norm_question.replace(phrase, name)
        return norm_question


def english_words(phrase: str) -> tuple[str, ...]:
    return tuple(w for w in _WORD.findall(phrase.lower().replace("’", "'").replace("'s", ""))
                 if w not in STOPWORDS)


def _trailing_term(run: str, english: tuple[str, ...]) -> str:
    """The end of a Chinese run that the English names: as many segmenter words as the English has words
    (letters, for an acronym: ETF is three), stopping at a function word (的, 是, 由…) and at MAX_TERM_CHARS."""
    wanted = len(english[0]) if len(english) == 1 and len(english[0]) <= 4 else len(english)
    words = finance_tokenizer().lcut(run, HMM=True)  # as the index segments it: unknown names stay whole
    tags = finance_word_tags()
    kept: list[str] = []
    for word in reversed(words):
        if word in STOPWORDS or (kept and (len(word) == 1 or tags.get(word) in _ENDS_TERM)):
            break  # 「是由富時羅素」「市價除以每股盈餘」: 由 and 除以 are not part of the name
        if kept and tags.get(word) == "v" and sum(map(len, kept)) >= 2:
            break  # 「設有閉鎖期」: a verb before a whole term is the sentence's, not the term's
        if sum(map(len, kept)) + len(word) > MAX_TERM_CHARS:
            break
        kept.insert(0, word)
        if len(kept) >= max(1, min(wanted, 3)):
            break
    term = "".join(kept)
    return term if len(term) >= 2 else ""


# A company's legal form, on either side of its gloss: 「聿恒综合证券股份有限公司(Yuheng Securities Co., Ltd.)」
_LEGAL_FORM_ZH = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|股份公司|控股|集团|公司)+$")  # 控股有限公司 too
_LEGAL_FORM_EN = {"co", "ltd", "limited", "inc", "corp", "corporation", "plc", "llc", "group", "holdings", "company"}
_BEFORE_NAME = re.compile(r".*[的及和与为是由从在]")  # 「从事…内窥镜的瀚霖医疗科技」: the name starts after 的


def _name_gloss(run: str, bracket: str) -> Gloss | None:
    """A company's name glossed in English: the Chinese name without its legal form (瀚霖医疗科技 for Hanlin
    Medtech), where either side states a legal form. Its own words, not the legal form's (股份, 有限公司), are
    what find its passages: those are in every company's name."""
    english = tuple(w for w in english_words(_ALTERNATIVES.split(bracket)[0]) if w not in _LEGAL_FORM_EN)
    stated = _LEGAL_FORM_ZH.search(run) or any(w in _LEGAL_FORM_EN for w in english_words(bracket))
    if not english or not stated:
        return None
    name = _BEFORE_NAME.sub("", _LEGAL_FORM_ZH.sub("", run))[-MAX_TERM_CHARS:]
    return Gloss(english, name, name=True) if len(name) >= 2 else None


@lru_cache(maxsize=4096)
def mine_glosses(norm_text: str) -> tuple[Gloss, ...]:
    """Every (English phrase, Chinese term) pair the text states by putting one in brackets after the other;
    remembered by text, since the chunks holding a common English word are read again for each question."""
    out: list[Gloss] = []
    for m in _CHINESE_THEN_ENGLISH.finditer(norm_text):
        name = _name_gloss(m.group(1), m.group(2))
        if name is not None:
            out.append(name)
            continue
        for alternative in _ALTERNATIVES.split(m.group(2)):
            if not alternative or _CJK.search(alternative):
                continue  # 「(Dow Jones Industrial Average,簡稱 道瓊指數)」: the Chinese alternative is not English
            english = english_words(alternative)
            if re.search(r"\d", alternative):
                continue  # 「羅素 2000 指數(Russell 2000 Index)」: the Chinese run before the bracket lost its number
            term = _trailing_term(m.group(1), english) if english else ""
            if term:
                out.append(Gloss(english, term))
    for m in _ENGLISH_THEN_CHINESE.finditer(norm_text):
        english = english_words(m.group(1))[-3:]  # the phrase's end: "… the PEG Ratio" names 市盈率與增長比率
        last = finance_tokenizer().lcut(m.group(2), HMM=True)[-1]
        # A term names a thing; 「ETF (適合長期持有)」 is a remark in brackets, not the ETF's Chinese name.
        if english and len(m.group(2)) <= MAX_TERM_CHARS + 4 and finance_word_tags().get(last) not in _NOT_NOUN_TAGS:
            out.append(Gloss(english, m.group(2)))
    return tuple(dict.fromkeys(out))


def matches(gloss: Gloss, question_words: set[str]) -> bool:
    """The question names the glossed phrase: all its words for a phrase of up to two words, otherwise
    at least two of them and more than half."""
    stems = {stem(w) for w in question_words}
    shared = sum(1 for w in gloss.english if stem(w) in stems)
    if len(gloss.english) <= 2:
        return shared == len(gloss.english)
    return shared >= 2 and shared * 2 > len(gloss.english)


def glossed_terms(norm_question: str, texts_mentioning: Callable[[str], Iterable[str]]) -> GlossedTerms:
    """Chinese index words for the English words of a question, from the glosses of the chunks that
    mention those words. `texts_mentioning(word)`: normalized texts of a few chunks indexing the word."""
    if _CJK.search(norm_question):
        return GlossedTerms()  # a Chinese question already uses the index's words
    asked = set(english_words(norm_question))
    if not asked:
        return GlossedTerms()
    out: list[str] = []
    names: set[str] = set()
    plain: set[str] = set()  # given by a gloss that is not a name's
    for word in sorted(asked):
        if len(word) < 2 or word.isdigit():
            continue
        # The index holds words as written: a gloss of "Weighting" is found through the stem's usual forms.
        for text in texts_mentioning(word):
            for gloss in mine_glosses(text):
                if stem(word) in {stem(w) for w in gloss.english} and matches(gloss, asked):
                    terms = tokenize(gloss.chinese)
                    out += [t for t in terms if t not in out]
                    (names if gloss.name else plain).update(terms)
    return GlossedTerms(out, names - plain)
