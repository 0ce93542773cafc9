"""Script and region detection, OpenCC conversion and the regional finance glossary (real OpenCC)."""
from __future__ import annotations

import pytest

from assistant.language import QueryLanguage, apply_glossary, detect_language, to_asker_script


@pytest.mark.parametrize(
    ("question", "lang", "region"),
    [
        ("羅素2000點樣重組?", "zh-Hant", "HK"),
        ("VTWO 同 IWM 有咩唔同?", "zh-Hant", "HK"),
        ("羅素2000的本益比是多少", "zh-Hant", "TW"),
        ("罗素2000和标普500估值差多少", "zh-Hans", "CN"),
        ("How does the Russell 2000 reconstitution work?", "en", None),
    ],
)
def test_detect_language(question, lang, region):
    assert detect_language(question) == QueryLanguage(lang, region)


def test_taiwan_glossary_after_opencc():
    text = to_asker_script("美联储降息后，罗素2000的市盈率为18倍，纳斯达克", QueryLanguage("zh-Hant", "TW"))
    assert "聯準會" in text and "本益比" in text and "那斯達克" in text and "美聯儲" not in text


def test_hong_kong_glossary_after_opencc():
    text = to_asker_script("美联储降息后，市盈率为18倍", QueryLanguage("zh-Hant", "HK"))
    assert "聯儲局" in text and "市盈率" in text


def test_simplified_glossary_maps_taiwan_terms_back():
    assert apply_glossary("聯準會", "CN") == "美联储"
    assert "市盈率" in to_asker_script("本益比", QueryLanguage("zh-Hans", "CN"))


def test_traditional_source_text_keeps_its_characters():
    # 於 would become 于 through a Simplified round trip
    assert to_asker_script("名單於6月公佈", QueryLanguage("zh-Hant", "HK")) == "名單於6月公佈"


def test_mixed_script_answer_is_converted_to_the_askers_script():
    text = to_asker_script("罗素2000的重组；羅素2000的重組", QueryLanguage("zh-Hans", "CN"))
    assert text == "罗素2000的重组；罗素2000的重组"


def test_month_pairs_expand_to_both_months():
    from knowledge_base.lexical_tokens import expand_query, tokenize

    tokens = tokenize(expand_query("iwm八九月那波小盘行情"))
    assert "八月" in tokens and "九月" in tokens
    assert "十一月" in tokenize(expand_query("十一月重组"))
