"""The architecture rules that tools enforce, run from the repository root with the configuration in
pyproject.toml: import-linter (layers, no cycles), vulture (dead code) and deptry (declared vs imported
packages); importing the settings module has no side effects, and only the composition root imports it."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PRODUCT_PACKAGES = ("caiwen", "api", "evals", "assistant", "market_data", "ingest", "knowledge_base")

CHECKS = {
    "import-linter": [sys.executable, "-c",
                      "import sys; from importlinter.cli import lint_imports_command; "
                      "sys.exit(lint_imports_command())", "--no-cache"],
    "vulture": [sys.executable, "-m", "vulture"],
    "deptry": [sys.executable, "-m", "deptry", "."],
}


@pytest.mark.parametrize("tool", sorted(CHECKS))
def test_tool_passes(tool: str) -> None:
    done = subprocess.run(CHECKS[tool], cwd=REPO, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "NO_COLOR": "1"})
    assert done.returncode == 0, f"{tool} failed (exit {done.returncode}):\n{done.stdout}\n{done.stderr}"


_PROBE = """
import json, os, sys
before = dict(os.environ)
import caiwen.config as config
settings = config.Settings()
paths = [settings.resolved_data_dir, settings.chroma_path, settings.catalog_path, settings.prices_dir,
         settings.models_dir]
url = settings.sql_url
print(json.dumps({"changed": sorted(k for k in set(before) | set(os.environ) if before.get(k) != os.environ.get(k)),
                  "data_dir": str(settings.resolved_data_dir)}))
"""


def test_settings_import_sets_no_environment_and_creates_no_directory(tmp_path: Path) -> None:
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    data_dir = tmp_path / "data" / "caiwen"
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("CAIWEN_") and k not in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "ANONYMIZED_TELEMETRY")}
    env.update(HOME=str(home), CAIWEN_DATA_DIR=str(data_dir), PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, "-c", _PROBE], cwd=work, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    probe = json.loads(done.stdout)
    assert probe["changed"] == []
    assert probe["data_dir"] == str(data_dir)
    assert not (tmp_path / "data").exists()
    assert list(home.iterdir()) == [] and list(work.iterdir()) == []


def test_only_the_composition_root_imports_the_settings() -> None:
    """caiwen.config is read in one place; every other product module is handed values. (The import-linter
    contract `config-only-in-wiring` says the same; this names the offenders directly.)"""
    import grimp

    graph = grimp.build_graph(*PRODUCT_PACKAGES, cache_dir=None)
    importers = graph.find_modules_that_directly_import("caiwen.config")
    assert importers and {m for m in importers if not m.startswith("caiwen.wiring")} == set()
