"""The FastAPI application: `create_app(config, build_assistant)` (caiwen.wiring builds both).

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
from api.options import ServiceConfig
from api.errors import install_error_handlers
from api.feedback_store import FeedbackStore
from api.body_limit import BodySizeLimitMiddleware
from api.request_logs import RequestLogMiddleware, configure_logging
from api.ratelimit import WidgetRateLimiter
from api.routes import ask, feedback, figures, health, ingest, metrics, openai_compat, review, sources, stream, widget
from api.telemetry import TelemetryMiddleware, configure_tracing
from api.security import KeyStore
from caiwen.persistence import open_database

log = logging.getLogger("caiwen.api")

DESCRIPTION = """Caiwen (財問): answers to financial questions from the brokerage's own articles, with
numbered citations to the exact source passages, in Traditional Chinese, Simplified Chinese or English.

Support tools authenticate with `Authorization: Bearer <API key>` (scopes `ask`, `admin`). The website
widget calls without a key from an allow-listed origin, only `/v1/chat/stream` and `POST /v1/feedback`,
and is rate-limited per IP. Every error has the
body `{"error": {"code": "...", "message": "..."}}`."""


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


def create_app(config: ServiceConfig, build_assistant: Callable[[], Any]) -> FastAPI:
    """Build the app. `build_assistant` makes the answering chain (or a test double); it is called at start-up
    and again on a request after it failed."""
    configure_logging()
    configure_tracing(config.otlp_endpoint)
    config.data_dir.mkdir(parents=True, exist_ok=True)  # uploads land here; /readyz checks it
    engine = open_database(config.sql_url)  # migrated to the newest schema (DatabaseUnavailableError if not)
    service = ServiceState(
        config=config,
        audit=AuditLog(engine),
        feedback=FeedbackStore(engine),
        keys=KeyStore(engine),
        limiter=WidgetRateLimiter(config.rate_limit, config.rate_limit_storage),
        build_assistant=build_assistant,
        engine=engine,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        service.started_s = time.monotonic()
        try:
            service.assistant = await run_in_threadpool(service.build_assistant)
            await run_in_threadpool(service.assistant.warm)  # not on the first English question's time
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
        allow_origins=list(config.cors_origins),
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["Content-Type", "Authorization", "X-Request-ID"],
        expose_headers=["X-Request-ID", "Retry-After"],
        max_age=600,
    )
    app.add_middleware(
        BodySizeLimitMiddleware,
        max_bytes=config.max_body_bytes,
        overrides={"/v1/ingest": config.max_upload_bytes},
    )
    app.add_middleware(TelemetryMiddleware)
    app.add_middleware(RequestLogMiddleware, log_questions=config.log_questions)
    return app
