"""Finding 4: CLI output that is not a terminal (a pipe, a log, CI) carries whole reasons and whole headers,
whatever the length of the paths and whatever $COLUMNS says."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from caiwen.cli.main import app

REPO = Path(__file__).resolve().parents[2]
HEADERS = ("added", "updated", "unchanged", "removed", "failed", "chunks written", "chunks embedded", "repaired",
           "seconds")


def _deep(tmp_path: Path) -> Path:
    deep = tmp_path.joinpath(*(["a-rather-long-folder-name-for-a-ci-workspace"] * 5))
    deep.mkdir(parents=True)
    assert len(str(deep)) > 200
    return deep


def test_missing_path_reason_survives_a_long_path_and_narrow_columns(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    monkeypatch.setenv("CAIWEN_DATA_DIR", str(tmp_path / "data"))
    missing = _deep(tmp_path) / "nowhere-to-be-found"
    result = CliRunner().invoke(app, ["ingest", str(missing)])
    assert result.exit_code == 1
    assert f"{missing}: no such file or directory" in result.output
    for header in HEADERS:
        assert header in result.output
    assert "…" not in result.output


def test_piped_console_script_prints_whole_lines(tmp_path: Path) -> None:
    """A real pipe (subprocess), $COLUMNS=30: the summary table's headers and a failure's path stay whole."""
    deep = _deep(tmp_path)
    (deep / "scan.txt").write_bytes(b"\x00\x01\x02PNG" * 100)
    env = {**os.environ, "CAIWEN_DATA_DIR": str(tmp_path / "data"), "COLUMNS": "30"}
    env.pop("CAIWEN_CHROMA_URL", None)
    run = subprocess.run([sys.executable, "-m", "caiwen", "ingest", str(deep)], capture_output=True, text=True,
                         env=env, cwd=REPO, timeout=300)
    assert run.returncode == 1, run.stderr
    assert f"{deep / 'scan.txt'}: binary content, not text" in run.stderr
    for header in HEADERS:
        assert header in run.stdout, run.stdout
    assert "…" not in run.stdout + run.stderr


@pytest.mark.parametrize("columns", ["20", "80", "400"])
def test_non_terminal_width_does_not_follow_columns(columns: str, monkeypatch) -> None:
    from caiwen.cli.console import PIPE_WIDTH, CliConsole

    monkeypatch.setenv("COLUMNS", columns)
    console = CliConsole(file=open(os.devnull, "w"))  # noqa: SIM115 — a non-terminal stream
    assert console.width >= PIPE_WIDTH
