"""`caiwen ask`: one question through the same chain the API uses."""
from __future__ import annotations

import re
from typing import Annotated

import typer
from rich.markup import escape

from caiwen.cli.console import console, friendly_errors

# The same shape the API accepts (api.schemas.Identifier) and the conversations column holds.
_CONVERSATION_ID = re.compile(r"^[A-Za-z0-9_.:\-]{1,100}$")


def _conversation_id(value: str | None) -> str | None:
    if value is not None and not _CONVERSATION_ID.match(value):
        raise typer.BadParameter("use 1-100 letters, digits or . _ : - (the id `caiwen ask` printed)")
    return value


@friendly_errors
def ask(
    question: Annotated[str, typer.Argument(help="The question, in 繁/简/English.")],
    k: Annotated[int | None, typer.Option("--k", min=1, max=50, help="Chunks to retrieve.")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="zh-Hant | zh-Hans | en (default: detected)")] = None,
    conversation: Annotated[
        str | None, typer.Option("--conversation", help="Continue a conversation.", callback=_conversation_id)
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the API's response object.")] = False,
) -> None:
    """Answer a question with numbered citations, in the asker's script."""
    from caiwen.wiring import build_assistant, load_settings

    assistant = build_assistant(load_settings())
    # The turn is stored after the answer is printed: the asker reads it while the conversation store opens.
    response = assistant.ask(question, lang=lang, k=k, conversation_id=conversation, remember=False)
    if as_json:
        print(response.model_dump_json(indent=2))
        assistant.remember(question, response)
        return
    # Answers, titles and quotes are data: printed without markup, so a "[/]" in a title cannot crash it.
    console.print(response.answer, highlight=False, markup=False)
    if response.figures:
        console.rule("figures")
        for f in response.figures:
            console.print(f"{f.name} {f.symbol} {f.period}: {f.value:g}{f.unit} (as of {f.as_of}, {f.source})",
                          highlight=False, markup=False)
    if response.citations:
        console.rule("sources")
        for c in response.citations:
            page = f" · p. {c.page}" if c.page is not None else ""
            console.print(f"[{c.n}] {c.title} · {c.published or 'undated'} · {c.doc_id}{page}", highlight=False,
                          markup=False)
            console.print(f"    “{c.quote_display or c.quote}”", highlight=False,
                          markup=False)
    assistant.remember(question, response)
    for warning in response.warnings:
        console.print(f"[yellow]note:[/] {escape(warning)}", highlight=False)
    console.print(
        f"[dim]{escape(response.composer)} · {response.latency_ms:.0f} ms · "
        f"conversation {escape(response.conversation_id or '')}[/]"
    )


def register(app: typer.Typer) -> None:
    app.command()(ask)
