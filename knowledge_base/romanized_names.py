"""Chinese names an English question spells in Hanyu Pinyin: "Lanyu Energy Storage" for 澜屿储能, "Yucen
Securities" for 昱岑证券, "Liheng" for the auditor 立衡.

A mainland company's annual report names it in Chinese only, and an English-writing customer spells the name as
it sounds. The index's own words are read with pypinyin's readings (every reading of a character, so 行 is both
xing and hang), so a new document's names count as soon as it is ingested, with no alias list. Only a word that is
no English word is read as pinyin (a name the knowledge base also writes in Latin letters, as a file name's
"yucen", still meets its Chinese form); it must split into whole syllables and spell at least two characters from
the start of an index word ("Lanyu": 澜屿, 澜屿储能; never the 屿 inside another name) or of a run of text where the
segmenter indexed the name's characters one by one (昱 岑 证券: "Yucen" meets 昱岑). Cantonese and Wade-Giles spellings (Cheung Kong, Hsinchu) are not
pinyin and are left to the documents' own English glosses.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from functools import lru_cache

from pypinyin.pinyin_dict import pinyin_dict

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


def load() -> None:
    """Build the reading tables now (a tenth of a second), not on the first question that needs them."""
    _readings()


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
        for end in range(MIN_CHARACTERS, len(run) + 1):
            if spells(run[:end], word):
                runs.append(run[:end])
                break
    return runs


def romanized_names(norm_question: str, known_word: Callable[[str], bool],
                    terms_starting: Callable[[str, int], list[str]],
                    texts_mentioning: Callable[[str, int], list[str]]) -> dict[str, list[str]]:
    """Chinese names in the knowledge base that the question's pinyin-spelt words name, by word, in question order:
    index words (澜屿), or runs of the text where the segmenter split the name into characters (昱 岑 → 昱岑).

    `known_word(word)`: the word is English; such words are not read as pinyin.
    `terms_starting(prefix, limit)`: index words starting with `prefix`; `texts_mentioning(token, limit)`: texts
    of chunks that index `token`."""
    chars_of = _readings()[1]
    out: dict[str, list[str]] = {}
    for word in dict.fromkeys(_WORD.findall(norm_question.lower())):
        if not is_pinyin(word) or known_word(word):
            continue
        firsts = {c for n in range(1, 7) if (s := word[:n]) in chars_of for c in chars_of[s]}
        names: list[str] = []
        for char in sorted(firsts):
            for term in terms_starting(char, TERMS_PER_CHARACTER):
                if term == char:
                    found = [r for text in texts_mentioning(char, TEXTS_PER_CHARACTER) for r in _spelt_runs(text, char, word)]
                else:
                    found = [term] if _CJK.fullmatch(term[0]) and spells(term, word) else []
                names += [f for f in dict.fromkeys(found) if f not in names]
        if names:
            out[word] = names
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
