"""Aggregate per-item scores: overall and by `lang` and `kind` (means over the items a metric applies to)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from pydantic import BaseModel, Field

from evals.golden import KINDS, LANGS
from evals.metrics.latency import latency_summary
from evals.scoring import METRICS, ItemResult


class GroupSummary(BaseModel):
    items: int
    metrics: dict[str, float | None] = Field(default_factory=dict)
    n: dict[str, int] = Field(default_factory=dict, description="How many items each metric was measured on.")


class Aggregate(BaseModel):
    overall: GroupSummary
    by_lang: dict[str, GroupSummary]
    by_kind: dict[str, GroupSummary]


def summarize(results: Sequence[ItemResult]) -> GroupSummary:
    summary = GroupSummary(items=len(results))
    for name, spec in METRICS.items():
        if not spec.per_item:
            continue
        if spec.optional and not any(name in r.metrics for r in results):
            continue  # the LLM judge was not enabled
        values = [r.metrics[name] for r in results if r.metrics.get(name) is not None]
        summary.metrics[name] = sum(values) / len(values) if values else None
        summary.n[name] = len(values)
    for name, value in latency_summary([r.latency_ms for r in results]).items():
        summary.metrics[name] = value
        summary.n[name] = len(results)
    return summary


def _grouped(results: Sequence[ItemResult], key: str, order: Iterable[str]) -> dict[str, GroupSummary]:
    groups: dict[str, GroupSummary] = {}
    for value in order:
        members = [r for r in results if getattr(r, key) == value]
        if members:
            groups[value] = summarize(members)
    return groups


def aggregate(results: Sequence[ItemResult]) -> Aggregate:
    return Aggregate(
        overall=summarize(results),
        by_lang=_grouped(results, "lang", LANGS),
        by_kind=_grouped(results, "kind", KINDS),
    )
