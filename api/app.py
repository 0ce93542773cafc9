"""The FastAPI application: `create_app(settings)`.

Start-up builds the store, embedder and chain once (lifespan), not per request. If the store is down at
start-up the app still starts — `/healthz` answers, `/readyz` says 503 and why, answering routes return a
503 envelope — and the chain is built on the first request after the store comes back.
"""
from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from api.audit import AuditLog
from api.cors import EnvelopeCORSMiddleware
from api.deps import ServiceState
from api.errors import install_error_handlers
from api.feedback_store import FeedbackStore
from api.body_limit import BodySizeLimitMiddleware
from api.request_logs import RequestLogMiddleware, configure_logging
from api.ratelimit import WidgetRateLimiter
from api.routes import ask, feedback, figures, health, ingest, metrics, openai_compat, review, sources, stream, widget
from api.telemetry import TelemetryMiddleware, configure_tracing
from api.security import KeyStore
from caiwen.persistence import open_database
from caiwen.settings import Settings

log = logging.getLogger("caiwen.api")

DESCRIPTION = """Caiwen (財問): answers to financial questions from the brokerage's own articles, with
numbered citations to the exact source passages, in Traditional Chinese, Simplified Chinese or English.

Support tools authenticate with `Authorization: Bearer <API key>` (scopes `ask`, `admin`). The website
widget calls without a key from an allow-listed origin, only `/v1/chat/stream` and `POST /v1/feedback`,
and is rate-limited per IP. Every error has the
body `{"error": {"code": "...", "message": "..."}}`."""


def default_assistant_factory(settings: Settings) -> Any:
    from assistant.chain import Assistant

    return Assistant.from_settings(settings)


def _document_auth(app: FastAPI) -> None:
    """Declare the Bearer scheme in the OpenAPI schema (auth itself is enforced by api.deps)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()
            schema.setdefault("components", {})["securitySchemes"] = {
                "apiKey": {"type": "http", "scheme": "bearer", "description": "An API key from `caiwen keys create`."}
            }
            public = {"/healthz", "/readyz"}
            for path, operations in schema["paths"].items():
                if path not in public:
                    for operation in operations.values():
                        operation["security"] = [{"apiKey": []}]
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi


def create_app(
    settings: Settings | None = None,
    *,
    assistant_factory: Callable[[Settings], Any] | None = None,
) -> FastAPI:
    """Build the app. `assistant_factory` replaces `Assistant.from_settings` (tests use doubles)."""
    settings = settings or Settings()
    configure_logging()
    configure_tracing(settings.otlp_endpoint)
    settings.resolved_data_dir.mkdir(parents=True, exist_ok=True)  # uploads land here; /readyz checks it
    engine = open_database(settings.sql_url)  # migrated to the newest schema (DatabaseUnavailableError if not)
    service = ServiceState(
        settings=settings,
        audit=AuditLog(engine),
        feedback=FeedbackStore(engine),
        keys=KeyStore(engine),
        limiter=WidgetRateLimiter(settings.rate_limit, settings.rate_limit_storage),
        build_assistant=assistant_factory or default_assistant_factory,
        engine=engine,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        service.started_s = time.monotonic()
        try:
            service.assistant = await run_in_threadpool(service.build_assistant, settings)
            log.info("assistant ready", extra={"startup_ms": round((time.monotonic() - service.started_s) * 1000)})
        except Exception as exc:  # noqa: BLE001 — serve /readyz = 503 rather than refusing to start
            service.assistant_error = "The answering service could not start; see /readyz."
            log.error("assistant failed to start", extra={"error_type": type(exc).__name__})
        yield
        engine.dispose()

    app = FastAPI(
        title="Caiwen API",
        version="1.0.0",
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.service = service
    _document_auth(app)
    service.started_s = time.monotonic()
    install_error_handlers(app)

    for module in (ask, stream, openai_compat, figures, sources, ingest, feedback, review, health, widget, metrics):
        app.include_router(module.router)

    # Outermost last: logging sees everything (incl. CORS refusals and 413s) and contains any escape.
    app.add_middleware(
        EnvelopeCORSMiddleware,
        allow_origins=list(settings.cors_origins),
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["Content-Type", "Authorization", "X-Request-ID"],
        expose_headers=["X-Request-ID", "Retry-After"],
        max_age=600,
    )
    app.add_middleware(
        BodySizeLimitMiddleware,
        max_bytes=settings.max_body_bytes,
        overrides={"/v1/ingest": settings.max_upload_bytes},
    )
    app.add_middleware(TelemetryMiddleware)
    app.add_middleware(RequestLogMiddleware, log_questions=settings.log_questions)
    return app
