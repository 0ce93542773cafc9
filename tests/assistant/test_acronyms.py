"""Acronyms spelled out in English sources (assistant.acronyms)."""
from __future__ import annotations

import pytest

from assistant.acronyms import spelled_out


@pytest.mark.parametrize("acronym, text", [
    ("CIO", "said Dana Wu, the fund's chief investment officer."),
    ("NAV", "shares trade near their net asset value"),
    ("ETF", "an exchange-traded fund listed in Taipei"),
    ("BOG", "approved by the Board of Governors"),
    ("SEC", "registered with the Securities and Exchange Commission"),
])
def test_words_whose_initials_spell_the_acronym(acronym, text):
    assert spelled_out(acronym, text)


@pytest.mark.parametrize("acronym, text", [
    ("CIO", "a cio"),  # one word is not three initials
    ("NAV", "the value of net assets"),  # the right words in the wrong order
    ("ETF", "exchange fees are traded"),  # "are" breaks the run
])
def test_other_words_do_not(acronym, text):
    assert not spelled_out(acronym, text)
