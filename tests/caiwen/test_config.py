"""The settings refuse a value outside their choices, naming the field and its variable in one line; the
`caiwen` command prints that line and exits 2, whatever the subcommand, before anything is built."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from caiwen.config import ConfigError, Settings, load_settings

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("field", "value", "choices"), [
    ("retrieval_mode", "fuzzy", "'hybrid', 'rrf', 'dense' or 'lexical'"),
    ("composer", "gpt", "'auto', 'llm', 'extractive' or 'scripted'"),
    ("llm_tools", "sometimes", "'native', 'json' or 'off'"),
    ("market_data", "bloomberg", "'files', 'http' or 'yahoo'"),
    ("ocr", "tesseract", "'rapidocr' or 'none'"),
])
def test_each_choice_is_checked_when_the_settings_load(field, value, choices, monkeypatch):
    monkeypatch.setenv(f"CAIWEN_{field.upper()}", value)
    with pytest.raises(ConfigError) as info:
        load_settings()
    message = str(info.value)
    assert f"{field} (CAIWEN_{field.upper()}): Input should be {choices} (got {value!r})" in message
    assert "\n" not in message


def test_the_defaults_are_valid_choices(tmp_path):
    settings = load_settings(data_dir=tmp_path)
    assert isinstance(settings, Settings)
    assert (settings.retrieval_mode, settings.composer, settings.llm_tools, settings.market_data, settings.ocr) == (
        "hybrid", "auto", "native", "files", "rapidocr")
    assert settings.composer_name == "extractive"  # auto without an LLM endpoint


@pytest.mark.parametrize("args", [["keys", "list"], ["ask", "羅素2000點樣重組?"]])
def test_the_command_prints_one_line_and_exits_2(args, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAIWEN_")}
    env.update(CAIWEN_DATA_DIR=str(tmp_path / "data"), CAIWEN_COMPOSER="gpt", CAIWEN_K="many")
    done = subprocess.run([sys.executable, "-m", "caiwen", *args], capture_output=True, text=True, env=env,
                          cwd=REPO, timeout=120)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr
    assert "composer (CAIWEN_COMPOSER)" in lines[0] and "k (CAIWEN_K)" in lines[0]
    assert not (tmp_path / "data").exists()  # refused before anything was built


@pytest.mark.parametrize(("field", "registry", "extra"), [
    ("retrieval_mode", "knowledge_base.fusion:FUSION_MODES", set()),
    ("composer", "assistant.composers.registry:COMPOSERS", {"auto"}),
    ("market_data", "market_data.providers:PROVIDERS", set()),
])
def test_each_choice_is_a_registered_backend(field: str, registry: str, extra: set[str]) -> None:
    """The Literal choices and the registries name the same backends (the registry may also hold fakes that
    only tests choose), so a value the settings accept never fails when the root builds it."""
    import importlib
    import typing

    from caiwen.config import Settings

    module, name = registry.split(":")
    registered = set(getattr(importlib.import_module(module), name).names())
    choices = set(typing.get_args(Settings.model_fields[field].annotation)) - extra
    assert choices and choices <= registered, (choices, registered)
