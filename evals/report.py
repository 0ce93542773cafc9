"""Write an evaluation's report files: report.json (everything), report.md (tables) and metrics.png."""
from __future__ import annotations

import math
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, never a display
import matplotlib.pyplot as plt  # noqa: E402

from evals.aggregate import GroupSummary  # noqa: E402
from evals.results import EvalReport  # noqa: E402
from evals.scoring import METRICS, ItemResult  # noqa: E402

JSON_NAME, MARKDOWN_NAME, CHART_NAME = "report.json", "report.md", "metrics.png"

# The bars of the chart: the metrics a reader looks at first.
CHART_METRICS = (
    "hit_at_5", "mrr", "citation_validity", "citation_coverage", "must_include_recall",
    "numeric_accuracy", "language_match", "refusal_accuracy", "advice_no_call",
)


def _fmt(metric: str, value: float | None) -> str:
    if value is None:
        return "–"
    if metric.endswith("_ms"):
        return f"{value:,.0f}"
    return f"{value:.3f}"


def _group_table(columns: dict[str, GroupSummary]) -> list[str]:
    names = list(columns)
    lines = [
        "| metric | " + " | ".join(names) + " |",
        "|---|" + "---:|" * len(names),
        "| items | " + " | ".join(str(columns[n].items) for n in names) + " |",
    ]
    for metric, spec in METRICS.items():
        if not any(metric in columns[n].metrics for n in names):
            continue
        arrow = "" if spec.higher_is_better else " ↓"
        cells = []
        for n in names:
            value = columns[n].metrics.get(metric)
            count = columns[n].n.get(metric, 0)
            shown = _fmt(metric, value)
            cells.append(shown if metric.endswith("_ms") or value is None else f"{shown} ({count})")
        lines.append(f"| {spec.label}{arrow} | " + " | ".join(cells) + " |")
    return lines


