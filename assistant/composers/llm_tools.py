"""The LLM composer's tool calls: running the tools a model asks for (native tool calls, or a reply that is
nothing but a JSON tool request), and reading the figures they return.

`tools` maps each tool's name to the LangChain tool; a tool's failure goes back to the model as an error
message and to the customer as a generic warning, never as its text.
"""
from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from typing import Any

from langchain_core.messages import AIMessage, ToolMessage
from langchain_core.tools import BaseTool
from pydantic import ValidationError

from assistant.schemas import Figure

log = logging.getLogger("caiwen.llm")

# A whole reply that is one JSON object, bare or in a ```json fence: a tool request written as text.
_JSON_REPLY = re.compile(r"^\s*(?:```[a-zA-Z]*\s*)?(\{.*\})\s*(?:```)?\s*$", re.DOTALL)

Tools = Mapping[str, BaseTool]


def text_tool_call(tools: Tools, text: str) -> dict[str, Any] | None:
    """A reply that is nothing but a JSON tool request naming one of the tools, as a ToolCall."""
    if not tools:
        return None
    match = _JSON_REPLY.match(text)
    if match is None:
        return None
    try:
        request = json.loads(match.group(1))
    except json.JSONDecodeError:
        return None
    if not isinstance(request, dict):
        return None
    name = request.get("tool") or request.get("name")
    args = request.get("arguments", request.get("args", request.get("parameters", {})))
    if name not in tools or not isinstance(args, dict):
        return None
    return {"name": name, "args": args, "id": f"json-{name}", "type": "tool_call"}


def run_text_tool(tools: Tools, call: dict[str, Any], figures: list[Figure], notes: list[str],
                  warnings: list[str]) -> None:
    before = len(figures)
    (reply,) = run_tools(tools, AIMessage(content="", tool_calls=[call]), figures, warnings)
    if len(figures) == before:  # nothing computed: tell the model why, so it does not ask again
        try:
            content = json.loads(reply.content) if isinstance(reply.content, str) else {}
        except json.JSONDecodeError:
            content = {}
        reason = (content.get("error") or content.get("text") or "no data") if isinstance(content, dict) else "no data"
        notes.append(f"{call['name']} could not compute this: {reason}")


def run_tools(tools: Tools, message: AIMessage, figures: list[Figure], warnings: list[str]) -> list[ToolMessage]:
    """Run each requested tool; its output goes back to the model, its `figures` into the answer.

    Tools are invoked with the whole ToolCall, so both plain tools and `content_and_artifact` tools
    work: figures are read from the artifact when there is one, else from the JSON content."""
    replies = []
    for call in message.tool_calls:
        call_id = call.get("id") or call["name"]
        tool = tools.get(call["name"])
        if tool is None:
            error = f"unknown tool {call['name']!r}; available: {', '.join(tools)}"
            warnings.append(f"model asked for unknown tool {call['name']!r}")
            replies.append(ToolMessage(content=json.dumps({"error": error}), tool_call_id=call_id, name=call["name"], status="error"))
            continue
        try:
            reply = tool.invoke({**call, "id": call_id, "type": "tool_call"})
        except Exception as exc:  # a tool's failure is told to the model, not raised to the customer
            # customers see that a tool failed, never its error text (paths, URLs, internals): that is logged
            log.warning("tool %s failed: %s: %s", call["name"], type(exc).__name__, exc)
            warnings.append(f"tool {call['name']} failed")
            content = json.dumps({"error": f"{type(exc).__name__}: {exc}"}, ensure_ascii=False)
            replies.append(ToolMessage(content=content, tool_call_id=call_id, name=call["name"], status="error"))
            continue
        if not isinstance(reply, ToolMessage):  # a tool that ignores the ToolCall protocol
            reply = ToolMessage(content=_as_json(reply), tool_call_id=call_id, name=call["name"])
        found = _figures_of(reply.artifact, warnings) if reply.artifact is not None else []
        figures.extend(found or _figures_of(reply.content, warnings))
        replies.append(reply)
    return replies


def may_be_tool_request(opening: str) -> bool:
    """Whether a reply that starts like this may still turn out to be a JSON tool request."""
    stripped = opening.lstrip()
    return not stripped or stripped.startswith(("{", "```")) or "```".startswith(stripped)


def _as_json(output: Any) -> str:
    if isinstance(output, str):
        return output
    if hasattr(output, "model_dump"):
        output = output.model_dump(mode="json")
    return json.dumps(output, ensure_ascii=False, default=str)


def _figures_of(output: Any, warnings: list[str]) -> list[Figure]:
    """Figures in a tool's output: a JSON object (or dict, or model) with a `figures` list, or a bare list."""
    if isinstance(output, str):
        try:
            output = json.loads(output)
        except json.JSONDecodeError:
            return []
    if hasattr(output, "model_dump"):
        output = output.model_dump()
    raw_figures = output.get("figures") if isinstance(output, dict) else output if isinstance(output, list) else None
    figures = []
    for raw in raw_figures or []:
        try:
            figures.append(raw if isinstance(raw, Figure) else Figure.model_validate(raw))
        except ValidationError as exc:
            warnings.append(f"tool returned a malformed figure: {exc.errors()[0]['msg']}")
    return figures
