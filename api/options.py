"""What the service needs to know, as plain values (the composition root fills them in)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ingest.formats import IngestOptions
from market_data.options import MarketDataOptions


@dataclass(frozen=True)
class ServiceConfig:
    data_dir: Path  # absolute; uploads land under it and /readyz checks that it is writable
    sql_url: str  # conversations, feedback, keys and audit
    ingest: IngestOptions = field(default_factory=IngestOptions)
    market: MarketDataOptions = field(default_factory=MarketDataOptions)
    ingest_dirs: tuple[Path, ...] = ()  # server-side folders POST /v1/ingest may read; empty = uploads only
    cors_origins: tuple[str, ...] = ("http://127.0.0.1:8000", "http://localhost:8000")
    rate_limit: str = "30/minute"  # per IP, for widget (browser) calls
    rate_limit_storage: str = "memory://"
    max_body_bytes: int = 1_000_000
    max_upload_bytes: int = 50_000_000
    max_question_chars: int = 500
    log_questions: bool = False
    otlp_endpoint: str | None = None
    llm_model: str = "gpt-4o-mini"  # named in OpenAI-style responses to answers the LLM wrote
