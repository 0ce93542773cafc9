"""Traces and request metrics for the API.

`configure_tracing` installs an OpenTelemetry tracer provider that exports spans over OTLP/HTTP when
`CAIWEN_OTLP_ENDPOINT` is set (Jaeger, Tempo, Langfuse, Phoenix and the OpenTelemetry Collector accept
it); without it tracing stays a no-op. FastAPI then opens the server span of each request; the chain's
retrieval, evidence, compose, verify and LLM spans and the audit write nest under it.
`TelemetryMiddleware` stamps the request id on every span of the request and records its latency in the
`caiwen_http_request_duration_seconds` histogram by route template.
"""
from __future__ import annotations

import logging
import time

from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import ReadableSpan, Span, SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from caiwen.metrics import REQUEST_SECONDS
from caiwen.tracing import REQUEST_ID, tracer

log = logging.getLogger("caiwen.api")

REQUEST_ID_ATTRIBUTE = "caiwen.request_id"


class RequestIdSpanProcessor(SpanProcessor):
    """Every span started while a request is served carries its request id, so a trace backend finds all
    of a request's spans (and the JSON log line) by the id the customer quotes."""

    def on_start(self, span: Span, parent_context: Context | None = None) -> None:
        request_id = REQUEST_ID.get()
        if request_id:
            span.set_attribute(REQUEST_ID_ATTRIBUTE, request_id)

    def on_end(self, span: ReadableSpan) -> None:
        pass


_configured: TracerProvider | None = None


def configure_tracing(endpoint: str | None, exporter: SpanExporter | None = None,
                      service_name: str = "caiwen-api") -> TracerProvider | None:
    """Install the process's tracer provider once: OTLP/HTTP to `endpoint` (…/v1/traces is appended when
    missing), or `exporter` (tests pass an in-memory one). Returns None when neither is given."""
    global _configured
    if _configured is not None:
        return _configured
    if exporter is None and not endpoint:
        return None
    if exporter is None:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        url = endpoint.rstrip("/")
        exporter = OTLPSpanExporter(endpoint=url if url.endswith("/v1/traces") else f"{url}/v1/traces")
    provider = TracerProvider(resource=Resource.create({"service.name": service_name}))
    provider.add_span_processor(RequestIdSpanProcessor())
    provider.add_span_processor(BatchSpanProcessor(exporter))
    trace.set_tracer_provider(provider)
    _configured = provider
    log.info("tracing on", extra={"otlp_endpoint": endpoint})
    return provider


class TelemetryMiddleware:
    """Pure ASGI, inside RequestLogMiddleware (which assigns the request id to scope["state"]). FastAPI opens
    the server span itself once a tracer provider is installed (W3C traceparent from the load balancer
    included): this stamps the request id on it and on every span below it, and times the request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = (scope.get("state") or {}).get("request_id")
        token = REQUEST_ID.set(request_id)
        if request_id:
            trace.get_current_span().set_attribute(REQUEST_ID_ATTRIBUTE, request_id)
        status = {"code": 500}

        async def send_status(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        started = time.perf_counter()
        try:
            await self.app(scope, receive, send_status)
        finally:
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            REQUEST_SECONDS.labels(scope.get("method", ""), route, str(status["code"])).observe(
                time.perf_counter() - started)
            REQUEST_ID.reset(token)
