"""User-facing sentences, one entry per message, one text per language key (QueryLanguage.key: zh-Hans,
zh-Hant-HK, zh-Hant-TW, en).

An entry that gives only zh-Hans serves Traditional askers through `to_asker_script` (OpenCC plus the HK / TW
financial glossary); an entry gives its own zh-Hant-HK / zh-Hant-TW text where the wording differs beyond
what conversion does. Templates take `str.format` fields.

    say("figures.no_data", language, name=name)   # filled in and written in the asker's script
"""
from __future__ import annotations

from assistant.language import QueryLanguage, to_asker_script

MESSAGES: dict[str, dict[str, str]] = {
    # Said after an answer when the question names something no source mentions (answered with what is stated).
    "not_stated": {
        "zh-Hant-HK": "資料來源未有提及：{terms}。",
        "zh-Hant-TW": "資料來源未提及：{terms}。",
        "zh-Hans": "资料来源未提及：{terms}。",
        "en": "The sources do not state: {terms}.",
    },
}


def template(name: str, language: QueryLanguage) -> str:
    """The unfilled text of `name` for the asker (a Traditional key without its own text gets zh-Hans)."""
    entry = MESSAGES[name]
    return entry.get(language.key) or entry["zh-Hans" if language.is_chinese else "en"]


def say(name: str, language: QueryLanguage, /, **values: object) -> str:
    """`name` filled in with `values`, in the asker's script and regional wording."""
    text = template(name, language).format(**values)
    return to_asker_script(text, language) if language.is_chinese else text