def _problems(result: ItemResult) -> list[str]:
    notes = []
    if result.error:
        notes.append(f"error: {result.error}")
    m = result.metrics
    if m.get("hit_at_5") == 0:
        notes.append("expected source not retrieved")
    if result.invalid_markers:
        notes.append("invalid " + " ".join(f"[{n}]" for n in result.invalid_markers))
    if m.get("citation_coverage") == 0:
        notes.append("no valid citation")
    if result.missing_keys:
        notes.append("missing " + ", ".join(result.missing_keys))
    if result.missing_numbers:
        notes.append("numbers missing " + ", ".join(f"{v:g}" for v in result.missing_numbers))
    if m.get("language_match") == 0:
        notes.append(f"answered in {result.answer_script or 'nothing'}")
    if m.get("false_refusal_rate") == 1:
        notes.append("refused an in-scope question")
    if m.get("refusal_accuracy") == 0:
        notes.append("answered an out-of-scope question" if not result.refused else "refused but cited")
    if m.get("advice_disclaimer") == 0:
        notes.append("no disclaimer")
    if result.calls:
        notes.append("call: " + ", ".join(result.calls))
    return notes


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: EvalReport) -> str:
    run, agg = report.run, report.aggregate
    out = [
        "# Caiwen evaluation",
        "",
        f"- started: {run.started_at}, {run.seconds:.1f} s",
        f"- golden: `{run.golden}`, {agg.overall.items} items",
        f"- corpus: `{run.corpus}`" if run.corpus else "- store: the configured data directory",
        f"- composer: {run.composer}; embedder: {run.embedder}; retrieval: {run.retrieval_mode}, k={run.k}",
    ]
    if run.ingest:
        ing = run.ingest
        out.append(
            f"- ingest: {len(ing.added)} added, {ing.chunks_written} chunks, {ing.seconds:.1f} s"
            + (f", {len(ing.failed)} failed" if ing.failed else "")
        )
    if run.judge:
        out.append("- **LLM-as-judge metrics are included** (labelled 'LLM judge'; they depend on the judge model)")
    out += ["", "Values are means over the items a metric applies to (count in brackets); ↓ = lower is better.", ""]

    if report.gate:
        status = "PASSED" if report.gate.passed else "FAILED"
        out += [f"## Gate: {status} (`{report.gate.file}`)", ""]
        out += [f"- {c.describe()}" for c in report.gate.checks if not c.passed] or ["- every threshold met"]
        out.append("")

    out += ["## Overall and by language", ""]
    out += _group_table({"overall": agg.overall, **agg.by_lang})
    out += ["", "## By kind", ""]
    out += _group_table(agg.by_kind)

    if report.comparison:
        comp = report.comparison
        out += ["", f"## Compared with `{comp.old_report}`", ""]
        out += ["| metric | old | new | |", "|---|---:|---:|---|"]
        for change in comp.overall:
            flag = "**regressed**" if change.regressed else ""
            out.append(f"| {METRICS[change.metric].label} | {_fmt(change.metric, change.old)} | "
                       f"{_fmt(change.metric, change.new)} | {flag} |")
        out += ["", f"{comp.regression_count} regression(s) in {len(comp.regressions)} item(s):", ""]
        if comp.regressions:
            out += ["| item | metric | old | new |", "|---|---|---:|---:|"]
            for change in comp.regressions:
                for r in change.regressions:
                    out.append(f"| {change.id} | {METRICS[r.metric].label} | {_fmt(r.metric, r.old)} | {_fmt(r.metric, r.new)} |")
        improved = [c for c in comp.items if c.improvements]
        if improved:
            out += ["", "Improved: " + ", ".join(c.id for c in improved)]
        if comp.only_old or comp.only_new:
            out += ["", f"Only in the old report: {', '.join(comp.only_old) or '–'}; only in this one: {', '.join(comp.only_new) or '–'}"]

    out += ["", "## Items", "", "| id | lang | kind | hit@5 | RR | cites ok | must_include | numbers | lang ok | refused | ms | problems |",
            "|---|---|---|---:|---:|---:|---:|---:|---:|---|---:|---|"]
    for r in report.items:
        m = r.metrics
        out.append(
            f"| {r.id} | {r.lang} | {r.kind} | {_fmt('x', m.get('hit_at_5'))} | {_fmt('x', m.get('mrr'))} | "
            f"{_fmt('x', m.get('citation_validity'))} | {_fmt('x', m.get('must_include_recall'))} | "
            f"{_fmt('x', m.get('numeric_accuracy'))} | {_fmt('x', m.get('language_match'))} | "
            f"{'yes' if r.refused else ''} | {r.latency_ms:,.0f} | {_cell('; '.join(_problems(r)))} |"
        )

    failing = [r for r in report.items if _problems(r)]
    if failing:
        out += ["", "## Answers with problems", ""]
        for r in failing:
            answer = r.answer if len(r.answer) <= 400 else r.answer[:400] + "…"
            out += [f"**{r.id}** ({r.lang}, {r.kind}) {_cell(r.question)}", "", f"> {_cell(answer) or '(no answer)'}", ""]
    return "\n".join(out) + "\n"


def render_chart(report: EvalReport, path: Path) -> None:
    agg = report.aggregate
    panels = (
        ("by language", {"overall": agg.overall, **agg.by_lang}),
        ("by kind", agg.by_kind),
    )
    fig, axes = plt.subplots(2, 1, figsize=(12, 8), constrained_layout=True)
    for ax, (title, groups) in zip(axes, panels):
        names = list(groups)
        width = 0.8 / max(1, len(names))
        for i, name in enumerate(names):
            values = [groups[name].metrics.get(m) for m in CHART_METRICS]
            heights = [math.nan if v is None else v for v in values]
            positions = [x + (i - (len(names) - 1) / 2) * width for x in range(len(CHART_METRICS))]
            ax.bar(positions, heights, width, label=name)
        ax.set_xticks(range(len(CHART_METRICS)))
        ax.set_xticklabels([METRICS[m].label for m in CHART_METRICS], rotation=20, ha="right", fontsize=8)
        ax.set_ylim(0, 1.05)
        ax.set_title(f"Caiwen evaluation: main metrics {title}")
        ax.grid(axis="y", alpha=0.3)
        ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    fig.savefig(path, dpi=100)
    plt.close(fig)


def write_report(report: EvalReport, directory: Path) -> dict[str, Path]:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths = {"json": directory / JSON_NAME, "markdown": directory / MARKDOWN_NAME, "chart": directory / CHART_NAME}
    paths["json"].write_text(report.model_dump_json(indent=2), encoding="utf-8")
    paths["markdown"].write_text(render_markdown(report), encoding="utf-8")
    render_chart(report, paths["chart"])
    return paths
