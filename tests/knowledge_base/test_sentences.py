"""One sentence rule (knowledge_base/sentences.py) for chunk units, screening and answer quotes."""
from __future__ import annotations

import re

from assistant.sentences import split_sentences as answer_sentences
from ingest.chunking import split_units
from knowledge_base.screening import flag_sentences
from knowledge_base.sentences import split_sentences

TEXT = (
    "羅素2000指數收報2,692.23點,全年上漲7.88%。BRK.B與IWM同步走高! 小型股估值偏低;盈利改善……仍待觀察?\n"
    "The index rose 7.88% in the U.S. last year. Analysts, e.g. at FTSE, expect more! Nobody knows; wait.\n"
    "See https://example.com/a;b=1 (U.S. SEC page) for more.\n"
    "當人們問「今天股市怎麼樣?」時,他們想到的是道瓊指數。他說:「重組每年六月進行。」"
)
SENTENCES = [
    "羅素2000指數收報2,692.23點,全年上漲7.88%。",
    "BRK.B與IWM同步走高!",
    "小型股估值偏低;盈利改善……仍待觀察?",
    "The index rose 7.88% in the U.S. last year.",
    "Analysts, e.g. at FTSE, expect more!",
    "Nobody knows; wait.",
    "See https://example.com/a;b=1 (U.S. SEC page) for more.",
    "當人們問「今天股市怎麼樣?」時,他們想到的是道瓊指數。",
    "他說:「重組每年六月進行。」",
]
CLAUSES = [
    *SENTENCES[:2], "小型股估值偏低;", "盈利改善……", "仍待觀察?", *SENTENCES[3:5], "Nobody knows;", "wait.",
    *SENTENCES[6:],
]


def test_sentences_keep_numbers_tickers_abbreviations_and_quoted_questions_whole() -> None:
    assert [TEXT[a:b] for a, b in split_sentences(TEXT)] == SENTENCES


def test_clauses_also_end_at_semicolons_and_ellipses_but_not_inside_a_url() -> None:
    assert [TEXT[a:b] for a, b in split_sentences(TEXT, clauses=True)] == CLAUSES


def test_chunk_units_are_the_rules_clauses_and_answers_its_sentences() -> None:
    assert [TEXT[u.start:u.end] for u in split_units(TEXT) if u.kind == "sentence"] == CLAUSES
    assert [TEXT[a:b] for a, b in answer_sentences(TEXT)] == SENTENCES


def test_screening_flags_clauses_of_the_rule() -> None:
    text = "指數全年上漲7.88%。This fund will definitely double next year; act now. 其後成份股會更新。"
    assert [f.text for f in flag_sentences(text)] == ["This fund will definitely double next year;", "act now."]


def test_a_trailing_pattern_keeps_markers_with_their_sentence() -> None:
    marker = re.compile(r"[ \t]*\[\d+\]")
    text = "羅素2000每年重組。[1]其後更新[2]。It rose 7.88%. [3] Then fell."
    assert [text[a:b] for a, b in split_sentences(text, marker)] == [
        "羅素2000每年重組。[1]", "其後更新[2]。", "It rose 7.88%. [3]", "Then fell.",
    ]
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "羅素2000每年重組。", "[1]其後更新[2]。", "It rose 7.88%.", "[3] Then fell.",
    ]
