"""The HTTP API, built from the settings (`caiwen serve` starts uvicorn on `app_from_environment`)."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from api.options import ServiceConfig
from caiwen.config import Settings, load_settings
from caiwen.wiring.answering import build_assistant, market_data_options
from caiwen.wiring.knowledge import ingest_options

if TYPE_CHECKING:
    from fastapi import FastAPI


def service_config(settings: Settings) -> ServiceConfig:
    return ServiceConfig(
        data_dir=settings.resolved_data_dir, sql_url=settings.sql_url, ingest=ingest_options(settings),
        market=market_data_options(settings), ingest_dirs=tuple(settings.ingest_dirs),
        cors_origins=tuple(settings.cors_origins), rate_limit=settings.rate_limit,
        rate_limit_storage=settings.rate_limit_storage, max_body_bytes=settings.max_body_bytes,
        max_upload_bytes=settings.max_upload_bytes, max_question_chars=settings.max_question_chars,
        log_questions=settings.log_questions, otlp_endpoint=settings.otlp_endpoint, llm_model=settings.llm_model,
    )


def create_app(settings: Settings | None = None, *,
               assistant_factory: Callable[[Settings], Any] | None = None) -> "FastAPI":
    """The API over `settings` (default: the environment). `assistant_factory` replaces build_assistant
    (tests use doubles)."""
    from api.app import create_app as build

    settings = settings or load_settings()
    factory = assistant_factory or build_assistant
    return build(service_config(settings), lambda: factory(settings))


def app_from_environment() -> "FastAPI":
    """uvicorn's factory (`caiwen.wiring:app_from_environment`): each worker reads the environment itself."""
    return create_app()
