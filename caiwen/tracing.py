"""Trace spans for the answering steps, on the OpenTelemetry API.

The API is a no-op until a tracer provider is installed (api.telemetry does when CAIWEN_OTLP_ENDPOINT is
set), so the chain, the CLI and the tests pay nothing for it otherwise. `REQUEST_ID` holds the HTTP request
id of the request being served; api.telemetry stamps it on every span started while it is set.
"""
from __future__ import annotations

from contextvars import ContextVar

from opentelemetry import trace

REQUEST_ID: ContextVar[str | None] = ContextVar("caiwen_request_id", default=None)

tracer = trace.get_tracer("caiwen")
