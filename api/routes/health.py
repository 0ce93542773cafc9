"""GET /healthz (the process answers) and GET /readyz (ready to answer: store, index, SQL store, data dir,
embedder and LLM)."""
from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text
from starlette.concurrency import run_in_threadpool

from api.deps import ServiceDep, ServiceState
from api.errors import ApiError, envelope
from api.schemas import ErrorEnvelope, HealthPublic, ReadinessPublic

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=HealthPublic)
async def healthz(service: ServiceDep) -> HealthPublic:
    return HealthPublic(uptime_s=round(time.monotonic() - service.started_s, 1))


def _failing(checks: dict[str, Any]) -> list[str]:
    failing = [name for name in ("store", "embedder", "database", "data_dir_writable") if not checks.get(name)]
    if checks.get("vectors_missing"):
        failing.append("index")
    if checks.get("llm") not in ("reachable", "extractive"):
        failing.append("llm")
    return failing


_REASONS = {
    "store": "vector store unavailable",
    "embedder": "embedder unavailable",
    "database": "SQL store unavailable",
    "data_dir_writable": "data directory not writable",
    "index": "vectors missing for catalogued chunks (run `caiwen ingest` to repair)",
    "llm": "LLM unreachable",
}


def _data_dir_writable(path: Path) -> bool:
    try:
        with tempfile.NamedTemporaryFile(dir=path, prefix=".readyz-"):
            return True
    except OSError:
        return False


def _database_answers(service: ServiceState) -> bool:
    if service.engine is None:
        return True
    try:
        with service.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except Exception:  # noqa: BLE001 — any failure to answer means "not ready"
        return False


def _local_checks(service: ServiceState) -> dict[str, bool]:
    return {"database": _database_answers(service),
            "data_dir_writable": _data_dir_writable(service.config.data_dir)}


@router.get(
    "/readyz",
    response_model=ReadinessPublic,
    responses={503: {"model": ErrorEnvelope, "description": "Not ready; `checks` says which part is down"}},
)
async def readyz(service: ServiceDep):
    local = await run_in_threadpool(_local_checks, service)
    try:
        assistant = await service.get_assistant()
    except ApiError as exc:
        checks = {"store": False, "embedder": False, "llm": "unknown", **local}
        return JSONResponse(envelope(exc.code, exc.message, ready=False, checks=checks), status_code=503)
    try:
        checks = await run_in_threadpool(assistant.health)
    except Exception as exc:  # noqa: BLE001 — a failing health probe means "not ready"
        checks = {"store": False, "embedder": False, "llm": "unknown", "error_type": type(exc).__name__}
    checks = {**checks, **local}
    failing = _failing(checks)
    if not failing:
        return ReadinessPublic(ready=True, checks=checks)
    code = "store_unavailable" if "store" in failing else "not_ready"
    reason = "Not ready: " + "; ".join(_REASONS[name] for name in failing) + "."
    return JSONResponse(envelope(code, reason, ready=False, checks=checks), status_code=503)
