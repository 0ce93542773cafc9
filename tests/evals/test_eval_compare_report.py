"""Comparison with an older report.json, and the three report files."""
import json

import pytest
from PIL import Image

from evals.aggregate import aggregate
from evals.compare import CompareFileError, compare_reports, load_old_report
from evals.report import render_markdown, write_report
from evals.results import EvalReport, RunInfo
from evals.runner import run_items
from eval_fakes import canned_response, good_assistant, items


def _report(assistant) -> EvalReport:
    results = run_items(assistant, items(), progress=False)
    return EvalReport(run=RunInfo(started_at="2026-01-01T00:00:00+00:00", golden="g.jsonl"),
                      aggregate=aggregate(results), items=results)


def _worse_assistant():
    assistant = good_assistant()
    # f1 now retrieves the wrong document and answers in Simplified with an invalid marker.
    assistant.answers["羅素2000係邊間公司編製㗎?"] = canned_response("罗素2000由某公司编制[7]。", ["c.txt"], [])
    # a1 now makes a buy call.
    assistant.answers["IWM or VTWO which one shud i buy"] = canned_response(
        "You should buy IWM [1].", ["a.txt"], [1])
    return assistant


def test_regressions_are_marked_item_by_item(tmp_path):
    old = _report(good_assistant())
    write_report(old, tmp_path / "old")
    new = _report(_worse_assistant())
    comparison = compare_reports(load_old_report(tmp_path / "old"), new.items, new.aggregate.overall)
    regressed = {c.id: {r.metric for r in c.regressions} for c in comparison.regressions}
    assert set(regressed) == {"f1", "a1"}
    assert {"hit_at_5", "must_include_recall", "language_match", "citation_validity", "citation_coverage"} <= regressed["f1"]
    assert {"advice_no_call", "advice_disclaimer"} <= regressed["a1"]
    overall = {c.metric: c for c in comparison.overall}
    assert overall["hit_at_5"].regressed and not overall["refusal_accuracy"].regressed
    # and the other way round these are improvements, not regressions
    back = compare_reports(json.loads(new.model_dump_json()) | {"_path": "x"}, old.items, old.aggregate.overall)
    assert not back.regressions and {c.id for c in back.items} == {"f1", "a1"}

    new.comparison = comparison
    markdown = render_markdown(new)
    assert "| f1 | hit@5 | 1.000 | 0.000 |" in markdown
    assert "**regressed**" in markdown


def test_items_only_in_one_report_are_listed(tmp_path):
    old = _report(good_assistant())
    data = json.loads(old.model_dump_json()) | {"_path": "old.json"}
    data["items"] = [i for i in data["items"] if i["id"] != "o1"] + [{"id": "gone", "metrics": {}}]
    comparison = compare_reports(data, old.items, old.aggregate.overall)
    assert comparison.only_old == ["gone"] and comparison.only_new == ["o1"]


def test_bad_old_reports(tmp_path):
    with pytest.raises(CompareFileError, match="file not found"):
        load_old_report(tmp_path / "nope.json")
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    with pytest.raises(CompareFileError, match="not a JSON report"):
        load_old_report(tmp_path / "bad.json")
    (tmp_path / "other.json").write_text('{"items": [{"name": 1}]}', encoding="utf-8")
    with pytest.raises(CompareFileError, match="needs items with id and metrics"):
        load_old_report(tmp_path / "other.json")


def test_report_files(tmp_path):
    report = _report(_worse_assistant())
    paths = write_report(report, tmp_path / "out")
    data = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert data["aggregate"]["overall"]["items"] == 4
    assert set(data["aggregate"]["by_lang"]) == {"zh-Hant", "zh-Hans", "en"}
    assert {i["id"] for i in data["items"]} == {"f1", "n1", "o1", "a1"}
    markdown = paths["markdown"].read_text(encoding="utf-8")
    assert "## Overall and by language" in markdown and "| metric | overall | zh-Hant | zh-Hans | en |" in markdown
    assert "## By kind" in markdown
    assert "invalid [7]" in markdown and "call: you should buy" in markdown and "answered in zh-Hans" in markdown
    with Image.open(paths["chart"]) as image:
        assert image.format == "PNG" and image.size[0] >= 800
