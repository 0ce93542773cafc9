"""Chinese names an English question spells in Hanyu Pinyin: "Lanyu Energy Storage" for 澜屿储能, "Yucen
Securities" for 昱岑证券, "Liheng" for the auditor 立衡.

A mainland company's annual report names it in Chinese only, and an English-writing customer spells the name as
it sounds. The index's own words are read with pypinyin's readings (every reading of a character, so 行 is both
xing and hang), so a new document's names count as soon as it is ingested, with no alias list. Only a word that is
no English word is read as pinyin (a name the knowledge base also writes in Latin letters, as a file name's
"yucen", still meets its Chinese form); it must split into whole syllables and spell at least two characters from
the start of an index word ("Lanyu": 澜屿, 澜屿储能; never the 屿 inside another name) or of a run of text where the
segmenter indexed the name's characters one by one (昱 岑 证券: "Yucen" meets 昱岑).

A Hong Kong company is spelt in the Hong Kong Government's Cantonese romanisation, a word a syllable ("Chun Fung"
for 晉峰, "Sun Hung Kai" for 新鴻基), read with the cantonese-romanisation package's table: two or more such words
in a row, one of them at least no English word, that read as the start of an index word or run, character for
character. Wade-Giles spellings (Hsinchu) are left to the documents' own English glosses.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from functools import lru_cache
from itertools import groupby

from pypinyin.pinyin_dict import pinyin_dict

from knowledge_base.dictionary_terms import character_variants
from knowledge_base.scripts import normalize_for_index

MIN_LETTERS = 4  # shorter runs ("li", "wang") match too many unrelated words
MIN_CHARACTERS = 2
TERMS_PER_CHARACTER = 64  # index words read per first character; names are a handful
TEXTS_PER_CHARACTER = 8  # chunks read for a character the segmenter indexes alone (昱 of 昱岑证券)
_WORD = re.compile(r"(?<![A-Za-z0-9])[a-z]{%d,}(?![A-Za-z0-9])" % MIN_LETTERS)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_VOWEL = re.compile(r"[aeiouv]")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


def _toneless(reading: str) -> set[str]:
    # ü (with or without a tone mark) is typed as v, u or yu ("Lv", "Lu", "Lyu" for 吕); v stands for it meanwhile,
    # as no syllable has a v of its own
    reading = re.sub("[üǖǘǚǜ]", "v", reading)
    plain = "".join(c for c in unicodedata.normalize("NFD", reading) if not unicodedata.combining(c))
    return {plain.replace("v", u) for u in ("v", "u", "yu")} if "v" in plain else {plain}


@lru_cache(maxsize=1)
def _readings() -> tuple[dict[str, frozenset[str]], dict[str, tuple[str, ...]]]:
    """Each character's toneless readings, and the characters each syllable spells."""
    of_char: dict[str, frozenset[str]] = {}
    chars_of: dict[str, list[str]] = defaultdict(list)
    for code, readings in pinyin_dict.items():
        char = chr(code)
        if not _CJK.fullmatch(char):
            continue
        # interjections without a vowel (嗯 n, 呣 m, 哼 hng) would make "kadin" ka-di-n
        toneless = frozenset(s for r in readings.split(",") for s in _toneless(r)
                             if s.isascii() and s.isalpha() and _VOWEL.search(s))
        of_char[char] = toneless
        for syllable in toneless:
            chars_of[syllable].append(char)
    return of_char, {s: tuple(c) for s, c in chars_of.items()}


@lru_cache(maxsize=1)
def _cantonese_readings() -> tuple[dict[str, frozenset[str]], dict[str, tuple[str, ...]]]:
    """Each character's Hong Kong Government romanisations (晉: chun, jun), keyed by the index's script as well as
    the table's Traditional characters, and the characters each syllable spells."""
    from cantoroman import Cantonese

    table = Cantonese().charToRoman
    # one conversion of the whole table, a character a line, not 13,000 calls at start-up
    simplified = normalize_for_index("\n".join(table)).split("\n")
    of_char: dict[str, set[str]] = defaultdict(set)
    for (char, readings), index_form in zip(table.items(), simplified):
        for form in {char, index_form}:
            if _CJK.fullmatch(form):
                of_char[form].update(r.lower() for r in readings if r.isascii() and r.isalpha())
    # a variant character reads as its standard one too (栢 of 栢澄 as 柏: "Pak"), where the table gives it another
    for variant, standard in character_variants().items():
        if standard in of_char:
            of_char[variant] |= of_char[standard]
    chars_of: dict[str, list[str]] = defaultdict(list)
    for char, syllables in of_char.items():
        for syllable in syllables:
            chars_of[syllable].append(char)
    return {c: frozenset(s) for c, s in of_char.items()}, {s: tuple(c) for s, c in chars_of.items()}


def load() -> None:
    """Build the reading tables now (a few tenths of a second), not on the first question that needs them."""
    _readings()
    _cantonese_readings()


def _syllables() -> frozenset[str]:
    return frozenset(_readings()[1])


def is_pinyin(word: str) -> bool:
    """Does `word` split into two or more whole pinyin syllables?"""
    syllables = _syllables()

    @lru_cache(maxsize=None)
    def splits(i: int, count: int) -> bool:
        if i == len(word):
            return count >= MIN_CHARACTERS
        return any(word[i:j] in syllables and splits(j, count + 1) for j in range(i + 1, min(len(word), i + 6) + 1))
    return splits(0, 0)


