"""Tokens for the lexical index: jieba over t2s-normalized text with a finance user dictionary.

English index names and tickers are mapped to their Chinese names on the query side, so an English
question meets a Chinese corpus on the lexical side too.
"""
from __future__ import annotations

import re
import threading
from functools import lru_cache
from importlib import resources

import jieba

from knowledge_base import jieba_dictionary
from knowledge_base.regional_synonyms import regional_synonyms
from knowledge_base.scripts import normalize_for_index
from knowledge_base.vocabulary_files import read_vocabulary

_LOCK = threading.Lock()
_TOKEN = re.compile(r"[\w.%+-]+", re.UNICODE)
_WORD_CHAR = re.compile(r"[^\W_]")
_STOPWORDS = frozenset(
    "的 了 是 在 和 与 及 或 也 都 而 就 但 对 从 把 被 让 给 这 那 个 之 其 为 以 于 上 下 中 有 吗 呢 吧 啊 么 什么 怎么 "
    "如何 哪 哪个 多少 几 是否 会 能 可以 我 你 他 她 它 我们 你们 他们 请 问 一 一个 吗 嘛 咩 点 样 点样 係 嘅 咗 唔 "
    "同 啲 乜 佢 冇 喺 边 边间 呀 啦 喇 囉 㗎 吖 "
    "a an the of to in on for and or is are was were be been how what which who why when does do did "
    "with by as at it its this that these those from than vs about into can could should would i me my "
    "you your we our there their has have had not no yes any some more most much many".split()
)
STOPWORDS = _STOPWORDS  # also the evidence check's English stop words

def _vocabulary(name: str) -> list[tuple[str, str]]:
    """(key, value) rows of a vocabulary in knowledge_base/data/, loaded once per process."""
    return read_vocabulary("knowledge_base.data", name)


# Names of the same entity across languages and colloquial forms → the canonical index word
# (knowledge_base/data/entity_aliases.tsv). Applied to documents and questions alike.
ENTITY_ALIASES: dict[str, str] = {k.lower(): v.strip() for k, v in _vocabulary("entity_aliases.tsv")}
# The canonical index words of those names (罗素2000, 标普500): what a question's subject is written as.
ENTITY_WORDS = frozenset(t for v in ENTITY_ALIASES.values() for t in v.lower().split())

# Written Cantonese → Mandarin, question side only (knowledge_base/data/cantonese_mandarin.tsv). The patterns meet
# normalized text, so they are normalized too: t2s writes 嗰 as 𠮶 and 搵 as 揾, and a row written 嗰阵 never matched.
_CANTONESE = [(re.compile(normalize_for_index(pattern)), "" if value.strip() == "<drop>" else value)
              for pattern, value in _vocabulary("cantonese_mandarin.tsv")]


