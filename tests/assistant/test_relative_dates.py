"""A sentence dated only by reference to the one before it (同年, "the following year") is quoted with the
sentences that supply its year (assistant.composers.relative_dates), on text written for this test."""
from __future__ import annotations

from assistant.composers.extractive_candidates import Candidate
from assistant.composers.relative_dates import dated_antecedents


def _units(n: int, *texts: str) -> list[Candidate]:
    return [Candidate(n, 0, len(t), t, frozenset(), position) for position, t in enumerate(texts)]


def test_a_chain_of_same_year_references_is_read_back_to_the_year():
    units = _units(1, "該基金於2015年成立。", "2019年春季資金大幅流出。", "同年5月基金改由新經理人管理。",
                   "同年9月基金單日淨申購創下48億元紀錄。")
    assert dated_antecedents([units[3]], units) == [units[2], units[1]]


def test_a_sentence_with_its_own_year_or_no_reference_brings_nothing():
    units = _units(1, "2019年春季資金大幅流出。", "2020年3月基金單日淨申購創下48億元紀錄。", "基金每季派息一次。")
    assert dated_antecedents([units[1]], units) == []
    assert dated_antecedents([units[2]], units) == []


def test_english_references_and_a_broken_chain():
    units = _units(2, "The fund opened in 2012.", "The following year it cut its fee to 0.20%.")
    assert dated_antecedents([units[1]], units) == [units[0]]
    broken = _units(3, "The fund opened in 2012.", "Its manager left soon after.", "That year assets doubled.")
    assert dated_antecedents([broken[2]], broken) == []  # the sentence before it names no year: no guess
    other_chunk = _units(4, "The fund opened in 2012.")
    assert dated_antecedents([units[1]], other_chunk) == []  # only the sentence's own chunk supplies the year
