"""The evaluation's target: the corpus ingested into a fresh store, the assistant and judge over it."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from caiwen.config import Settings, load_settings
from caiwen.wiring.answering import build_assistant, llm_options
from caiwen.wiring.knowledge import open_knowledge_base, run_ingest

if TYPE_CHECKING:
    from rich.console import Console

    from evals.golden import GoldenItem
    from evals.results import EvalReport
    from evals.runner import Answerer, EvalTarget, JudgeFn


def with_overrides(settings: Settings, **overrides: Any) -> Settings:
    """A fresh Settings (no cached data dir carried over) with some fields replaced; None keeps a field. A
    refused value raises ConfigError."""
    values = settings.model_dump()
    values.update({k: v for k, v in overrides.items() if v is not None})
    return load_settings(**values)


def judge_factory(model: str | None = None) -> "Callable[[Settings], JudgeFn]":
    """An LLM judge on the configured endpoint (`model` instead of CAIWEN_LLM_MODEL), reading the contexts
    from the evaluated store."""

    def make(settings: Settings) -> "JudgeFn":
        from evals.judge import knowledge_base_contexts, make_judge
        from knowledge_base.embedders.registry import load_embedder

        llm = llm_options(settings)
        if not llm.llm_base_url:
            raise ValueError("the LLM judge needs CAIWEN_LLM_BASE_URL")
        contexts = knowledge_base_contexts(open_knowledge_base(settings))
        return make_judge(llm, load_embedder(settings.embedder), contexts, model=model)

    return make


def eval_target(settings: Settings, assistant_factory: "Callable[[Settings], Answerer] | None" = None,
                judge_factory: "Callable[[Settings], JudgeFn] | None" = None) -> "EvalTarget":
    """`assistant_factory` replaces build_assistant (tests use doubles); each factory gets the settings of the
    store under evaluation: a fresh data directory, never the production store or database."""
    from evals.runner import EvalTarget

    def settings_for(data_dir: Path | None) -> Settings:
        if data_dir is None:
            return settings
        return with_overrides(settings, data_dir=data_dir, database_url=None, chroma_url=None)

    def ingest(corpus: Path, data_dir: Path):
        return run_ingest([corpus], settings_for(data_dir))

    answerer = assistant_factory or build_assistant
    return EvalTarget(
        composer=settings.composer_name, embedder=settings.embedder, retrieval_mode=settings.retrieval_mode,
        k=settings.k, ingest=ingest, assistant=lambda data_dir: answerer(settings_for(data_dir)),
        judge=(lambda data_dir: judge_factory(settings_for(data_dir))) if judge_factory else None,
    )


def run_eval(items: "Sequence[GoldenItem]", settings: Settings, *, golden: Path | None = None,
             corpus: Path | None = None, assistant_factory: "Callable[[Settings], Answerer] | None" = None,
             judge_factory: "Callable[[Settings], JudgeFn] | None" = None, progress: bool = True,
             console: "Console | None" = None) -> "EvalReport":
    from evals.runner import run_eval as run

    return run(items, eval_target(settings, assistant_factory, judge_factory), golden=golden, corpus=corpus,
               progress=progress, console=console)
