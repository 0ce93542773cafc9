"""The suite runs with a clean configuration: no CAIWEN_* variable and no `.env` from the developer's shell."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from caiwen.config import Settings


def test_no_caiwen_variable_reaches_a_test():
    assert [n for n in os.environ if n.upper().startswith("CAIWEN_")] == []


def test_a_dot_env_file_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / ".env").write_text("CAIWEN_K=7\nCAIWEN_LLM_BASE_URL=https://llm.example.com/v1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    settings = Settings()
    assert settings.k != 7 and not settings.llm_base_url


def test_a_test_still_sets_what_it_needs(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CAIWEN_K", "7")
    assert Settings().k == 7
