"""`caiwen ingest PATH... [--prune]`: the installed console script and the Typer command in process."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from caiwen.cli.main import app
from caiwen.config import Settings
from tests.conftest import free_port

CAIWEN = Path(sys.executable).parent / "caiwen"
runner = CliRunner()


def test_console_script_ingests_reports_failures_and_exits_non_zero(
    fresh_settings: Callable[..., Settings], corpus_copy: Path, ingested_corpus
) -> None:
    settings = fresh_settings()
    (corpus_copy / "scan.txt").write_bytes(b"\x00\x01\x02PNG" * 100)
    env = {**os.environ, "CAIWEN_DATA_DIR": str(settings.data_dir), "COLUMNS": "200"}
    env.pop("CAIWEN_CHROMA_URL", None)
    first = subprocess.run([str(CAIWEN), "ingest", str(corpus_copy)], capture_output=True, text=True, env=env,
                           timeout=300)
    assert first.returncode == 1, first.stderr
    assert "scan.txt" in first.stderr and "binary content, not text" in first.stderr
    assert "Traceback" not in first.stderr
    assert "ingest summary" in first.stdout
    row = next(line for line in first.stdout.splitlines() if line.count("│") >= 8 and "5" in line)
    assert [cell.strip() for cell in row.split("│")[1:7]] == ["5", "0", "0", "0", "1", str(ingested_corpus.kb.catalog.chunk_count())]

    (corpus_copy / "scan.txt").unlink()
    again = subprocess.run([str(CAIWEN), "ingest", str(corpus_copy), "--json"], capture_output=True, text=True,
                           env=env, timeout=300)
    assert again.returncode == 0, again.stderr
    summary = json.loads(again.stdout)
    assert len(summary["unchanged"]) == 5 and summary["failed"] == [] and summary["chunks_written"] == 0


def test_prune_flag_removes_deleted_documents(
    fresh_settings: Callable[..., Settings], corpus_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = fresh_settings()
    monkeypatch.setenv("CAIWEN_DATA_DIR", str(settings.data_dir))
    assert runner.invoke(app, ["ingest", str(corpus_copy), "--json"]).exit_code == 0
    (corpus_copy / "002_9dbfc5c8b08aa693.txt").unlink()
    result = runner.invoke(app, ["ingest", str(corpus_copy), "--prune", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["removed"] == ["002_9dbfc5c8b08aa693.txt"]
    listed = runner.invoke(app, ["sources", "--json"])
    assert [d["doc_id"] for d in json.loads(listed.stdout)] == [
        "000_4b08b8b848a4e809.txt", "001_aab619b458c5b363.txt", "003_50d57fdeb84ad35c.txt", "004_07ababd27a3295c0.txt",
    ]


def test_missing_path_is_a_reported_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAIWEN_DATA_DIR", str(tmp_path / "data"))
    result = runner.invoke(app, ["ingest", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert "nowhere" in result.output and "no such file or directory" in result.output


def test_store_down_is_one_clear_line_and_exit_2(tmp_path: Path, corpus_copy: Path, monkeypatch) -> None:
    monkeypatch.setenv("CAIWEN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CAIWEN_CHROMA_URL", f"http://127.0.0.1:{free_port()}")
    result = runner.invoke(app, ["ingest", str(corpus_copy)])
    assert result.exit_code == 2
    assert "error:" in result.output and "not reachable" in result.output
    assert "Traceback" not in result.output
