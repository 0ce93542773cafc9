"""GET /healthz (the process answers) and GET /readyz (store, embedder and LLM ready to answer)."""
from __future__ import annotations

import time

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from api.deps import ServiceDep
from api.errors import ApiError, envelope
from api.schemas import ErrorEnvelope, HealthPublic, ReadinessPublic

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=HealthPublic)
async def healthz(service: ServiceDep) -> HealthPublic:
    return HealthPublic(uptime_s=round(time.monotonic() - service.started_s, 1))


def _is_ready(checks: dict) -> bool:
    return bool(checks.get("store")) and bool(checks.get("embedder")) and checks.get("llm") in (
        "reachable", "extractive"
    )


def _reason(checks: dict) -> str:
    failing = [name for name in ("store", "embedder") if not checks.get(name)]
    if checks.get("llm") not in ("reachable", "extractive"):
        failing.append("llm")
    return "Not ready: " + ", ".join(f"{name} unavailable" for name in failing) + "."


@router.get(
    "/readyz",
    response_model=ReadinessPublic,
    responses={503: {"model": ErrorEnvelope, "description": "Not ready; `checks` says which part is down"}},
)
async def readyz(service: ServiceDep):
    try:
        assistant = await service.get_assistant()
    except ApiError as exc:
        checks = {"store": False, "embedder": False, "llm": "unknown"}
        return JSONResponse(envelope(exc.code, exc.message, ready=False, checks=checks), status_code=503)
    try:
        checks = await run_in_threadpool(assistant.health)
    except Exception as exc:  # noqa: BLE001 — a failing health probe means "not ready"
        checks = {"store": False, "embedder": False, "llm": "unknown", "error_type": type(exc).__name__}
    checks = {key: value for key, value in checks.items()}
    if _is_ready(checks):
        return ReadinessPublic(ready=True, checks=checks)
    code = "store_unavailable" if not checks.get("store") else "not_ready"
    return JSONResponse(envelope(code, _reason(checks), ready=False, checks=checks), status_code=503)
