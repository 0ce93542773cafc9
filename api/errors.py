"""One JSON error envelope, `{"error": {"code", "message"}}`, for every 4xx/5xx the API returns.

Handlers never put stack traces, exception reprs or request input into a response: the message is
written for the caller, and unexpected errors only say which request id to quote to support.
"""
from __future__ import annotations

import errno
import logging
import sqlite3
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError as SqlOperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from caiwen.errors import CaiwenError
from knowledge_base.errors import STORAGE_UNAVAILABLE, KnowledgeBaseError

log = logging.getLogger("caiwen.api")

# Default codes for statuses raised without an explicit code (Starlette's 404/405, CORS, …).
_STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    429: "rate_limited",
    500: "internal_error",
    503: "service_unavailable",
}


class ApiError(CaiwenError):
    """Raise from routes and dependencies for a deliberate 4xx/5xx with a stable code."""

    def __init__(
        self, status: int, code: str, message: str, *, headers: dict[str, str] | None = None, **extra: Any
    ) -> None:
        super().__init__(message)
        self.http_status = status
        self.code = code
        self.message = message
        self.headers = headers
        self.extra = extra


def envelope(code: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}, **extra}


def error_response(
    status: int, code: str, message: str, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    return JSONResponse(envelope(code, message, **extra), status_code=status, headers=headers)


_STORAGE_ERRNOS = {errno.EROFS, errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EACCES, errno.EPERM}


def is_storage_error(exc: BaseException) -> bool:
    """A disk or database that cannot be written or reached: the service is not ready, not broken (503)."""
    if isinstance(exc, SqlOperationalError | sqlite3.OperationalError):
        return True
    return isinstance(exc, OSError) and exc.errno in _STORAGE_ERRNOS


def describe_validation(exc: RequestValidationError) -> str:
    """`body.question: Field required; body.k: Input should be ...` — locations and reasons, no input echo."""
    parts = []
    for err in exc.errors()[:5]:
        loc = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"
        if err.get("type") == "json_invalid":
            parts.append("the request body is not valid JSON")
        elif err.get("type") == "missing" and tuple(err.get("loc", ())) == ("body",):
            parts.append("a JSON request body is required")
        else:
            parts.append(f"{loc}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def request_id_of(request: Request) -> str:
    return getattr(request.state, "request_id", "") or ""


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(CaiwenError)
    async def _caiwen_error(request: Request, exc: CaiwenError) -> JSONResponse:
        if isinstance(exc, KnowledgeBaseError):
            log.warning("knowledge base error", extra={"request_id": request_id_of(request),
                                                       "error_type": type(exc).__name__, "code": exc.code})
        return error_response(exc.http_status, exc.code, exc.public_message, getattr(exc, "headers", None),
                              **getattr(exc, "extra", {}))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _STATUS_CODES.get(exc.status_code, "error")
        detail = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        return error_response(exc.status_code, code, detail, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, "invalid_request", describe_validation(exc))

    async def _storage_error(request: Request, exc: Exception) -> JSONResponse:
        if not is_storage_error(exc):
            raise exc  # not a disk or database outage: the request log middleware answers 500 and logs it
        log.error("storage unavailable", extra={"request_id": request_id_of(request),
                                                "error_type": type(exc).__name__, "error": str(exc)[:1000]})
        return error_response(503, "storage_unavailable", STORAGE_UNAVAILABLE)

    # Registered by class so Starlette's ExceptionMiddleware sees them before they escape as a 500.
    for storage_error in (SqlOperationalError, sqlite3.OperationalError, OSError):
        app.add_exception_handler(storage_error, _storage_error)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        rid = request_id_of(request)
        # The message goes to the operator's log (it can name paths and SQL), never to the caller.
        detail = {"request_id": rid, "error_type": type(exc).__name__, "error": str(exc)[:1000]}
        if is_storage_error(exc):
            log.error("storage unavailable", extra=detail)
            return error_response(503, "storage_unavailable", STORAGE_UNAVAILABLE)
        log.error("unhandled error", extra=detail)
        return error_response(
            500, "internal_error", f"Internal error; quote request id {rid or 'n/a'} to support."
        )
