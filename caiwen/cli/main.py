"""Entry point of the `caiwen` console command.

Each subcommand group lives in its own module with a `register(app)` function, so adding a command
never touches another's code.
"""
from __future__ import annotations

import importlib
import os
import sys

import typer

app = typer.Typer(
    name="caiwen",
    help="Caiwen (財問): financial Q&A over your own articles, with citations, in 繁/简/English.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# ingest/search/sources, ask, figures/prices, serve/audit, eval, review, llm fetch/serve, db upgrade/current
_COMMAND_MODULES = ("knowledge", "ask", "figures", "serve", "evaluate", "review", "llm", "db")

for _name in _COMMAND_MODULES:
    _module = importlib.import_module(f"caiwen.cli.{_name}")
    _module.register(app)


def run() -> None:
    # A hub model name without these retries for about 70 s before failing (stack.md): this product never
    # downloads weights at run time, so make that the process default (inherited by `serve`'s workers)
    # unless the operator says otherwise. Nothing has imported huggingface_hub or chromadb yet.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    from caiwen.wiring import ConfigError

    try:
        app()
    except ConfigError as exc:  # a refused CAIWEN_* value, from any command: one line, not a traceback
        typer.echo(f"error: {exc}", err=True)
        sys.exit(2)


if __name__ == "__main__":
    run()
