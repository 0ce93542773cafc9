"""Optical character recognition for scanned PDF pages, behind a small protocol.

`rapidocr` (Apache-2.0) runs PP-OCR models on onnxruntime; the models ship inside its wheel, so nothing is
downloaded at run time and it works offline. `none` turns OCR off: scanned pages are then reported per
file instead of being read. `ScriptedOcr` is the fake for tests of the code around OCR.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PIL import Image


@dataclass(frozen=True)
class OcrLine:
    text: str
    x0: float  # pixels of the image, origin top-left
    x1: float
    top: float
    bottom: float
    score: float


class OcrEngine(Protocol):
    name: str

    def read(self, image: Image.Image) -> list[OcrLine]: ...


class OcrUnavailableError(Exception):
    """The configured OCR engine cannot run here; the message says why."""


class RapidOcr:
    name = "rapidocr"

    def __init__(self, min_score: float = 0.5) -> None:
        try:
            from rapidocr import RapidOCR
        except ImportError as exc:  # an install without the OCR extra
            raise OcrUnavailableError(f"rapidocr is not installed ({exc})") from exc
        self._engine = RapidOCR(params={"Global.log_level": "error"})
        self._lock = threading.Lock()  # one onnxruntime session set, not re-entrant across threads
        self.min_score = min_score

    def read(self, image: Image.Image) -> list[OcrLine]:
        import numpy as np

        with self._lock:
            result = self._engine(np.asarray(image.convert("RGB")))
        if result.boxes is None or result.txts is None:
            return []
        lines = []
        for box, text, score in zip(result.boxes, result.txts, result.scores):
            if not text.strip() or score < self.min_score:
                continue
            xs = [float(p[0]) for p in box]
            ys = [float(p[1]) for p in box]
            lines.append(OcrLine(text.strip(), min(xs), max(xs), min(ys), max(ys), float(score)))
        return lines


class ScriptedOcr:
    """A fake engine: returns queued results in order, and records how many images it was shown."""

    name = "scripted"

    def __init__(self) -> None:
        self.queue: list[list[OcrLine]] = []
        self.images = 0

    def enqueue(self, *lines: OcrLine) -> None:
        self.queue.append(list(lines))

    def read(self, image: Image.Image) -> list[OcrLine]:
        self.images += 1
        return self.queue.pop(0) if self.queue else []


class LazyOcr:
    """Loads the named engine on the first scanned page, so ingesting text-only files never pays for it."""

    def __init__(self, name: str) -> None:
        self.name = name

    def read(self, image: Image.Image) -> list[OcrLine]:
        engine = load_ocr(self.name)
        return engine.read(image) if engine is not None else []


_ENGINES: dict[str, Callable[[], OcrEngine]] = {"rapidocr": RapidOcr}
_LOADED: dict[str, OcrEngine] = {}
_LOCK = threading.Lock()


def ocr_from_setting(name: str) -> OcrEngine | None:
    """What `CAIWEN_OCR` asks for, loaded lazily; None when OCR is off. Unknown names fail at once."""
    if name == "none":
        return None
    if name not in _ENGINES:
        raise ValueError(f"unknown OCR engine {name!r} (CAIWEN_OCR): expected one of none, {', '.join(sorted(_ENGINES))}")
    return LazyOcr(name)


def load_ocr(name: str) -> OcrEngine | None:
    """The engine called `name` (loaded once per process: model loading takes seconds), or None for 'none'."""
    if name == "none":
        return None
    if name not in _ENGINES:
        raise OcrUnavailableError(f"unknown OCR engine {name!r}: expected one of none, {', '.join(sorted(_ENGINES))}")
    with _LOCK:
        if name not in _LOADED:
            _LOADED[name] = _ENGINES[name]()
        return _LOADED[name]
