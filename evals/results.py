"""What an evaluation produces: run information, per-item results, aggregates, and optional gate/compare."""
from __future__ import annotations

from pydantic import BaseModel

from evals.aggregate import Aggregate
from evals.compare import Comparison
from evals.gate import GateResult
from evals.scoring import ItemResult
from ingest.summary import IngestSummary


class RunInfo(BaseModel):
    started_at: str
    seconds: float = 0.0
    golden: str = ""
    corpus: str | None = None
    composer: str = ""
    embedder: str = ""
    retrieval_mode: str = ""
    k: int = 5
    judge: bool = False
    ingest: IngestSummary | None = None


class EvalReport(BaseModel):
    run: RunInfo
    aggregate: Aggregate
    items: list[ItemResult]
    gate: GateResult | None = None
    comparison: Comparison | None = None