# 「八九月」 is August and September: both months as index words.
_MONTH_PAIR = re.compile(r"(?<![十\d])([一二三四五六七八九])([二三四五六七八九十])月")
# A weekday however it is named (星期四, 礼拜四, 周四, Thursday): a table writes one of them
_WEEKDAY = re.compile(r"(?:星期|礼拜|周)([一二三四五六日天])|\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def weekday_form_groups(text: str) -> list[list[str]]:
    """Each weekday the text names, in its Chinese forms (Friday, 星期五: 周五, 星期五, 礼拜五): one meaning each."""
    out = []
    for m in _WEEKDAY.finditer(text):
        day = "一二三四五六日".index("日" if m.group(1) == "天" else m.group(1)) if m.group(1) else \
            _WEEKDAY_NAMES.index(m.group(2))
        numeral = "一二三四五六日"[day]
        group = [f"周{numeral}", f"星期{numeral}", f"礼拜{numeral}"]
        if group not in out:
            out.append(group)
    return out


def _weekday_forms(text: str) -> list[str]:
    return list(dict.fromkeys(form for group in weekday_form_groups(text) for form in group))


def cantonese_to_mandarin(norm_text: str) -> str:
    for pattern, replacement in _CANTONESE:
        norm_text = pattern.sub(replacement, norm_text)
    return norm_text

# English question words → Chinese index words, question side only (knowledge_base/data/en_query_terms.tsv).
EN_QUERY_TERMS: dict[str, str] = {k.lower(): v.strip() for k, v in _vocabulary("en_query_terms.tsv")}


def glossary_query_terms(rows: list[tuple[str, str]], known: set[str]) -> dict[str, str]:
    """The English glossary read backwards ("management fee" → 管理费; "price-to-book ratio (P/B)" gives its
    name and its abbreviation), for English words the question-term list lacks. Acronyms of three letters,
    which documents write as they are (ETF), stay themselves."""
    out: dict[str, list[str]] = {}
    for chinese, english in rows:
        english = english.strip().lower()
        forms = [english]
        m = re.fullmatch(r"(.+?)\s*\((.+)\)", english)
        if m:
            forms = [m.group(1), m.group(2)]
        for form in forms:
            if form in known or (form.isalpha() and len(form) <= 3):
                continue
            out.setdefault(form, []).append(chinese)
    return {k: " ".join(dict.fromkeys(v)) for k, v in out.items()}


def with_plurals(terms: dict[str, str]) -> dict[str, str]:
    """The terms plus the regular plural of each that ends in a letter ("margin call" → "margin calls",
    "business day" → "business days", "policy" → "policies"), where the list has no entry of its own."""
    out = dict(terms)
    for english, chinese in terms.items():
        if not english[-1:].isalpha() or english.endswith("s"):
            continue
        plural = english[:-1] + "ies" if re.search(r"[^aeiou]y$", english) else english + "s"
        out.setdefault(plural, chinese)
    return out


_GLOSSARY_TERMS = glossary_query_terms(_vocabulary("english_glossary.tsv"), set(EN_QUERY_TERMS))
EN_QUERY_TERMS.update(_GLOSSARY_TERMS)
EN_QUERY_TERMS = with_plurals(EN_QUERY_TERMS)
# English terms whose Chinese words are the glossary's synonyms (融资 and 孖展 are both "margin financing");
# the question-term list's words for one English word are words to search together (首次 公开 发行 for IPO).
_SYNONYM_KEYS = frozenset(with_plurals(_GLOSSARY_TERMS))


@lru_cache(maxsize=1)
def _english_of() -> dict[str, tuple[str, ...]]:
    reverse: dict[str, list[str]] = {}
    for english, chinese in EN_QUERY_TERMS.items():
        for word in chinese.split():
            reverse.setdefault(word, []).append(english)
    return {k: tuple(v) for k, v in reverse.items()}


def english_terms_in(norm_question: str) -> dict[str, tuple[str, ...]]:
    """The Chinese words of EN_QUERY_TERMS a question writes (互惠基金, even where the segmenter splits it),
    each with its English forms ("mutual fund", "mutual funds")."""
    return {word: forms for word, forms in _english_of().items() if len(word) >= 2 and word in norm_question}


def english_for(term: str) -> tuple[str, ...]:
    """English question words that map to a Chinese index word (EN_QUERY_TERMS read backwards)."""
    return _english_of().get(term, ())

_ENTITY_KEYS = sorted(ENTITY_ALIASES, key=len, reverse=True)
_ENTITY_PATTERN = re.compile(r"(?<![a-z])(" + "|".join(re.escape(k) for k in _ENTITY_KEYS) + r")(?![a-z])")
_EN_KEYS = sorted(EN_QUERY_TERMS, key=len, reverse=True)
_EN_PATTERN = re.compile(r"(?<![a-z])(" + "|".join(re.escape(k) for k in _EN_KEYS) + r")(?![a-z])")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3})")
# A count's measure word before a name (「2000股澜屿储能」, 「3手长江」): the segmenter would glue it to the name (股澜屿)
_MEASURE_BEFORE_WORD = re.compile(r"(?<=\d)(股|手|张|份)(?=[\u4e00-\u9fff])")
_TIMES = re.compile(r"(\d+(?:\.\d+)?)\s*x\b")


def _finance_words() -> bytes:
    return resources.files("knowledge_base.data").joinpath("finance_dict.txt").read_bytes()


def _loaded_finance_tokenizer() -> tuple[jieba.Tokenizer, dict[str, str]]:
    """jieba with its whole dictionary in memory plus the finance words, and every word's tag."""
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    dictionary = resources.files("knowledge_base.data").joinpath("finance_dict.txt")
    with resources.as_file(dictionary) as path:
        tokenizer.load_userdict(str(path))
    tags = jieba_dictionary.default_word_tags()
    tags.update(tokenizer.user_word_tag_tab)
    tokenizer.user_word_tag_tab = {}
    return tokenizer, tags


@lru_cache(maxsize=1)
def _finance_dictionary() -> tuple[jieba.Tokenizer, "jieba_dictionary.LookupTable | dict[str, str]"]:
    jieba.setLogLevel(60)
    with _LOCK:
        return jieba_dictionary.load(_finance_words(), _loaded_finance_tokenizer)


def finance_tokenizer() -> jieba.Tokenizer:
    """jieba with the finance user dictionary (罗素2000, 标普500, 市盈率…), read from disk on demand."""
    return _finance_dictionary()[0]


def finance_word_tags() -> "jieba_dictionary.LookupTable | dict[str, str]":
    """Part-of-speech tags of the same words (jieba's main dictionary plus the finance words)."""
    return _finance_dictionary()[1]


def compound_parts(term: str) -> list[str]:
    """The words of two characters or more inside a Chinese compound of three or more (金融股 → 金融;
    恒生指数 → 恒生, 指数), in order; none for shorter or non-Chinese terms."""
    if len(term) < 3 or not _CJK_START.match(term):
        return []
    return [w for w in finance_tokenizer().lcut_for_search(term, HMM=False) if len(w) >= 2 and w != term]


