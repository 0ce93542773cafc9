"""Golden Q&A items: loading and validation of the JSON Lines files described in shared/golden/README.md.

A malformed file is rejected as a whole, with every bad line listed by number and reason, so a typo in
one item never silently shrinks the evaluation. Unknown fields are allowed (kept on the item).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

LANGS = ("zh-Hant", "zh-Hans", "en")
KINDS = ("fact", "numeric", "compare", "multi_doc", "out_of_scope", "advice")
UNITS = ("%", "points", "x", "usd", "")

Lang = Literal["zh-Hant", "zh-Hans", "en"]
Kind = Literal["fact", "numeric", "compare", "multi_doc", "out_of_scope", "advice"]
Unit = Literal["%", "points", "x", "usd", ""]


class GoldenNumber(BaseModel):
    model_config = ConfigDict(extra="allow")

    value: float
    tol: float = Field(0.0, ge=0.0)
    unit: Unit = ""


class GoldenItem(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str = Field(min_length=1)
    question: str
    lang: Lang
    kind: Kind
    expected_sources: list[str] = Field(default_factory=list)
    must_include: list[str] = Field(default_factory=list)
    numbers: list[GoldenNumber] = Field(default_factory=list)
    answer: str = ""
    evidence: str = ""

    @field_validator("question")
    @classmethod
    def _question_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("question is empty")
        return value

    @field_validator("must_include", "expected_sources")
    @classmethod
    def _no_blank_entries(cls, values: list[str]) -> list[str]:
        if any(not v.strip() for v in values):
            raise ValueError("contains an empty string")
        return values

    @model_validator(mode="after")
    def _sources_match_kind(self) -> "GoldenItem":
        if self.kind == "out_of_scope" and self.expected_sources:
            raise ValueError("out_of_scope items must have empty expected_sources")
        if self.kind != "out_of_scope" and not self.expected_sources:
            raise ValueError(f"{self.kind} items need at least one expected source")
        return self

    @property
    def in_scope(self) -> bool:
        return self.kind != "out_of_scope"


class GoldenFormatError(ValueError):
    """The golden file is unreadable or holds malformed items; `problems` lists (line number, reason)."""

    def __init__(self, path: Path, problems: list[tuple[int, str]]):
        self.path = path
        self.problems = problems
        lines = "\n".join(f"  line {n}: {reason}" for n, reason in problems)
        super().__init__(f"{path}: {len(problems)} malformed item(s)\n{lines}")


def _describe(error: ValidationError) -> str:
    parts = []
    for e in error.errors():
        where = ".".join(str(p) for p in e["loc"])
        message = e["msg"].removeprefix("Value error, ")
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts)


def parse_golden(lines: list[str], path: Path = Path("<golden>")) -> list[GoldenItem]:
    items: list[GoldenItem] = []
    problems: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append((number, f"not valid JSON ({exc.msg} at column {exc.colno})"))
            continue
        if not isinstance(raw, dict):
            problems.append((number, f"expected a JSON object, got {type(raw).__name__}"))
            continue
        try:
            item = GoldenItem.model_validate(raw)
        except ValidationError as exc:
            problems.append((number, _describe(exc)))
            continue
        if item.id in seen:
            problems.append((number, f"duplicate id {item.id!r} (first on line {seen[item.id]})"))
            continue
        seen[item.id] = number
        items.append(item)
    if problems:
        raise GoldenFormatError(path, problems)
    if not items:
        raise GoldenFormatError(path, [(0, "no items")])
    return items


def load_golden(path: Path) -> list[GoldenItem]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GoldenFormatError(path, [(0, "file not found")]) from None
    except UnicodeDecodeError as exc:
        raise GoldenFormatError(path, [(0, f"not UTF-8 ({exc.reason} at byte {exc.start})")]) from None
    return parse_golden(text.splitlines(), path)


def sample_items(items: list[GoldenItem], n: int) -> list[GoldenItem]:
    """`n` items spread over every (kind, lang) group, deterministically: groups take turns, each giving its
    items in file order, so a small sample still holds refusals, advice and every script."""
    groups: dict[tuple[str, str], list[GoldenItem]] = {}
    for item in items:
        groups.setdefault((item.kind, item.lang), []).append(item)
    queues = list(groups.values())
    chosen: list[GoldenItem] = []
    while len(chosen) < min(n, len(items)):
        for queue in queues:
            if queue and len(chosen) < n:
                chosen.append(queue.pop(0))
    order = {id(item): i for i, item in enumerate(items)}
    return sorted(chosen, key=lambda item: order[id(item)])
