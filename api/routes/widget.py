"""GET /widget.js (the embeddable chat widget) and GET / (a demo page that embeds it).

Both files are written in `api/widget/`; they are served as-is, or as a clear 404 when missing.
"""
from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

from api.errors import ApiError

router = APIRouter(tags=["widget"])

WIDGET_DIR = Path(__file__).resolve().parent.parent / "widget"


def _serve(name: str, media_type: str) -> FileResponse:
    path = WIDGET_DIR / name
    if not path.is_file():
        raise ApiError(404, "widget_missing", f"{name} is not installed on this server (api/widget/{name}).")
    return FileResponse(path, media_type=media_type, headers={"Cache-Control": "public, max-age=300"})


@router.get("/widget.js", include_in_schema=False)
async def widget_js() -> FileResponse:
    return _serve("widget.js", "application/javascript; charset=utf-8")


@router.get("/", include_in_schema=False)
async def demo_page() -> FileResponse:
    return _serve("demo.html", "text/html; charset=utf-8")
