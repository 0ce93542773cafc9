"""Shared terminal output for the CLI: one rich console, and turning known errors into clear messages."""
from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps

import typer
from rich.console import Console

from assistant.errors import AssistantError
from knowledge_base.errors import KnowledgeBaseError

console = Console()
err_console = Console(stderr=True)


def friendly_errors(fn: Callable) -> Callable:
    """Known failures (bad question, store or embedder down) print one clear line and exit 2, no trace."""

    @wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except (AssistantError, KnowledgeBaseError, ValueError) as exc:
            err_console.print(f"[bold red]error:[/] {exc}", highlight=False)
            raise typer.Exit(2) from None
        except KeyboardInterrupt:
            err_console.print("interrupted")
            sys.exit(130)

    return wrapper
