"""`caiwen eval` on bad input: a clear message naming the problem and exit status 2, before any work."""
import json

import pytest
from typer.testing import CliRunner

from caiwen.cli.main import app

GOOD = json.dumps({"id": "g1", "question": "羅素2000係乜?", "lang": "zh-Hant", "kind": "fact",
                   "expected_sources": ["a.txt"]}, ensure_ascii=False)


@pytest.fixture
def golden(tmp_path):
    path = tmp_path / "golden.jsonl"
    path.write_text(GOOD + "\n", encoding="utf-8")
    return path


def _run(*args, env=None):
    return CliRunner().invoke(app, ["eval", *map(str, args), "--no-progress"], env=env)


def test_malformed_golden_names_the_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(GOOD + "\n" + GOOD.replace('"zh-Hant"', '"klingon"') + "\n", encoding="utf-8")
    result = _run("--golden", path, "--report", tmp_path / "out")
    assert result.exit_code == 2
    assert "line 2: lang" in result.output
    assert not (tmp_path / "out").exists()


def test_bad_gate_file_is_rejected_before_running(tmp_path, golden):
    gate = tmp_path / "gate.yaml"
    gate.write_text("overall:\n  min: {hit_at_six: 0.9}\n", encoding="utf-8")
    result = _run("--golden", golden, "--gate", gate, "--report", tmp_path / "out")
    assert result.exit_code == 2 and "unknown metric(s) hit_at_six" in result.output


def test_bad_compare_file(tmp_path, golden):
    result = _run("--golden", golden, "--compare", tmp_path / "old.json")
    assert result.exit_code == 2 and "old.json: file not found" in result.output


def test_missing_corpus(tmp_path, golden):
    result = _run("--golden", golden, "--corpus", tmp_path / "nowhere", "--report", tmp_path / "out",
                  env={"CAIWEN_DATA_DIR": str(tmp_path / "data")})
    assert result.exit_code == 2 and "corpus not found" in result.output


def test_judge_without_llm(tmp_path, golden):
    result = _run("--golden", golden, "--judge", env={"CAIWEN_LLM_BASE_URL": ""})
    assert result.exit_code == 2 and "--judge needs an LLM" in result.output
