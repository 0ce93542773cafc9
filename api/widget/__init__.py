"""The embeddable chat widget: `widget.js` and the demo page the API serves at `/`."""
from __future__ import annotations

from pathlib import Path

WIDGET_DIR = Path(__file__).resolve().parent


def widget_js_path() -> Path:
    return WIDGET_DIR / "widget.js"


def demo_html_path() -> Path:
    return WIDGET_DIR / "demo.html"
