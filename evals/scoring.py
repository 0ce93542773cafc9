"""Score one golden item against one AnswerResponse: every metric that applies to the item's kind.

A metric that does not apply is None (it is left out of that item's averages), so hit@5 is not
diluted by out-of-scope questions and refusal accuracy is measured on out-of-scope questions only.
"""
from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, Field

from assistant.schemas import AnswerResponse
from evals.golden import GoldenItem
from evals.metrics.behaviour import check_advice, refusal_correct
from evals.metrics.citations import check_citations, citation_precision
from evals.metrics.content import check_numbers, missing_keys, must_include_recall
from evals.metrics.language import answer_script, language_matches
from evals.metrics.retrieval import hit_at_k, reciprocal_rank, source_recall_at_k


@dataclass(frozen=True)
class MetricSpec:
    label: str
    higher_is_better: bool = True
    per_item: bool = True  # False: only an aggregate (latency percentiles)
    optional: bool = False  # only present when enabled (LLM judge)


METRICS: dict[str, MetricSpec] = {
    "hit_at_1": MetricSpec("hit@1"),
    "hit_at_5": MetricSpec("hit@5"),
    "mrr": MetricSpec("MRR"),
    "source_recall_at_5": MetricSpec("source recall@5"),
    "citation_validity": MetricSpec("citation validity"),
    "citation_precision": MetricSpec("citation precision"),
    "citation_coverage": MetricSpec("citation coverage"),
    "must_include_recall": MetricSpec("must_include recall"),
    "numeric_accuracy": MetricSpec("numeric accuracy"),
    "language_match": MetricSpec("language match"),
    "refusal_accuracy": MetricSpec("refusal accuracy (out of scope)"),
    "false_refusal_rate": MetricSpec("false refusals (in scope)", higher_is_better=False),
    "advice_disclaimer": MetricSpec("advice: disclaimer"),
    "advice_no_call": MetricSpec("advice: no buy/sell/hold call"),
    "error_rate": MetricSpec("errors", higher_is_better=False),
    "latency_p50_ms": MetricSpec("latency p50 (ms)", higher_is_better=False, per_item=False),
    "latency_p95_ms": MetricSpec("latency p95 (ms)", higher_is_better=False, per_item=False),
    "judge_faithfulness": MetricSpec("LLM judge: faithfulness", optional=True),
    "judge_answer_relevancy": MetricSpec("LLM judge: answer relevancy", optional=True),
}


class ItemResult(BaseModel):
    id: str
    lang: str
    kind: str
    question: str
    expected_sources: list[str]
    answer: str = ""
    refused: bool = False
    composer: str = ""
    response_lang: str = ""
    answer_script: str = ""
    retrieved_doc_ids: list[str] = Field(default_factory=list)
    markers: list[int] = Field(default_factory=list)
    invalid_markers: list[int] = Field(default_factory=list)
    cited_doc_ids: list[str] = Field(default_factory=list)
    missing_keys: list[str] = Field(default_factory=list)
    missing_numbers: list[float] = Field(default_factory=list)
    calls: list[str] = Field(default_factory=list)
    disclaimer: str | None = None
    warnings: list[str] = Field(default_factory=list)
    error: str | None = None
    latency_ms: float = 0.0
    metrics: dict[str, float | None] = Field(default_factory=dict)
    judge: dict | None = None


def _flag(value: bool) -> float:
    return 1.0 if value else 0.0


def score_item(
    item: GoldenItem, response: AnswerResponse | None, latency_ms: float, error: str | None = None
) -> ItemResult:
    """`response` is None when ask() raised; the item then scores as a failure on every metric."""
    if response is None:
        response = AnswerResponse(answer="", lang="", composer="")
    retrieved = sorted(response.retrieved, key=lambda r: r.rank)
    doc_ids = [r.doc_id for r in retrieved]
    expected = set(item.expected_sources)
    citations = check_citations(response.answer, response.citations, retrieved)
    numbers = check_numbers(response.answer, item.numbers)
    advice = check_advice(response.answer, response.disclaimer) if item.kind == "advice" else None

    metrics: dict[str, float | None] = dict.fromkeys(k for k, s in METRICS.items() if s.per_item and not s.optional)
    if item.in_scope:
        metrics["hit_at_1"] = hit_at_k(doc_ids, expected, 1)
        metrics["hit_at_5"] = hit_at_k(doc_ids, expected, 5)
        metrics["mrr"] = reciprocal_rank(doc_ids, expected)
        metrics["source_recall_at_5"] = source_recall_at_k(doc_ids, expected, 5)
        metrics["citation_precision"] = citation_precision(citations, expected)
        metrics["citation_coverage"] = _flag(citations.has_valid_citation)
        metrics["false_refusal_rate"] = _flag(response.refused)
    else:
        cited = bool(response.citations) or bool(citations.markers)
        metrics["refusal_accuracy"] = _flag(refusal_correct(response.refused, cited))
    if citations.markers:
        metrics["citation_validity"] = _flag(citations.valid)
    metrics["must_include_recall"] = must_include_recall(response.answer, item.must_include)
    metrics["numeric_accuracy"] = numbers.accuracy if numbers else None
    metrics["language_match"] = _flag(language_matches(response.answer, item.lang))
    if advice:
        metrics["advice_disclaimer"] = _flag(advice.disclaimer)
        metrics["advice_no_call"] = _flag(advice.no_call)
    metrics["error_rate"] = _flag(error is not None)

    return ItemResult(
        id=item.id,
        lang=item.lang,
        kind=item.kind,
        question=item.question,
        expected_sources=item.expected_sources,
        answer=response.answer,
        refused=response.refused,
        composer=response.composer,
        response_lang=response.lang,
        answer_script=answer_script(response.answer) if response.answer else "",
        retrieved_doc_ids=doc_ids,
        markers=citations.markers,
        invalid_markers=citations.invalid,
        cited_doc_ids=citations.cited_doc_ids,
        missing_keys=missing_keys(response.answer, item.must_include),
        missing_numbers=numbers.missing if numbers else [],
        calls=advice.calls if advice else [],
        disclaimer=response.disclaimer,
        warnings=response.warnings,
        error=error,
        latency_ms=latency_ms,
        metrics=metrics,
    )
