"""The message catalog: every message readable in every language, filled in and written in the asker's script."""
from __future__ import annotations

from string import Formatter

import pytest

from assistant.language import QueryLanguage
from assistant.messages import MESSAGES, say, template

HK, TW, CN, EN = QueryLanguage("zh-Hant", "HK"), QueryLanguage("zh-Hant", "TW"), QueryLanguage("zh-Hans", "CN"), \
    QueryLanguage("en")
KEYS = {"zh-Hans", "zh-Hant-HK", "zh-Hant-TW", "en"}


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_every_message_has_simplified_and_english_and_known_keys_only(name: str) -> None:
    entry = MESSAGES[name]
    assert {"zh-Hans", "en"} <= set(entry) <= KEYS


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_every_message_fills_in_for_every_asker(name: str) -> None:
    """Each text is a well-formed template; the languages may name different fields (English says "it")."""
    entry = MESSAGES[name]
    values = {field: 1.5 for text in entry.values() for field in fields(text)}
    for language in (HK, TW, CN, EN):
        text = say(name, language, **values)
        assert "{" not in text and "}" not in text
        assert text.strip()


def test_say_writes_traditional_from_the_simplified_text_with_the_regional_glossary() -> None:
    assert say("figures.no_data", CN, name="罗素2000") == "目前没有罗素2000的行情数据,所以无法提供最新数字。"
    hk = say("figures.no_data", HK, name="罗素2000")
    assert hk.startswith("目前沒有羅素2000的行情數據")
    tw = say("figures.no_data", TW, name="罗素2000")
    assert tw.startswith("目前沒有羅素2000的行情資料")  # Taiwan says 資料 where Hong Kong says 數據
    assert say("figures.no_data", EN, name="Russell 2000").startswith("There is no price data for the Russell 2000")


def test_a_traditional_value_does_not_keep_the_template_in_simplified() -> None:
    hk = QueryLanguage("zh-Hant", "HK")
    text = say("worked_example.stale", hk, step="（6）代收新股手續費")
    assert "數字" in text and "实际" not in text and "（6）代收新股手續費" in text
    # a Simplified value is converted too
    assert "手續費" in say("worked_example.stale", hk, step="代收新股手续费")


def test_a_region_with_its_own_text_is_not_converted_again() -> None:
    assert template("not_stated", HK) == "資料來源未有提及：{terms}。"
    assert template("not_stated", TW) == "資料來源未提及：{terms}。"
    assert say("not_stated", EN, terms="fees") == "The sources do not state: fees."


def test_an_unknown_message_name_raises() -> None:
    with pytest.raises(KeyError):
        say("figures.no_such_message", EN)
