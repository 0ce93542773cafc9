"""The runner against a canned assistant: golden lang is never passed, failures are scored, not fatal."""
import pytest

from caiwen.config import ConfigError, Settings
from caiwen.wiring import run_eval, with_overrides
from evals.runner import EvalSetupError, run_items
from eval_fakes import good_assistant, items


def test_run_items_scores_each_item_without_passing_the_golden_lang():
    assistant = good_assistant()
    results = run_items(assistant, items(), progress=False)
    assert [r.id for r in results] == ["f1", "n1", "o1", "a1"]
    assert all(kwargs == {} for _, kwargs in assistant.calls)  # no lang=..., detection is under test
    by_id = {r.id: r.metrics for r in results}
    assert by_id["f1"]["must_include_recall"] == 1.0
    assert by_id["n1"]["numeric_accuracy"] == 1.0
    assert by_id["o1"]["refusal_accuracy"] == 1.0
    assert by_id["a1"]["advice_no_call"] == 1.0 and by_id["a1"]["advice_disclaimer"] == 1.0
    assert all(r.latency_ms >= 0 for r in results)


def test_an_item_that_raises_is_recorded_and_the_run_goes_on(tmp_path):
    assistant = good_assistant()
    assistant.failing = {"标普贵多少%?"}
    report = run_eval(items(), Settings(data_dir=tmp_path), assistant_factory=lambda s: assistant, progress=False)
    failed = next(r for r in report.items if r.id == "n1")
    assert failed.error == "RuntimeError: store went away"
    assert report.aggregate.overall.metrics["error_rate"] == 0.25
    assert report.aggregate.by_kind["numeric"].metrics["numeric_accuracy"] == 0.0
    assert report.aggregate.by_lang["en"].items == 2
    assert report.run.corpus is None and report.run.ingest is None


def test_judge_results_are_attached_when_a_judge_is_given(tmp_path):
    report = run_eval(
        items(), Settings(data_dir=tmp_path), assistant_factory=lambda s: good_assistant(),
        judge_factory=lambda s: (lambda item, response: {"judge_faithfulness": 0.5, "judge_answer_relevancy": None}),
        progress=False,
    )
    assert report.run.judge
    assert report.aggregate.overall.metrics["judge_faithfulness"] == 0.5
    assert report.aggregate.overall.metrics["judge_answer_relevancy"] is None


def test_setup_errors_are_clear(tmp_path):
    with pytest.raises(EvalSetupError, match="corpus not found"):
        run_eval(items(), Settings(data_dir=tmp_path), corpus=tmp_path / "missing", progress=False)

    def broken(settings):
        raise ValueError("unknown embedder 'nope'")

    with pytest.raises(EvalSetupError, match="cannot build the assistant: ValueError: unknown embedder"):
        run_eval(items(), Settings(data_dir=tmp_path), assistant_factory=broken, progress=False)


def test_with_overrides_replaces_fields_and_keeps_the_rest(tmp_path):
    base = Settings(data_dir=tmp_path / "prod", k=7)
    _ = base.resolved_data_dir  # cached: must not leak into the copy
    copy = with_overrides(base, data_dir=tmp_path / "eval", composer=None)
    assert copy.resolved_data_dir == (tmp_path / "eval").resolve()
    assert copy.k == 7 and copy.composer == base.composer
    with pytest.raises(ConfigError, match=r"composer \(CAIWEN_COMPOSER\)"):
        with_overrides(base, composer="gpt")
