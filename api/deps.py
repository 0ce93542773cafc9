"""Dependencies shared by the routes: the service configuration, the chain, the stores and who is calling."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Annotated, Any, Protocol

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from api.audit import AuditLog
from api.errors import ApiError
from api.options import ServiceConfig
from api.feedback_store import FeedbackStore
from api.ratelimit import WidgetRateLimiter
from api.security import KeyStore, Principal
from assistant.chain import StreamEvent
from assistant.schemas import AnswerResponse
from knowledge_base.errors import KnowledgeBaseError
from knowledge_base.records import ChunkRecord, DocumentRecord

log = logging.getLogger("caiwen.api")


class SourceCatalog(Protocol):
    """What the source routes read from the chain's knowledge base."""

    def sources(self) -> list[DocumentRecord]: ...

    def document(self, doc_id: str) -> DocumentRecord | None: ...

    def chunks(self, doc_id: str) -> list[ChunkRecord]: ...


class AnswerService(Protocol):
    """What the routes need from the answering chain: `assistant.chain.Assistant` in production,
    `api.fake_service.FakeAnswerService` in tests of the service's own behaviour."""

    kb: SourceCatalog  # the chain's knowledge base (POST /v1/ingest writes through the real one)

    def ask(self, question: str, **options: Any) -> AnswerResponse: ...

    def stream(self, question: str, **options: Any) -> Iterator[StreamEvent]: ...

    def remember(self, question: str, response: AnswerResponse, caller: str | None = None) -> None: ...

    def health(self) -> dict[str, Any]: ...

    def warm(self) -> None:
        """Load at start-up what the first question would otherwise wait for."""


@dataclass
class ServiceState:
    """Everything built once per process and shared by requests (kept on `app.state.service`)."""

    config: ServiceConfig
    audit: AuditLog
    feedback: FeedbackStore
    keys: KeyStore
    limiter: WidgetRateLimiter
    assistant: AnswerService | None = None
    assistant_error: str | None = None
    build_assistant: Callable[[], AnswerService] | None = None  # retried when start-up failed
    engine: Any = None  # the SQL store's engine (conversations, feedback, keys, audit), for /readyz
    started_s: float = 0.0
    _build_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    ingest_lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def get_assistant(self) -> AnswerService:
        if self.assistant is not None:
            return self.assistant
        async with self._build_lock:  # the store may have come back since start-up: try again, once at a time
            if self.assistant is None and self.build_assistant is not None:
                try:
                    self.assistant = await run_in_threadpool(self.build_assistant)
                    self.assistant_error = None
                except KnowledgeBaseError as exc:
                    self.assistant_error = exc.public_message
                    raise ApiError(exc.http_status, exc.code, exc.public_message) from exc
                except Exception as exc:  # noqa: BLE001 — any start-up failure means "not ready", not a 500
                    log.warning("assistant unavailable", extra={"error_type": type(exc).__name__})
                    self.assistant_error = "The answering service could not start; see the server log."
                    raise ApiError(503, "assistant_unavailable", self.assistant_error) from exc
        if self.assistant is None:
            raise ApiError(503, "assistant_unavailable", self.assistant_error or "The answering service is not ready.")
        return self.assistant


def get_service(request: Request) -> ServiceState:
    return request.app.state.service


ServiceDep = Annotated[ServiceState, Depends(get_service)]


def get_config(service: ServiceDep) -> ServiceConfig:
    return service.config


ConfigDep = Annotated[ServiceConfig, Depends(get_config)]


async def get_assistant(service: ServiceDep) -> AnswerService:
    return await service.get_assistant()


AssistantDep = Annotated[AnswerService, Depends(get_assistant)]


def knowledge_base_of(assistant: AnswerService) -> SourceCatalog:
    """The chain's own KnowledgeBase, so the API never opens a second store or loads a second embedder."""
    return assistant.kb


async def get_knowledge_base(assistant: AssistantDep) -> SourceCatalog:
    return knowledge_base_of(assistant)


KnowledgeBaseDep = Annotated[SourceCatalog, Depends(get_knowledge_base)]


def _normalize_origin(origin: str) -> str:
    return origin.strip().rstrip("/").lower()


def origin_allowed(origin: str, config: ServiceConfig) -> bool:
    """Configured origins only. The request's own `Host` is the caller's to choose (and, through DNS
    rebinding, a hostile page's), so it never makes an origin allowed: the demo page at `/` works when the
    API's public origin is in `cors_origins` (the defaults cover `caiwen serve` on port 8000)."""
    wanted = _normalize_origin(origin)
    allowed = {_normalize_origin(o) for o in config.cors_origins}
    return "*" in allowed or wanted in allowed


def _unauthorized(code: str, message: str) -> ApiError:
    return ApiError(401, code, message, headers={"WWW-Authenticate": "Bearer"})


async def get_principal(request: Request, service: ServiceDep) -> Principal:
    header = request.headers.get("authorization")
    if header is not None:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise _unauthorized("invalid_authorization", "Send the API key as 'Authorization: Bearer <key>'.")
        principal = await run_in_threadpool(service.keys.verify, token.strip())
        if principal is None:
            raise _unauthorized("invalid_api_key", "The API key is not valid or has been revoked.")
        return principal
    origin = request.headers.get("origin")
    if origin and origin_allowed(origin, service.config):
        client_ip = request.client.host if request.client else "unknown"
        allowed, retry_after = service.limiter.hit(client_ip)
        if not allowed:
            raise ApiError(
                429,
                "rate_limited",
                f"Too many questions from this address; try again in {retry_after} s.",
                headers={"Retry-After": str(retry_after)},
            )
        request.state.channel = "widget"
        return Principal(channel="widget", scope="widget", is_widget=True)
    if origin:
        raise _unauthorized("origin_not_allowed", "This origin is not allowed to call the API without an API key.")
    raise _unauthorized("missing_api_key", "An API key is required: send 'Authorization: Bearer <key>'.")


def require_scope(scope: str, *, widget: bool = False):
    """Keys need `scope` (or admin). The anonymous widget channel reaches only the endpoints the widget
    itself calls (`widget=True`: the answer stream and feedback), never the rest of the API."""

    async def _require(request: Request, principal: Annotated[Principal, Depends(get_principal)]) -> Principal:
        request.state.channel = principal.channel
        if principal.is_widget:
            if not widget:
                raise _unauthorized(
                    "missing_api_key", "An API key is required: the website widget may only stream answers and rate them."
                )
            return principal
        if not principal.allows(scope):
            raise ApiError(403, "insufficient_scope", f"This endpoint needs an API key with the '{scope}' scope.")
        return principal

    return _require


AskPrincipal = Annotated[Principal, Depends(require_scope("ask"))]
AdminPrincipal = Annotated[Principal, Depends(require_scope("admin"))]
WidgetPrincipal = Annotated[Principal, Depends(require_scope("ask", widget=True))]
