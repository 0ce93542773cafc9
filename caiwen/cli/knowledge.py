"""`caiwen ingest`, `caiwen search`, `caiwen sources`: building and inspecting the knowledge base."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.text import Text
from rich.table import Table

from caiwen.cli.console import console, err_console, friendly_errors


def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of .txt / .md / .html / .pdf / .docx documents.")],
    prune: Annotated[bool, typer.Option("--prune", help="Delete documents whose files are gone.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Ingest articles incrementally: unchanged files are skipped, changed ones replaced."""
    from caiwen.wiring import load_settings, run_ingest

    @friendly_errors
    def run():
        # A progress bar is for a person watching; in a pipe or log it would only print a squeezed last frame.
        return run_ingest(paths, load_settings(), prune=prune, progress=not as_json and console.is_terminal)

    summary = run()
    if as_json:
        console.print_json(summary.model_dump_json())
    else:
        for failure in summary.failed:
            err_console.print(f"[red]failed[/] {escape(failure.path)}: {escape(failure.reason)}", highlight=False)
        for warning in summary.warnings:
            err_console.print(f"[yellow]note[/] {escape(warning.path)}: {escape(warning.reason)}", highlight=False)
        table = Table(title="ingest summary")
        for column in ("added", "updated", "unchanged", "removed", "failed", "chunks written", "chunks embedded",
                       "repaired", "seconds"):
            table.add_column(column, justify="right")
        table.add_row(*(str(len(x)) for x in (summary.added, summary.updated, summary.unchanged, summary.removed,
                                               summary.failed)),
                      str(summary.chunks_written), str(summary.chunks_embedded), str(len(summary.repaired)),
                      f"{summary.seconds:.1f}")
        console.print(table)
    if summary.failed:
        raise typer.Exit(1)


@friendly_errors
def search(
    query: Annotated[str, typer.Argument(help="What to look for, in any script or English.")],
    k: Annotated[int, typer.Option("--k", min=1, max=50)] = 5,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Show the top chunks for a query with document, title, score and original text."""
    from caiwen.wiring import load_settings, open_knowledge_base

    if not query.strip():
        raise ValueError("query is empty")
    hits = open_knowledge_base(load_settings()).search(query, k=k)
    if as_json:
        print(json.dumps([h.model_dump() for h in hits], ensure_ascii=False, indent=2))
        return
    if not hits:
        console.print("no matching chunks (is the knowledge base empty? run `caiwen ingest PATH`)")
    for h in hits:
        console.rule(f"[{h.rank}] {h.chunk.doc_id} · {h.chunk.title} · {h.chunk.published or 'undated'} · score {h.score:.4f}")
        console.print(h.chunk.text, highlight=False, markup=False)


@friendly_errors
def sources(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """List ingested documents."""
    from caiwen.wiring import load_settings, open_knowledge_base

    docs = open_knowledge_base(load_settings()).sources()
    if as_json:
        print(json.dumps([d.model_dump() for d in docs], ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{len(docs)} documents")
    for column in ("doc_id", "title", "published", "script", "chunks", "flags"):
        table.add_column(column)
    for d in docs:
        table.add_row(*(Text(cell) for cell in (d.doc_id, d.title, d.published or "", d.script, str(d.chunk_count), ", ".join(d.flags))))
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command()(ingest)
    app.command()(search)
    app.command()(sources)
