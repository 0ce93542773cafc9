"""Shared terminal output for the CLI: one rich console, and turning known errors into clear messages."""
from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps

import typer
from rich.console import Console, ConsoleDimensions
from rich.markup import escape
from rich.text import Text

from caiwen.errors import CaiwenError

# Wide enough that no table this CLI prints is squeezed; plain text never folds at all (soft wrap).
PIPE_WIDTH = 1000


class CliConsole(Console):
    """A terminal gets Rich's layout at the terminal's width. Anything else (a pipe, a log file, CI) gets
    whole lines: Rich would otherwise fold to $COLUMNS or 80 columns and cut reasons and table headers
    ("unchang…"), so what a transcript says would depend on the length of a path."""

    @property
    def size(self) -> ConsoleDimensions:
        size = super().size
        if self.is_terminal:
            return size
        return ConsoleDimensions(max(PIPE_WIDTH, size.width), size.height)

    @size.setter
    def size(self, new_size: tuple[int, int]) -> None:
        Console.size.fset(self, new_size)

    def print(self, *objects, **kwargs) -> None:  # noqa: A003 — Rich's name
        if not self.is_terminal:
            kwargs.setdefault("soft_wrap", True)
        super().print(*objects, **kwargs)

    def rule(self, title: str | Text = "", **kwargs) -> None:
        """A section heading; titles are data (document titles), never markup."""
        heading = Text(title) if isinstance(title, str) else title
        if self.is_terminal:
            super().rule(heading, **kwargs)
        else:
            super().print(Text("── ").append(heading).append(" ──") if heading.plain else Text("──"))


console = CliConsole()
err_console = CliConsole(stderr=True)


def friendly_errors(fn: Callable) -> Callable:
    """Known failures (bad question, store or embedder down) print one clear line and exit 2, no trace."""

    @wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except (CaiwenError, ValueError) as exc:
            err_console.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False)
            raise typer.Exit(2) from None
        except KeyboardInterrupt:
            err_console.print("interrupted")
            sys.exit(130)

    return wrapper