_CJK_START = re.compile(r"[\u4e00-\u9fff]")


def tokenize(norm_text: str) -> list[str]:
    """Index tokens of t2s-normalized text: lower-cased, stopwords and punctuation dropped."""
    text = _THOUSANDS.sub("", norm_text.lower())
    words = finance_word_tags()
    # kept where the measure starts a word (「100份额」, 「10股东」)
    text = _MEASURE_BEFORE_WORD.sub(lambda m: m.group(1) if text[m.start():m.end() + 1] in words else f"{m.group(1)} ", text)
    tokens = []
    for token in finance_tokenizer().lcut(text, HMM=True):
        token = token.strip()
        if not token or token in _STOPWORDS or not _TOKEN.fullmatch(token) or not _WORD_CHAR.search(token):
            continue  # a lone "-" or "." is punctuation, not a word
        if len(token) == 1 and token.isascii() and token.isalpha():
            continue  # a lone letter ("S&P", "P/E" split up) names nothing; the alias and term lists map those
        tokens.append(token)
    return tokens


def entity_mentions(norm_text: str) -> list[tuple[str, str]]:
    """The entity aliases a text uses, each with its canonical index word(s): ("spy", "标普500 SPY")."""
    return list(dict.fromkeys((m.group(1), ENTITY_ALIASES[m.group(1)]) for m in _ENTITY_PATTERN.finditer(norm_text.lower())))


def with_canonical_terms(norm_text: str) -> str:
    """Append the canonical index word of every entity alias found (documents and questions), and of every
    regional synonym (殖利率 → 股息率)."""
    lowered = norm_text.lower()
    extra = [ENTITY_ALIASES[m.group(1)] for m in _ENTITY_PATTERN.finditer(lowered)] + regional_forms(lowered)
    extra = list(dict.fromkeys(extra))
    return f"{norm_text} {' '.join(extra)}" if extra else norm_text


def regional_forms(norm_text: str) -> list[str]:
    """The canonical words of the regional synonyms a text uses, with the words they sit in (殖利率 →
    股息率; 报酬率 → 回报, 回报率)."""
    lowered = norm_text.lower()
    found = list(dict.fromkeys(m.group(0) for m in _regional_pattern().finditer(lowered)))
    if not found:
        return []
    synonyms = regional_synonyms()
    return [synonyms[w] for w in found] + [token.replace(w, synonyms[w]) for token in tokenize(lowered)
                                           for w in found if w in token and token != w]


@lru_cache(maxsize=1)
def _regional_pattern() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(regional_synonyms(), key=len, reverse=True)))


def english_term_groups(norm_query: str) -> list[list[str]]:
    """For each English question term the glossary maps to several Chinese words, those words: synonyms of one
    meaning ("margin financing" → 融资, 孖展), so a source using any one of them has the term."""
    return [words for english, _ in english_term_matches(norm_query)
            if english in _SYNONYM_KEYS and len(words := EN_QUERY_TERMS[english].split()) > 1]


def english_term_matches(norm_query: str) -> list[tuple[str, list[str]]]:
    """The English terms the lists map, in question order, each with its Chinese index words."""
    return [(m.group(1), tokenize(EN_QUERY_TERMS[m.group(1)])) for m in _EN_PATTERN.finditer(norm_query.lower())]


# 「安唔安全」, 「收不收费」: a yes-no question asking A-not-AB, which the segmenter cuts 仲安 / 不 / 安全 (a "name")
_A_NOT_A = re.compile(r"([\u4e00-\u9fff])[不没]\1([\u4e00-\u9fff])")
_A_NOT_A_VERBS = frozenset("是有会能要")  # 是不是该, 有没有人: their A is a word of its own, not a cut word's first half


def _whole_word_asked(text: str) -> str:
    """A-not-AB written as AB 不 AB where AB is a dictionary word (安全, 收费): the word the asker asks of."""
    words = finance_word_tags()

    def whole(m: re.Match[str]) -> str:
        word = m.group(1) + m.group(2)
        if m.group(1) in _A_NOT_A_VERBS or word not in words:
            return m.group(0)
        return f"{word} 不 {word}"
    return _A_NOT_A.sub(whole, text)


def expand_query(norm_query: str) -> str:
    """Canonical entity words plus Chinese index words for English question terms ("18x" → 18倍) and a weekday's
    other names (星期四: 周四)."""
    lowered = _whole_word_asked(cantonese_to_mandarin(_TIMES.sub(r"\1倍", norm_query.lower())))
    lowered = _MONTH_PAIR.sub(r"\1月 \2月", lowered)
    extra = [EN_QUERY_TERMS[m.group(1)] for m in _EN_PATTERN.finditer(lowered)]
    extra += [form for form in _weekday_forms(lowered) if form not in lowered]
    text = with_canonical_terms(lowered)
    return f"{text} {' '.join(extra)}" if extra else text
