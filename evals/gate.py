"""Quality gate: YAML thresholds that an evaluation must meet, checked against the aggregate.

    overall:
      min: {hit_at_5: 0.85, language_match: 0.9}
      max: {false_refusal_rate: 0.1, latency_p95_ms: 20000}
    by_lang:
      en: {min: {must_include_recall: 0.5}}
    by_kind:
      out_of_scope: {min: {refusal_accuracy: 0.8}}

Unknown metric, language or kind names are errors (a typo must not silently disable a threshold), and a
metric that could not be measured fails its threshold.
"""
from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from evals.aggregate import Aggregate, GroupSummary
from evals.golden import KINDS, LANGS
from evals.scoring import METRICS


class GateFileError(ValueError):
    """The thresholds file is unreadable or names unknown metrics/groups."""


def _only_known(values: dict, known, what: str) -> dict:
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ValueError(f"unknown {what}(s) {', '.join(unknown)}; known: {', '.join(known)}")
    return values


class Bounds(BaseModel):
    model_config = ConfigDict(extra="forbid")

    min: dict[str, float] = Field(default_factory=dict)
    max: dict[str, float] = Field(default_factory=dict)

    @field_validator("min", "max")
    @classmethod
    def _known_metrics(cls, values: dict[str, float]) -> dict[str, float]:
        return _only_known(values, METRICS, "metric")


class GateSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    overall: Bounds = Field(default_factory=Bounds)
    by_lang: dict[str, Bounds] = Field(default_factory=dict)
    by_kind: dict[str, Bounds] = Field(default_factory=dict)

    @field_validator("by_lang")
    @classmethod
    def _known_langs(cls, values: dict[str, Bounds]) -> dict[str, Bounds]:
        return _only_known(values, LANGS, "lang")

    @field_validator("by_kind")
    @classmethod
    def _known_kinds(cls, values: dict[str, Bounds]) -> dict[str, Bounds]:
        return _only_known(values, KINDS, "kind")


class GateCheck(BaseModel):
    scope: str  # "overall", "lang=en", "kind=advice"
    metric: str
    bound: str  # "min" | "max"
    threshold: float
    value: float | None
    passed: bool

    def describe(self) -> str:
        shown = "not measured" if self.value is None else f"{self.value:.4g}"
        op = ">=" if self.bound == "min" else "<="
        verdict = "ok" if self.passed else "FAILED"
        return f"{verdict}: {self.scope} {self.metric} = {shown} (needs {op} {self.threshold:g})"


class GateResult(BaseModel):
    file: str
    checks: list[GateCheck]

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks)

    @property
    def failures(self) -> list[GateCheck]:
        return [c for c in self.checks if not c.passed]


def load_gate(path: Path) -> GateSpec:
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GateFileError(f"{path}: file not found") from None
    except yaml.YAMLError as exc:
        raise GateFileError(f"{path}: not valid YAML ({exc})") from None
    if not isinstance(raw, dict):
        raise GateFileError(f"{path}: expected a mapping with overall / by_lang / by_kind")
    try:
        return GateSpec.model_validate(raw)
    except ValidationError as exc:
        details = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg'].removeprefix('Value error, ')}" for e in exc.errors()
        )
        raise GateFileError(f"{path}: {details}") from None


def _check_group(scope: str, bounds: Bounds, group: GroupSummary | None) -> list[GateCheck]:
    checks = []
    for bound, table in (("min", bounds.min), ("max", bounds.max)):
        for metric, threshold in table.items():
            value = group.metrics.get(metric) if group else None
            if value is None:
                passed = False
            elif bound == "min":
                passed = value >= threshold
            else:
                passed = value <= threshold
            checks.append(GateCheck(scope=scope, metric=metric, bound=bound, threshold=threshold, value=value, passed=passed))
    return checks


def apply_gate(spec: GateSpec, agg: Aggregate, file: str = "") -> GateResult:
    checks = _check_group("overall", spec.overall, agg.overall)
    for lang, bounds in spec.by_lang.items():
        checks += _check_group(f"lang={lang}", bounds, agg.by_lang.get(lang))
    for kind, bounds in spec.by_kind.items():
        checks += _check_group(f"kind={kind}", bounds, agg.by_kind.get(kind))
    return GateResult(file=file, checks=checks)
