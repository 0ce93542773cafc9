"""Chinese numerals: one reader for the verifier (六月 grounds 6) and the figures parser (过去十二个月)."""
from __future__ import annotations

import pytest

from assistant.chinese_numerals import chinese_numeral_value
from assistant.number_tokens import chinese_numbers_in


@pytest.mark.parametrize("numeral, value", [
    ("六", 6), ("十", 10), ("十二", 12), ("二十", 20), ("二十五", 25), ("两", 2), ("两千", 2000),
    ("三百零五", 305), ("一千二百", 1200), ("零", 0), ("〇", 0),
    ("一百二", 120), ("二〇二六", 2026), ("兩千", 2000), ("十萬", 100_000),
])
def test_values(numeral: str, value: int) -> None:
    assert chinese_numeral_value(numeral) == value


def test_numeral_characters_that_write_no_number_are_an_error() -> None:
    with pytest.raises(ValueError):
        chinese_numeral_value("十十")


def test_a_year_in_numerals_grounds_the_year_and_a_malformed_run_grounds_nothing() -> None:
    tokens = chinese_numbers_in("二〇二六年六月，十十个月")
    assert [(t.raw, int(t.value)) for t in tokens] == [("二〇二六", 2026), ("六", 6)]


def test_a_lone_zero_is_not_a_grounding_figure_but_counts_are() -> None:
    tokens = chinese_numbers_in("零个成分股在十二月调整，两千家公司")
    assert [(t.raw, int(t.value)) for t in tokens] == [("十二", 12), ("两千", 2000)]


def test_index_words_in_chinese_numerals_get_their_arabic_form():
    from assistant.chinese_numerals import arabic_forms

    assert arabic_forms(["零", "十年", "两千", "市盈率", "十十", "一"]) == {"0", "10", "2000"}
