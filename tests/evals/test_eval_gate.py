"""Thresholds from YAML: pass/fail naming the metric, and typo-proof loading."""
import pytest

from evals.aggregate import aggregate
from evals.gate import GateFileError, apply_gate, load_gate
from evals.runner import run_items
from eval_fakes import good_assistant, items


@pytest.fixture(scope="module")
def agg():
    return aggregate(run_items(good_assistant(), items(), progress=False))


def _gate(tmp_path, text):
    path = tmp_path / "gate.yaml"
    path.write_text(text, encoding="utf-8")
    return load_gate(path)


def test_passing_and_failing_thresholds_name_the_metric(tmp_path, agg):
    spec = _gate(tmp_path, """
overall:
  min: {hit_at_5: 0.9, must_include_recall: 0.9}
  max: {false_refusal_rate: 0.0, latency_p95_ms: 60000}
by_lang:
  en: {min: {refusal_accuracy: 1.0}}
by_kind:
  numeric: {min: {numeric_accuracy: 1.0, hit_at_1: 1.01}}
  compare: {min: {hit_at_5: 0.5}}
""")
    result = apply_gate(spec, agg, file="gate.yaml")
    assert not result.passed
    failed = {(c.scope, c.metric) for c in result.failures}
    assert failed == {("kind=numeric", "hit_at_1"), ("kind=compare", "hit_at_5")}
    messages = [c.describe() for c in result.failures]
    assert "FAILED: kind=numeric hit_at_1 = 1 (needs >= 1.01)" in messages
    assert "FAILED: kind=compare hit_at_5 = not measured (needs >= 0.5)" in messages


def test_all_met(tmp_path, agg):
    result = apply_gate(_gate(tmp_path, "overall:\n  min: {citation_validity: 1.0}\n"), agg)
    assert result.passed and len(result.checks) == 1


@pytest.mark.parametrize(("text", "message"), [
    ("overall:\n  min: {hit_at_50: 0.9}\n", "unknown metric(s) hit_at_50"),
    ("by_lang:\n  fr: {min: {hit_at_5: 0.9}}\n", "unknown lang(s) fr"),
    ("by_kind:\n  opinion: {min: {hit_at_5: 0.9}}\n", "unknown kind(s) opinion"),
    ("overall:\n  minimum: {hit_at_5: 0.9}\n", "overall.minimum"),
    ("overall:\n  min: {hit_at_5: high}\n", "overall.min.hit_at_5"),
    ("- just a list\n", "expected a mapping"),
    ("overall: [unclosed\n", "not valid YAML"),
])
def test_bad_gate_files_are_rejected_with_the_reason(tmp_path, text, message):
    with pytest.raises(GateFileError) as info:
        _gate(tmp_path, text)
    assert message in str(info.value)


def test_missing_gate_file(tmp_path):
    with pytest.raises(GateFileError, match="file not found"):
        load_gate(tmp_path / "nope.yaml")
