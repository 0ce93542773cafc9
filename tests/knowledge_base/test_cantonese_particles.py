"""Written-Cantonese particles are known in one place (knowledge_base.scripts.CANTONESE_PARTICLES); the
widget's copy in JavaScript must stay the same, and every reader of the question agrees on them."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.language import detect_language, traditional_region
from evals.metrics.language import answer_script
from knowledge_base.scripts import CANTONESE_PARTICLES, detect_script

WIDGET = Path(__file__).resolve().parents[2] / "api" / "widget" / "widget.js"


def test_the_widget_carries_the_same_particles() -> None:
    match = re.search(r'var CANTONESE = "([^"]*)";', WIDGET.read_text(encoding="utf-8"))
    assert match is not None, "widget.js no longer declares CANTONESE"
    assert match.group(1) == CANTONESE_PARTICLES


@pytest.mark.parametrize("particle", list(CANTONESE_PARTICLES))
def test_each_particle_marks_hong_kong_traditional(particle: str) -> None:
    text = f"今日股市{particle}好"  # otherwise characters both scripts share
    assert detect_script(text) == "zh-Hant"
    assert traditional_region(text) == "HK"
    assert detect_language(text).key == "zh-Hant-HK"
    assert answer_script(text) == "zh-Hant"


def test_shared_characters_without_a_particle_are_not_cantonese() -> None:
    assert detect_script("今日股市好") == "zh-Hans"
    assert traditional_region("今日股市好") == "TW"


def test_an_english_page_with_a_few_chinese_characters_is_english() -> None:
    page = ("[Home](#) | [Funds](#) | [中文](#)\n# Harbour Silver ETF\nThe Fund holds allocated silver bars and tracks "
            "the LBMA Silver Price in US dollars. Management fee: 0.30% per annum.")
    assert detect_script(page) == "en"
    # a Chinese page quoting English names at length is still Chinese
    assert detect_script("羅素2000指數（Russell 2000 Index）由FTSE Russell編製，涵蓋美國小型股。") == "zh-Hant"
