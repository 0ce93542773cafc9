"""POST /v1/ingest (admin): upload files (multipart) or name a server-side path (JSON); returns the
ingest summary. Server-side paths must lie under one of `ServiceConfig.ingest_dirs`, so an API key can never
turn arbitrary server files into customer-visible sources (links out of the folder are skipped). Uploads
get the doc_id `upload/<file name>`, so they never replace an ingested article; rejected uploads are not
kept. One ingest runs at a time per instance (409 before anything is written).
"""
from __future__ import annotations

import re
from pathlib import Path

from fastapi import APIRouter, Request
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from api.deps import AdminPrincipal, AssistantDep, ServiceDep, knowledge_base_of
from api.errors import ApiError
from api.options import ServiceConfig
from api.schemas import ERROR_RESPONSES, IngestPathRequest, IngestResult
from caiwen.metrics import INGEST_CHUNKS, INGEST_DOCUMENTS
from ingest.summary import FileFailure, IngestSummary

router = APIRouter(prefix="/v1", tags=["ingest"])

_SAFE_NAME = re.compile(r"^[^/\\\x00-\x1f]{1,200}$")
UPLOAD_PREFIX = "upload/"  # uploads live in their own doc_id namespace: they never replace corpus articles

_OPENAPI_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": IngestPathRequest.model_json_schema()},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["files"],
                    "properties": {
                        "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                    },
                }
            },
        },
    }
}


def _resolve_server_path(raw: str, config: ServiceConfig) -> Path:
    path = Path(raw).expanduser().resolve()
    roots = [Path(root).expanduser().resolve() for root in config.ingest_dirs]
    if not roots:
        raise ApiError(403, "path_ingest_disabled", "Server-side paths are disabled; upload the files instead.")
    if not any(path == root or root in path.parents for root in roots):
        raise ApiError(403, "path_not_allowed", "The path is outside the folders this server may ingest from.")
    if not path.exists():
        raise ApiError(404, "path_not_found", "No such file or directory on the server.")
    return path


async def _save_uploads(request: Request, config: ServiceConfig) -> tuple[list[Path], list[FileFailure]]:
    form = await request.form(max_files=1000, max_fields=10)
    uploads = [item for item in form.getlist("files") if isinstance(item, UploadFile)]
    if not uploads:
        raise ApiError(422, "invalid_request", "Send one or more files in the multipart field 'files'.")
    folder = config.data_dir / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    limits = config.ingest.load
    saved: list[Path] = []
    rejected: list[FileFailure] = []
    for upload in uploads:
        name = Path((upload.filename or "").replace("\\", "/")).name
        if not _SAFE_NAME.match(name) or name.startswith("."):
            rejected.append(FileFailure(path=name or "(unnamed)", reason="invalid file name"))
            continue
        limit, setting = limits.max_bytes(name)  # PDF and Word files have their own, larger limit
        data = await upload.read(limit + 1)
        if len(data) > limit:
            rejected.append(FileFailure(path=name, reason=f"larger than {limit} bytes ({setting})"))
            continue
        target = folder / name
        await run_in_threadpool(target.write_bytes, data)
        saved.append(target)
    await form.close()
    return saved, rejected


@router.post(
    "/ingest",
    response_model=IngestResult,
    responses={409: {"description": "Another ingest is running"}, **ERROR_RESPONSES},
    openapi_extra=_OPENAPI_BODY,
    summary="Ingest uploaded files or a server-side folder",
)
async def ingest(request: Request, principal: AdminPrincipal, service: ServiceDep, assistant: AssistantDep
                 ) -> IngestResult:
    config = service.config
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type not in ("multipart/form-data", "application/json"):
        raise ApiError(415, "unsupported_media_type", "Send multipart/form-data files or a JSON {\"path\": ...}.")
    if service.ingest_lock.locked():  # before anything is written
        raise ApiError(409, "ingest_running", "Another ingest is running on this server; try again when it ends.")
    async with service.ingest_lock:
        if content_type == "multipart/form-data":
            paths, rejected = await _save_uploads(request, config)
            prune, prefix = False, UPLOAD_PREFIX  # an upload names files, not a whole corpus: never prune
        else:
            try:
                body = IngestPathRequest.model_validate_json(await request.body())
            except ValidationError as exc:
                first = exc.errors()[0] if exc.errors() else {}
                where = ".".join(str(p) for p in first.get("loc", ())) or "body"
                raise ApiError(422, "invalid_request", f"{where}: {first.get('msg', 'invalid')}") from None
            paths, rejected, prune, prefix = [_resolve_server_path(body.path, config)], [], body.prune, ""
        summary: IngestSummary = IngestSummary()
        if paths:
            summary = await run_in_threadpool(_run_ingest, paths, config, prune, assistant, prefix)
    if content_type == "multipart/form-data":  # report uploads by their names, not the server's folders
        uploads = config.data_dir / "uploads"
        for failure in [*summary.failed, *summary.warnings]:
            if Path(failure.path).parent == uploads:
                Path(failure.path).unlink(missing_ok=True)  # a rejected upload is not kept on the server
                failure.path = Path(failure.path).name
    summary.failed.extend(rejected)
    count_ingest(summary)
    request.state.composer = None
    return IngestResult(ok=not summary.failed, summary=summary)


def count_ingest(summary: IngestSummary) -> None:
    for outcome in ("added", "updated", "unchanged", "removed", "failed"):
        INGEST_DOCUMENTS.labels(outcome).inc(len(getattr(summary, outcome)))
    INGEST_CHUNKS.labels("written").inc(summary.chunks_written)
    INGEST_CHUNKS.labels("embedded").inc(summary.chunks_embedded)


def _run_ingest(paths: list[Path], config: ServiceConfig, prune: bool, assistant, prefix: str) -> IngestSummary:
    from ingest.pipeline import run_ingest

    kb = knowledge_base_of(assistant)
    summary = run_ingest(paths, kb, config.ingest, prune=prune, doc_id_prefix=prefix)
    refresh = getattr(assistant, "refresh", None)  # lets the chain rebuild in-memory indexes (e.g. BM25)
    if callable(refresh):
        refresh()
    return summary

