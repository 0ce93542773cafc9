"""Who is asking: language, script and region, and how to write back to them.

OpenCC converts scripts but not regional financial vocabulary (s2twp gives 美聯儲 where Taiwan writes
聯準會), so a small reviewed glossary per region is applied after OpenCC.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from assistant.errors import InvalidQuestionError
from assistant.sentences import split_sentences
from knowledge_base.vocabulary_files import parse_rows, read_rows
from knowledge_base.scripts import converter, detect_script, has_cantonese_particles, normalize_for_index

LANGS = ("zh-Hant", "zh-Hans", "en")

def _data(name: str) -> str:
    return resources.files("assistant.data").joinpath(name).read_text(encoding="utf-8")


def _rows(name: str, columns: int) -> list[list[str]]:
    return parse_rows(_data(name), name, columns)


@lru_cache(maxsize=1)
def region_markers() -> dict[str, re.Pattern[str]]:
    """HK / TW marker patterns (assistant/data/region_markers.tsv)."""
    return {region: re.compile(pattern) for region, pattern in _rows("region_markers.tsv", 2)}


@lru_cache(maxsize=1)
def regional_glossary() -> dict[str, dict[str, str]]:
    """Region → {OpenCC output: regional term}, applied after OpenCC (knowledge_base/data/regional_glossary.tsv,
    which the index reads too)."""
    table: dict[str, dict[str, str]] = {}
    for region, source, target in read_rows("knowledge_base.data", "regional_glossary.tsv", 3):
        table.setdefault(region, {})[source] = target
    return table


def traditional_region(text: str) -> str:
    """HK when the question is written in Cantonese or uses Hong Kong terms, else TW (see the data file)."""
    if has_cantonese_particles(text) or region_markers()["HK"].search(text):
        return "HK"
    return "TW"  # Taiwan terms, or Traditional with no marker at all


@dataclass(frozen=True)
class QueryLanguage:
    lang: str  # zh-Hant | zh-Hans | en
    region: str | None = None  # HK | TW for zh-Hant, CN for zh-Hans

    @property
    def is_chinese(self) -> bool:
        return self.lang != "en"

    @property
    def key(self) -> str:
        """zh-Hant-HK | zh-Hant-TW | zh-Hans | en: what per-language texts (prompts, disclaimers) are keyed by."""
        if self.lang == "zh-Hant":
            return f"zh-Hant-{self.region or 'TW'}"
        return self.lang


def detect_language(text: str, override: str | None = None) -> QueryLanguage:
    """Detect the asker's script and region; an explicit `override` wins (zh-Hant-HK / zh-Hant-TW accepted)."""
    if override:
        lang, region = override, None
        if override[-3:].upper() in ("-HK", "-TW"):
            lang, region = override[:-3], override[-2:].upper()
        if lang not in LANGS or (region and (lang != "zh-Hant" or region not in ("HK", "TW"))):
            raise InvalidQuestionError(
                f"unknown lang {override!r}: use one of {', '.join(LANGS)} (zh-Hant-HK / zh-Hant-TW for a region)"
            )
        if lang == "zh-Hant":
            return QueryLanguage(lang, region or traditional_region(text))
        return QueryLanguage(lang, "CN" if lang == "zh-Hans" else None)
    script = detect_script(text)
    if script != "en" and _mostly_english(text):
        script = "en"  # "How much did the 北辰 index gain?": an English question naming a Chinese entity
    if script == "zh-Hant":
        return QueryLanguage("zh-Hant", traditional_region(text))
    if script == "zh-Hans":
        return QueryLanguage("zh-Hans", "CN")
    return QueryLanguage("en", None)


def _mostly_english(text: str) -> bool:
    words = re.findall(r"[A-Za-z]{2,}", text)
    cjk = re.findall(r"[\u3400-\u9fff]", text)
    return len(words) >= 4 and sum(len(w) for w in words) >= 4 * len(cjk)


@lru_cache(maxsize=1)
def contextual_glossary() -> dict[str, list[tuple[str, str, re.Pattern[str]]]]:
    """Region → [(OpenCC output, regional term, sentence context)] (assistant/data/regional_glossary_context.tsv)."""
    table: dict[str, list[tuple[str, str, re.Pattern[str]]]] = {}
    for region, source, target, context in _rows("regional_glossary_context.tsv", 4):
        table.setdefault(region, []).append((source, target, re.compile(context)))
    return table


def apply_glossary(text: str, region: str | None) -> str:
    contextual = contextual_glossary().get(region or "", [])
    if contextual:
        pieces, last = [], 0
        for start, end in split_sentences(text):
            sentence = text[last:end]
            for source, target, context in contextual:
                if source in sentence and context.search(sentence):
                    sentence = sentence.replace(source, target)
            pieces.append(sentence)
            last = end
        text = "".join(pieces) + text[last:]
    table = regional_glossary().get(region or "", {})
    for src in sorted(table, key=len, reverse=True):
        text = text.replace(src, table[src])
    return text


def _traditional_already(sentence: str) -> bool:
    """Written in Traditional: it holds characters Simplified writes otherwise (客戶, 瀚峰產業), or none that
    Traditional does. OpenCC's s2t alone would call 瀚峰 Simplified and make it 瀚峯."""
    return converter("t2s").convert(sentence) != sentence or converter("s2t").convert(sentence) == sentence


def _by_sentence(text: str, traditional: str | None, simplified: str) -> str:
    """Each sentence through one of two OpenCC conversions as it is already Traditional or not (None: as written)."""
    def convert(piece: str) -> str:
        config = traditional if _traditional_already(piece) else simplified
        return converter(config).convert(piece) if config else piece

    pieces, last = [], 0
    for _, end in split_sentences(text):
        pieces.append(convert(text[last:end]))
        last = end
    return "".join(pieces) + convert(text[last:])


def to_asker_script(text: str, language: QueryLanguage) -> str:
    """Convert Chinese text to the asker's script and regional wording; English text passes through."""
    if language.lang == "zh-Hant":
        # Straight from the mixed source text: a round trip through Simplified would lose distinctions
        # that Simplified merges (於/于, 乾/幹), so Traditional passages pass through OpenCC unchanged. For
        # Taiwan, mainland phrasing is reworded (软件 -> 軟體) only in sentences written in Simplified: a Taiwan
        # source's own words stay (項目 is an item there, not the 專案 the phrase table makes of it).
        # A Traditional source's own characters stay for Hong Kong too: s2hk's variants would make a quoted
        # 瀚峰 瀚峯 and 客戶 客户.
        if language.region == "HK":
            return apply_glossary(_by_sentence(text, None, "s2hk"), "HK")
        return apply_glossary(_by_sentence(text, "s2tw", "s2twp"), "TW")
    if language.lang == "zh-Hans":
        return apply_glossary(converter("t2s").convert(text), "CN")
    return text


def normalize_query(text: str) -> str:
    """Exactly what ingest does to documents (t2s + width folding)."""
    return normalize_for_index(text)
