"""Who is asking: language, script and region, and how to write back to them.

OpenCC converts scripts but not regional financial vocabulary (s2twp gives 美聯儲 where Taiwan writes
聯準會), so a small reviewed glossary per region is applied after OpenCC.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.errors import InvalidQuestionError
from knowledge_base.scripts import converter, detect_script, normalize_for_index

LANGS = ("zh-Hant", "zh-Hans", "en")

# Written Cantonese: its presence marks a Hong Kong asker.
_CANTONESE = re.compile(r"點樣|点样|係咪|系咪|嘅|咗|唔|喺|冇|佢|咩|乜|嗰|哋|啲|睇|揀|嚟|俾|係")

# Applied after OpenCC, longest terms first. Keys are what OpenCC (s2hk / s2twp) produces.
REGIONAL_GLOSSARY: dict[str, dict[str, str]] = {
    "TW": {
        "美聯儲": "聯準會",
        "聯儲局": "聯準會",
        "市盈率": "本益比",
        "市淨率": "股價淨值比",
        "納斯達克": "那斯達克",
        "標普500": "標普500",
        "交易所買賣基金": "ETF",
        "對沖基金": "避險基金",
        "藍籌股": "績優股",
        "市值加權": "市值加權",
        "小盤股": "小型股",
        "大盤股": "大型股",
        "派息": "配息",
        "股息率": "殖利率",
    },
    "HK": {
        "美聯儲": "聯儲局",
        "聯準會": "聯儲局",
        "本益比": "市盈率",
        "那斯達克": "納斯達克",
        "小盤股": "細價股",
        "殖利率": "股息率",
        "配息": "派息",
    },
    "CN": {
        "聯準會": "美联储",
        "联准会": "美联储",
        "聯儲局": "美联储",
        "联储局": "美联储",
        "本益比": "市盈率",
        "那斯达克": "纳斯达克",
        "殖利率": "股息率",
    },
}


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
            return QueryLanguage(lang, region or ("HK" if _CANTONESE.search(text) else "TW"))
        return QueryLanguage(lang, "CN" if lang == "zh-Hans" else None)
    script = detect_script(text)
    if script == "zh-Hant":
        return QueryLanguage("zh-Hant", "HK" if _CANTONESE.search(text) else "TW")
    if script == "zh-Hans":
        return QueryLanguage("zh-Hans", "CN")
    return QueryLanguage("en", None)


def apply_glossary(text: str, region: str | None) -> str:
    table = REGIONAL_GLOSSARY.get(region or "", {})
    for src in sorted(table, key=len, reverse=True):
        text = text.replace(src, table[src])
    return text


def to_asker_script(text: str, language: QueryLanguage) -> str:
    """Convert Chinese text to the asker's script and regional wording; English text passes through."""
    if language.lang == "zh-Hant":
        config = "s2hk" if language.region == "HK" else "s2twp"
        # Straight from the mixed source text: a round trip through Simplified would lose distinctions
        # that Simplified merges (於/于, 乾/幹), so Traditional passages pass through OpenCC unchanged.
        return apply_glossary(converter(config).convert(text), language.region)
    if language.lang == "zh-Hans":
        return apply_glossary(converter("t2s").convert(text), "CN")
    return text


def normalize_query(text: str) -> str:
    """Exactly what ingest does to documents (t2s + width folding)."""
    return normalize_for_index(text)
