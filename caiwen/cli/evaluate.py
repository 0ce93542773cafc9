"""`caiwen eval`: run the golden Q&A set through the chain, write reports, optionally gate and compare.

Exit status: 0 all good; 1 a gate threshold failed (or a regression, with --fail-on-regression);
2 bad input (malformed golden/gate/old report, missing corpus, chain cannot be built).
"""
from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

EXIT_GATE_FAILED = 1
EXIT_BAD_INPUT = 2

_SHOWN = ("hit_at_1", "hit_at_5", "mrr", "citation_validity", "citation_coverage", "must_include_recall",
          "numeric_accuracy", "language_match", "refusal_accuracy", "false_refusal_rate", "advice_no_call",
          "latency_p50_ms", "latency_p95_ms")


def _summary_table(report) -> Table:
    from evals.scoring import METRICS

    agg = report.aggregate
    groups = {"overall": agg.overall, **agg.by_lang}
    table = Table(title=f"{agg.overall.items} items, {report.run.seconds:.0f} s")
    table.add_column("metric")
    for name in groups:
        table.add_column(name, justify="right")
    for metric in _SHOWN + tuple(m for m in agg.overall.metrics if m.startswith("judge_")):
        cells = []
        for group in groups.values():
            value = group.metrics.get(metric)
            cells.append("–" if value is None else (f"{value:,.0f}" if metric.endswith("_ms") else f"{value:.3f}"))
        table.add_row(METRICS[metric].label, *cells)
    return table


def _error(console: Console, message: str) -> None:
    console.print("[red]error:[/] ", end="")
    console.print(message, markup=False, highlight=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    @app.command("eval")
    def eval_command(
        golden: Path = typer.Option(..., "--golden", help="Golden Q&A file (JSON Lines)."),
        corpus: Path | None = typer.Option(
            None, "--corpus", help="Ingest this folder into a fresh temporary store first (never the production store)."
        ),
        report: Path = typer.Option(Path("out/eval"), "--report", help="Folder for report.json, report.md, metrics.png."),
        gate: Path | None = typer.Option(None, "--gate", help="YAML thresholds; exit 1 naming each failing metric."),
        compare: Path | None = typer.Option(None, "--compare", help="An earlier report.json (or its folder) to diff against."),
        composer: str | None = typer.Option(None, "--composer", help="auto | llm | extractive (default: settings)."),
        k: int | None = typer.Option(None, "--k", min=1, max=50, help="Chunks retrieved per question (default: settings)."),
        limit: int | None = typer.Option(None, "--limit", min=1, help="Only the first N items (quick checks)."),
        split: str = typer.Option(
            "all", "--split", help="all | tune | holdout: the fixed id-hash split (evals/split.py); tune only on `tune`."
        ),
        sample: int | None = typer.Option(
            None, "--sample", min=1, help="N items spread over every kind and language (file order kept)."
        ),
        judge: bool = typer.Option(
            False, "--judge", help="Add LLM-as-judge faithfulness/relevancy (needs CAIWEN_LLM_BASE_URL)."
        ),
        judge_model: str | None = typer.Option(None, "--judge-model", help="Judge model name (default: CAIWEN_LLM_MODEL)."),
        fail_on_regression: bool = typer.Option(False, "--fail-on-regression", help="With --compare: exit 1 on any regression."),
        progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar on stderr."),
    ) -> None:
        """Evaluate answer quality on golden Q&A: retrieval, citations, content, language, behaviour, latency."""
        from caiwen.wiring import ConfigError, judge_factory as llm_judge, load_settings, run_eval, with_overrides
        from evals.compare import CompareFileError, compare_reports, load_old_report
        from evals.gate import GateFileError, apply_gate, load_gate
        from evals.golden import GoldenFormatError, load_golden, sample_items
        from evals.report import write_report
        from evals.runner import EvalSetupError
        from evals.split import select_split

        console = Console(stderr=True)
        try:
            items = load_golden(golden)
            gate_spec = load_gate(gate) if gate else None
            old_report = load_old_report(compare) if compare else None
        except (GoldenFormatError, GateFileError, CompareFileError) as exc:
            _error(console, str(exc))
            raise typer.Exit(EXIT_BAD_INPUT) from None
        try:
            items = select_split(items, split)
        except ValueError as exc:
            _error(console, str(exc))
            raise typer.Exit(EXIT_BAD_INPUT) from None
        if sample:
            items = sample_items(items, sample)
        if limit:
            items = items[:limit]

        try:
            settings = with_overrides(load_settings(), composer=composer, k=k)
        except ConfigError as exc:  # a setting or an override refused (--composer gpt)
            _error(console, str(exc))
            raise typer.Exit(EXIT_BAD_INPUT) from None
        judge_factory = None
        if judge:
            if not settings.llm_base_url:
                _error(console, "--judge needs an LLM: set CAIWEN_LLM_BASE_URL (and CAIWEN_LLM_MODEL)")
                raise typer.Exit(EXIT_BAD_INPUT)
            judge_factory = llm_judge(judge_model)
        try:
            result = run_eval(
                items, settings, golden=golden, corpus=corpus, judge_factory=judge_factory,
                progress=progress, console=console,
            )
        except EvalSetupError as exc:
            _error(console, str(exc))
            raise typer.Exit(EXIT_BAD_INPUT) from None

        if old_report is not None:
            result.comparison = compare_reports(old_report, result.items, result.aggregate.overall)
        if gate_spec is not None:
            result.gate = apply_gate(gate_spec, result.aggregate, file=str(gate))
        paths = write_report(result, report)

        out = Console()
        out.print(_summary_table(result))
        out.print("report: " + ", ".join(str(p) for p in paths.values()), highlight=False, soft_wrap=True)
        exit_code = 0
        if result.comparison is not None:
            comp = result.comparison
            out.print(f"compared with {comp.old_report}: {comp.regression_count} regression(s) "
                      f"in {len(comp.regressions)} item(s)", highlight=False, soft_wrap=True)
            for change in comp.regressions:
                moves = ", ".join(f"{r.metric} {r.old:g}→{r.new:g}" for r in change.regressions)
                out.print(f"  REGRESSION {change.id}: {moves}", highlight=False, soft_wrap=True)
            if fail_on_regression and comp.regressions:
                exit_code = EXIT_GATE_FAILED
        if result.gate is not None:
            for check in result.gate.failures:
                console.print(f"GATE {check.describe()}", highlight=False, soft_wrap=True)
            if result.gate.passed:
                out.print(f"gate passed: {len(result.gate.checks)} threshold(s) met ({gate})", highlight=False, soft_wrap=True)
            else:
                console.print(f"gate FAILED: {len(result.gate.failures)} of {len(result.gate.checks)} threshold(s) "
                              f"({', '.join(c.metric for c in result.gate.failures)})", highlight=False, soft_wrap=True)
                exit_code = EXIT_GATE_FAILED
        raise typer.Exit(exit_code)
