"""Prometheus metrics counted below the HTTP layer (the chain's LLM fallbacks, the per-IP limit, ingest).

Metrics live in prometheus_client's default registry; with several worker processes
`PROMETHEUS_MULTIPROC_DIR` must name an empty directory before the workers start (`caiwen serve
--workers N` sets one up), and `/metrics` then sums every worker's files (api.metrics).
"""
from __future__ import annotations

from prometheus_client import Counter, Histogram

REQUEST_SECONDS = Histogram(
    "caiwen_http_request_duration_seconds", "HTTP request latency by route template.",
    ["method", "route", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
)
ANSWERS = Counter("caiwen_answers_total", "Answers delivered, by endpoint, composer and refusal.",
                  ["endpoint", "composer", "refused"])
LLM_FALLBACKS = Counter("caiwen_llm_fallbacks_total", "Answers the fallback composer wrote because the LLM failed.",
                        ["when"])
RATE_LIMITED = Counter("caiwen_rate_limited_total", "Widget calls refused by the per-IP rate limit.")
INGEST_DOCUMENTS = Counter("caiwen_ingest_documents_total", "Documents seen by ingest runs of this server, by outcome.",
                           ["outcome"])
INGEST_CHUNKS = Counter("caiwen_ingest_chunks_total", "Chunks written (written) and embedded (embedded) by ingest.",
                        ["kind"])