def spells(term: str, word: str) -> bool:
    """Do the first two or more characters of `term` read as the whole of `word`, syllable for syllable?"""
    of_char = _readings()[0]
    if " " in word:  # a Cantonese spelling: a word a character
        syllables = word.split()
        cantonese = _cantonese_readings()[0]
        return len(term) >= len(syllables) >= MIN_CHARACTERS and all(
            s in cantonese.get(c, ()) for c, s in zip(term, syllables))

    def match(i: int, pos: int) -> bool:
        if pos == len(word):
            return i >= MIN_CHARACTERS
        if i == len(term):
            return False
        return any(word.startswith(s, pos) and match(i + 1, pos + len(s)) for s in of_char.get(term[i], ()))
    return match(0, 0)


def _spelt_runs(text: str, char: str, word: str) -> list[str]:
    """Runs of `text` that start with `char` and read as `word` (a name the segmenter split into characters)."""
    runs = []
    for m in re.finditer(re.escape(char), text):
        run = _CJK_RUN.match(text, m.start()).group()[: len(word)]  # a character spells one letter or more
        if " " in word:
            run = run[: len(word.split())]
        for end in range(MIN_CHARACTERS, len(run) + 1):
            if spells(run[:end], word):
                runs.append(run[:end])
                break
    return runs


def romanized_names(norm_question: str, known_word: Callable[[str], bool],
                    terms_starting: Callable[[str, int], list[str]],
                    texts_mentioning: Callable[[str, int], list[str]]) -> dict[str, list[str]]:
    """Chinese names in the knowledge base that the question's romanised words name, by spelling, in question order:
    a pinyin word ("lanyu") or a run of Cantonese syllables ("chun fung"); index words (澜屿), or runs of the text
    where the segmenter split the name into characters (昱 岑 → 昱岑).

    `known_word(word)`: the word is English; such words are not read as pinyin, nor a run of English words only as
    Cantonese. `terms_starting(prefix, limit)`: index words starting with `prefix`; `texts_mentioning(token,
    limit)`: texts of chunks that index `token`."""
    terms = lru_cache(maxsize=None)(lambda char: terms_starting(char, TERMS_PER_CHARACTER))

    def names_spelt(spelling: str, firsts: set[str]) -> list[str]:
        names: list[str] = []
        for char in sorted(firsts):
            for term in terms(char):
                if term == char:
                    found = [r for text in texts_mentioning(char, TEXTS_PER_CHARACTER) for r in _spelt_runs(text, char, spelling)]
                else:
                    found = [term] if _CJK.fullmatch(term[0]) and spells(term, spelling) else []
                names += [f for f in dict.fromkeys(found) if f not in names]
        return names

    out: dict[str, list[str]] = {}
    chars_of = _readings()[1]
    for word in dict.fromkeys(_WORD.findall(norm_question.lower())):
        if is_pinyin(word) and not known_word(word):
            if names := names_spelt(word, {c for n in range(1, 7) if (s := word[:n]) in chars_of for c in chars_of[s]}):
                out[word] = names
    chars_of = _cantonese_readings()[1]
    for run in cantonese_runs(norm_question):
        taken = [False] * len(run)
        # the longest run of syllables that spells a name, then the longest among the words left
        for size in range(len(run), MIN_CHARACTERS - 1, -1):
            for i in range(len(run) - size + 1):
                span = run[i:i + size]
                if any(taken[i:i + size]) or all(known_word(w) for w in span):
                    continue
                if names := names_spelt(" ".join(span), set(chars_of[span[0]])):
                    out[" ".join(span)] = names
                    taken[i:i + size] = [True] * size
    return out


_LATIN_RUN = re.compile(r"[A-Za-z]+(?:[ -][A-Za-z]+)+")


def cantonese_runs(question: str) -> list[list[str]]:
    """Runs of two or more words of the question that are each a Cantonese syllable (lower-cased); where the question
    capitalises names, of its Capitalised words only ("Tai Fook" of "lend at Tai Fook", not "at")."""
    syllables = _cantonese_readings()[1]
    runs = [re.split(r"[ -]", m.group()) for m in _LATIN_RUN.finditer(question)]
    # a code in capitals (HKD, ETF) or the pronoun I is no sign the asker capitalises names
    if any(w[0].isupper() and not w.isupper() for run in runs for w in run[1:]):
        runs = [list(g) for run in runs for upper, g in groupby(run, key=lambda w: w[0].isupper()) if upper]
    out = []
    for run in runs:
        for is_syllable, g in groupby((w.lower() for w in run), key=lambda w: w in syllables):
            if is_syllable and len(words := list(g)) >= MIN_CHARACTERS:
                out.append(words)
    return out


def spelt_phrase(question: str, word: str) -> str:
    """The words of `question` that spell a name starting with the pinyin `word`: the word and the Capitalised words
    after it ("Lanyu Energy Storage" in "Lanyu Energy Storage's profit"); the word alone where it is not
    Capitalised (a lower-case question does not show where the name ends)."""
    m = re.search(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", question, re.I)
    if m is None:
        return ""
    if not m.group(0)[0].isupper():
        return m.group(0)
    tail = re.match(r"(?:\s+[A-Z][a-z]+)*", question[m.end():])
    return m.group(0) + tail.group(0)
