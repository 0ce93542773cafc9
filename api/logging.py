"""Structured request logs and the last line of defence against leaking errors.

One JSON line per request on the `caiwen.api` logger: request id, method, path, status, latency,
channel and composer (set by the routes on `request.state`). The question text is logged only when
`settings.log_questions` is on. An exception that escapes the app becomes a 500 envelope naming the
request id; its type and message are logged for the operator — never a traceback, headers or keys.
"""
from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import envelope

log = logging.getLogger("caiwen.api")

_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9_.\-]{8,64}$")
_RESERVED = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        payload.update({k: v for k, v in record.__dict__.items() if k not in _RESERVED})
        return json.dumps(payload, ensure_ascii=False, default=str)


def configure_logging(level: int = logging.INFO) -> None:
    """Give `caiwen.api` a JSON stderr handler unless the host application configured one."""
    if log.level == logging.NOTSET:
        log.setLevel(level)
    if log.handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    log.addHandler(handler)
    log.propagate = False


class RequestLogMiddleware:
    """Pure ASGI (so it sees streamed responses finish): assigns the request id, times, logs, contains errors."""

    def __init__(self, app: ASGIApp, *, log_questions: bool = False) -> None:
        self.app = app
        self.log_questions = log_questions

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        incoming = dict(scope.get("headers") or []).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming if _SAFE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        status = {"code": 0, "started": False}

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                status["started"] = True
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode()))
                headers.append((b"x-content-type-options", b"nosniff"))
                message = {**message, "headers": headers}
            await send(message)

        error_type = error_text = None
        try:
            await self.app(scope, receive, send_wrapper)
        except Exception as exc:  # noqa: BLE001 — contained here so no server prints a traceback
            error_type, error_text = type(exc).__name__, str(exc)[:1000]
            if not status["started"]:
                body = json.dumps(
                    envelope("internal_error", f"Internal error; quote request id {request_id} to support.")
                ).encode()
                await send_wrapper(
                    {
                        "type": "http.response.start",
                        "status": 500,
                        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
                    }
                )
                await send({"type": "http.response.body", "body": body})
            else:
                status["code"] = status["code"] or 500
        finally:
            fields: dict[str, Any] = {
                "request_id": request_id,
                "method": scope.get("method"),
                "path": scope.get("path"),
                "status": status["code"] or 500,
                "latency_ms": round((time.perf_counter() - started) * 1000, 1),
                "channel": state.get("channel"),
                "composer": state.get("composer"),
            }
            if error_type:
                fields["error_type"] = error_type
                fields["error"] = error_text  # for the operator; the caller only sees the request id
            if self.log_questions and state.get("question") is not None:
                fields["question"] = state["question"]
            level = logging.ERROR if error_type or fields["status"] >= 500 else logging.INFO
            log.log(level, "request", extra=fields)


class BodySizeLimitMiddleware:
    """413 envelope for bodies over the limit, by Content-Length or while a chunked body streams in."""

    def __init__(self, app: ASGIApp, *, max_bytes: int, overrides: dict[str, int] | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.overrides = overrides or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.overrides.get(scope.get("path", ""), self.max_bytes)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _send_413(send, limit)
            return
        received = 0
        response_started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _BodyTooLarge(413, f"The request body exceeds {limit} bytes.")
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _BodyTooLarge:
            if not response_started:
                await _send_413(send, limit)


class _BodyTooLarge(HTTPException):
    """An HTTPException, so body parsers re-raise it and the error handlers answer 413."""


async def _send_413(send: Send, limit: int) -> None:
    body = json.dumps(envelope("payload_too_large", f"The request body exceeds {limit} bytes.")).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
