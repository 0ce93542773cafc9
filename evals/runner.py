"""Run golden items through the same `Assistant` the API uses and score every answer.

With a corpus, the corpus is first ingested into a fresh temporary data directory, so an evaluation
never reads or writes the production store. The question's golden `lang` is never passed to `ask()`:
detecting the asker's language is part of what is evaluated.
"""
from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Protocol

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from assistant.schemas import AnswerResponse
from caiwen.settings import Settings
from evals.aggregate import aggregate
from evals.golden import GoldenItem
from evals.results import EvalReport, RunInfo
from evals.scoring import ItemResult, score_item
from ingest.summary import IngestSummary


class Answerer(Protocol):
    def ask(self, question: str, **kwargs: Any) -> AnswerResponse: ...


# (item, response) -> {"judge_faithfulness": ..., "judge_answer_relevancy": ..., ...details}
JudgeFn = Callable[[GoldenItem, AnswerResponse], dict[str, Any]]


class EvalSetupError(RuntimeError):
    """The evaluation cannot start (corpus missing or ingesting nothing, chain not buildable)."""


def with_overrides(settings: Settings, **overrides: Any) -> Settings:
    """A fresh Settings (no cached data dir carried over) with some fields replaced."""
    values = settings.model_dump()
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**values)


@contextmanager
def evaluation_settings(settings: Settings, corpus: Path | None) -> Iterator[tuple[Settings, IngestSummary | None]]:
    """Settings pointing at a temporary store holding `corpus`, or the given settings when no corpus."""
    if corpus is None:
        yield settings, None
        return
    corpus = Path(corpus)
    if not corpus.exists():
        raise EvalSetupError(f"corpus not found: {corpus}")
    from ingest.pipeline import run_ingest  # heavy import (embedder), only when ingesting

    with tempfile.TemporaryDirectory(prefix="caiwen-eval-", ignore_cleanup_errors=True) as tmp:
        tmp_settings = with_overrides(settings, data_dir=Path(tmp), database_url=None, chroma_url=None)
        summary = run_ingest([corpus], tmp_settings)
        if summary.chunks_written == 0 and not summary.unchanged:
            reasons = "; ".join(f"{f.path}: {f.reason}" for f in summary.failed) or "no ingestible files"
            raise EvalSetupError(f"ingesting {corpus} produced no chunks ({reasons})")
        yield tmp_settings, summary


def ask_item(assistant: Answerer, item: GoldenItem) -> tuple[AnswerResponse | None, float, str | None]:
    started = time.perf_counter()
    try:
        response = assistant.ask(item.question)
        error = None
    except Exception as exc:  # one broken item must not end the run; it is scored as a failure
        response, error = None, f"{type(exc).__name__}: {exc}"
    return response, (time.perf_counter() - started) * 1000.0, error


def run_items(
    assistant: Answerer,
    items: Sequence[GoldenItem],
    *,
    judge: JudgeFn | None = None,
    progress: bool = True,
    console: Console | None = None,
) -> list[ItemResult]:
    results: list[ItemResult] = []
    columns = (
        TextColumn("[bold]eval[/]"), BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), TextColumn("{task.description}"),
    )
    with Progress(*columns, console=console or Console(stderr=True), disable=not progress) as bar:
        task = bar.add_task("", total=len(items))
        for item in items:
            bar.update(task, description=item.id)
            response, latency_ms, error = ask_item(assistant, item)
            result = score_item(item, response, latency_ms, error)
            if judge is not None and response is not None:
                verdict = judge(item, response)
                result.judge = verdict
                for name in ("judge_faithfulness", "judge_answer_relevancy"):
                    result.metrics[name] = verdict.get(name)
            results.append(result)
            bar.advance(task)
    return results


def run_eval(
    items: Sequence[GoldenItem],
    settings: Settings,
    *,
    golden: Path | None = None,
    corpus: Path | None = None,
    assistant_factory: Callable[[Settings], Answerer] | None = None,
    judge_factory: Callable[[Settings], JudgeFn] | None = None,
    progress: bool = True,
    console: Console | None = None,
) -> EvalReport:
    started = time.perf_counter()
    info = RunInfo(
        started_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        golden=str(golden or ""),
        corpus=str(corpus) if corpus else None,
        composer=settings.composer_name,
        embedder=settings.embedder,
        retrieval_mode=settings.retrieval_mode,
        k=settings.k,
        judge=judge_factory is not None,
    )
    with evaluation_settings(settings, corpus) as (eval_settings, ingest_summary):
        info.ingest = ingest_summary
        if assistant_factory is None:
            from assistant.chain import Assistant

            assistant_factory = Assistant.from_settings
        try:
            assistant = assistant_factory(eval_settings)
        except Exception as exc:
            raise EvalSetupError(f"cannot build the assistant: {type(exc).__name__}: {exc}") from exc
        judge = judge_factory(eval_settings) if judge_factory else None
        results = run_items(assistant, items, judge=judge, progress=progress, console=console)
    info.seconds = round(time.perf_counter() - started, 2)
    return EvalReport(run=info, aggregate=aggregate(results), items=results)
