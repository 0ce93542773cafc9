"""Compare an evaluation with an earlier report.json: item-by-item regressions and aggregate deltas.

A regression is a per-item metric that moved in its bad direction (hit@5 1 → 0, a false refusal
appearing, an error appearing). Per-item latency is not compared (it is noise at this scale); the
aggregate latency percentiles are, and count as regressed when more than 20 % slower.
"""
from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, Field

from evals.aggregate import GroupSummary
from evals.scoring import METRICS, ItemResult

LATENCY_SLACK = 1.20
_EPS = 1e-9


class CompareFileError(ValueError):
    """The old report cannot be read as a Caiwen report.json."""


class MetricChange(BaseModel):
    metric: str
    old: float | None
    new: float | None


class ItemChange(BaseModel):
    id: str
    regressions: list[MetricChange] = Field(default_factory=list)
    improvements: list[MetricChange] = Field(default_factory=list)


class AggregateChange(MetricChange):
    regressed: bool = False


class Comparison(BaseModel):
    old_report: str
    items: list[ItemChange]
    overall: list[AggregateChange]
    only_old: list[str] = Field(default_factory=list)
    only_new: list[str] = Field(default_factory=list)

    @property
    def regressions(self) -> list[ItemChange]:
        return [c for c in self.items if c.regressions]

    @property
    def regression_count(self) -> int:
        return sum(len(c.regressions) for c in self.items)


def load_old_report(path: Path) -> dict:
    path = Path(path)
    if path.is_dir():
        path = path / "report.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CompareFileError(f"{path}: file not found") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise CompareFileError(f"{path}: not a JSON report ({exc})") from None
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, list) or not all(isinstance(i, dict) and "id" in i and "metrics" in i for i in items):
        raise CompareFileError(f"{path}: not a Caiwen report.json (needs items with id and metrics)")
    data["_path"] = str(path)
    return data


def _worse(metric: str, old: float, new: float) -> bool:
    if METRICS[metric].higher_is_better:
        return new < old - _EPS
    return new > old + _EPS


def compare_reports(old: dict, new_items: list[ItemResult], new_overall: GroupSummary) -> Comparison:
    old_items = {i["id"]: i for i in old["items"]}
    by_id = {i.id: i for i in new_items}
    changes: list[ItemChange] = []
    for item_id, result in by_id.items():
        before = old_items.get(item_id)
        if before is None:
            continue
        change = ItemChange(id=item_id)
        for metric, spec in METRICS.items():
            if not spec.per_item:
                continue
            was, now = before["metrics"].get(metric), result.metrics.get(metric)
            if was is None or now is None:
                continue
            if _worse(metric, was, now):
                change.regressions.append(MetricChange(metric=metric, old=was, new=now))
            elif _worse(metric, now, was):
                change.improvements.append(MetricChange(metric=metric, old=was, new=now))
        if change.regressions or change.improvements:
            changes.append(change)

    old_overall = (old.get("aggregate") or {}).get("overall", {}).get("metrics", {})
    overall: list[AggregateChange] = []
    for metric, value in new_overall.metrics.items():
        was = old_overall.get(metric)
        regressed = False
        if was is not None and value is not None:
            if metric.startswith("latency_"):
                regressed = value > was * LATENCY_SLACK
            else:
                regressed = _worse(metric, was, value)
        overall.append(AggregateChange(metric=metric, old=was, new=value, regressed=regressed))
    return Comparison(
        old_report=old.get("_path", ""),
        items=changes,
        overall=overall,
        only_old=sorted(set(old_items) - set(by_id)),
        only_new=sorted(set(by_id) - set(old_items)),
    )
