"""The composition root: the one module that reads the settings (caiwen.config) and builds every part from
them. Everything below it takes plain values; the CLI calls these functions.

    settings = load_settings()             # CAIWEN_* and .env; ConfigError names a refused field
    assistant = build_assistant(settings)  # knowledge base + composer + market data
    app = create_app(settings)             # the HTTP API

The parts are built in submodules (knowledge, answering, service, evaluation) and imported on first use, so a
question answered from the command line never loads the web framework.
"""
from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from caiwen.config import ConfigError, Settings, load_settings

_EXPORTS = {
    "knowledge": ("open_knowledge_base", "knowledge_base_options", "open_catalog", "load_options", "ingest_options",
                  "run_ingest"),
    "answering": ("build_assistant", "build_composer", "composer_options", "answer_options", "llm_options",
                  "market_data_options", "market_data_provider"),
    "service": ("create_app", "app_from_environment", "service_config"),
    "evaluation": ("run_eval", "eval_target", "with_overrides", "judge_factory"),
}
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}

__all__ = ["ConfigError", "Settings", "load_settings", "local_model_path", *_MODULE_OF]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'caiwen.wiring' has no attribute {name!r}")
    return getattr(importlib.import_module(f"caiwen.wiring.{module}"), name)


def local_model_path(settings: Settings, filename: str) -> Path:
    """The GGUF `caiwen llm fetch` writes and `caiwen llm serve` reads: CAIWEN_LOCAL_MODEL, or `filename` in
    the data directory's models folder."""
    if settings.local_model is not None:
        return settings.local_model.expanduser()
    return settings.models_dir / filename
