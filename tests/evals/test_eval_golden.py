"""Golden file loading: the dev set loads; malformed items are rejected with line numbers and reasons."""
import json
from pathlib import Path

import pytest

from evals.golden import GoldenFormatError, load_golden, parse_golden

DEV = Path(__file__).resolve().parents[3] / "shared" / "golden" / "dev.jsonl"


def _line(**fields) -> str:
    item = {"id": "x1", "question": "羅素2000係乜?", "lang": "zh-Hant", "kind": "fact",
            "expected_sources": ["a.txt"], "must_include": ["罗素"], "numbers": []}
    item.update(fields)
    return json.dumps(item, ensure_ascii=False)


@pytest.mark.skipif(not DEV.exists(), reason="shared golden set not present")
def test_dev_set_loads():
    items = load_golden(DEV)
    assert len(items) == 54
    assert {i.lang for i in items} == {"zh-Hant", "zh-Hans", "en"}
    assert all(not i.expected_sources for i in items if i.kind == "out_of_scope")


def test_unknown_fields_are_kept_and_blank_lines_skipped():
    items = parse_golden(["", _line(reviewer="amy"), "   "])
    assert items[0].model_extra == {"reviewer": "amy"}


def test_every_bad_line_is_reported_with_its_number_and_reason(tmp_path):
    lines = [
        _line(id="ok1"),
        "{not json",
        "[1, 2]",
        _line(id="bad-lang", lang="fr"),
        _line(id="bad-kind", kind="opinion"),
        _line(id="oos", kind="out_of_scope"),  # out_of_scope with expected sources
        _line(id="nosrc", expected_sources=[]),
        _line(id="num", numbers=[{"value": "a lot", "tol": -1}]),
        _line(id="ok1"),
        _line(id="blank", question="   "),
    ]
    path = tmp_path / "golden.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(GoldenFormatError) as info:
        load_golden(path)
    problems = dict(info.value.problems)
    assert sorted(problems) == [2, 3, 4, 5, 6, 7, 8, 9, 10]
    assert "not valid JSON" in problems[2]
    assert "expected a JSON object" in problems[3]
    assert "lang" in problems[4]
    assert "kind" in problems[5]
    assert "out_of_scope items must have empty expected_sources" in problems[6]
    assert "at least one expected source" in problems[7]
    assert "numbers.0.value" in problems[8] and "numbers.0.tol" in problems[8]
    assert "duplicate id 'ok1' (first on line 1)" in problems[9]
    assert "question is empty" in problems[10]
    assert "line 2:" in str(info.value) and str(path) in str(info.value)


def test_missing_empty_and_non_utf8_files_are_clear_errors(tmp_path):
    with pytest.raises(GoldenFormatError, match="file not found"):
        load_golden(tmp_path / "nope.jsonl")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n", encoding="utf-8")
    with pytest.raises(GoldenFormatError, match="no items"):
        load_golden(empty)
    big5 = tmp_path / "big5.jsonl"
    big5.write_bytes(_line(must_include=["羅素"]).encode("big5"))
    with pytest.raises(GoldenFormatError, match="not UTF-8"):
        load_golden(big5)
