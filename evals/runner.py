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
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Protocol

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from assistant.schemas import AnswerResponse
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


@dataclass(frozen=True)
class EvalTarget:
    """What an evaluation runs against; the composition root (caiwen.wiring) builds it from the settings.
    Each factory takes the data directory to work in: a fresh one holding the corpus, or None for the
    configured store."""

    composer: str
    embedder: str
    retrieval_mode: str
    k: int
    ingest: Callable[[Path, Path], IngestSummary]  # (corpus, fresh data dir) -> what was ingested
    assistant: Callable[[Path | None], Answerer]
    judge: Callable[[Path | None], JudgeFn] | None = None


@contextmanager
def evaluation_store(target: EvalTarget, corpus: Path | None) -> Iterator[tuple[Path | None, IngestSummary | None]]:
    """A temporary data directory holding `corpus`, or None (the configured store) when no corpus."""
    if corpus is None:
        yield None, None
        return
    corpus = Path(corpus)
    if not corpus.exists():
        raise EvalSetupError(f"corpus not found: {corpus}")
    with tempfile.TemporaryDirectory(prefix="caiwen-eval-", ignore_cleanup_errors=True) as tmp:
        summary = target.ingest(corpus, Path(tmp))
        if summary.chunks_written == 0 and not summary.unchanged:
            reasons = "; ".join(f"{f.path}: {f.reason}" for f in summary.failed) or "no ingestible files"
            raise EvalSetupError(f"ingesting {corpus} produced no chunks ({reasons})")
        yield Path(tmp), summary


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
    target: EvalTarget,
    *,
    golden: Path | None = None,
    corpus: Path | None = None,
    progress: bool = True,
    console: Console | None = None,
) -> EvalReport:
    started = time.perf_counter()
    info = RunInfo(
        started_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        golden=str(golden or ""),
        corpus=str(corpus) if corpus else None,
        composer=target.composer,
        embedder=target.embedder,
        retrieval_mode=target.retrieval_mode,
        k=target.k,
        judge=target.judge is not None,
    )
    with evaluation_store(target, corpus) as (data_dir, ingest_summary):
        info.ingest = ingest_summary
        try:
            assistant = target.assistant(data_dir)
        except Exception as exc:
            raise EvalSetupError(f"cannot build the assistant: {type(exc).__name__}: {exc}") from exc
        judge = target.judge(data_dir) if target.judge else None
        results = run_items(assistant, items, judge=judge, progress=progress, console=console)
    info.seconds = round(time.perf_counter() - started, 2)
    return EvalReport(run=info, aggregate=aggregate(results), items=results)
