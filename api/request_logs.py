"""Structured request logs and the last line of defence against leaking errors.

One JSON line per request on the `caiwen.api` logger: request id, method, path, status, latency,
channel and composer (set by the routes on `request.state`). The question text is logged only when
`CAIWEN_LOG_QUESTIONS` is on. An exception that escapes the app becomes a 500 envelope naming the
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

import pythonjsonlogger.json
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import envelope

log = logging.getLogger("caiwen.api")

_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9_.\-]{8,64}$")


class JsonFormatter(pythonjsonlogger.json.JsonFormatter):
    """One JSON object per record: time, level (lower case), logger, msg, then the record's `extra` fields.
    Tracebacks stay out of the line (the middleware logs an error's type and message instead)."""

    def __init__(self) -> None:
        super().__init__(
            "{asctime}{levelname}{name}{message}", style="{", datefmt="%Y-%m-%dT%H:%M:%S",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger", "message": "msg"},
            json_default=str, json_ensure_ascii=False,
        )

    def process_log_record(self, log_data: dict[str, Any]) -> dict[str, Any]:
        log_data["level"] = log_data["level"].lower()
        log_data.pop("exc_info", None)
        log_data.pop("stack_info", None)
        return log_data


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
