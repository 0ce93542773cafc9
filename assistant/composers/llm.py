"""The `llm` composer: any OpenAI-compatible chat endpoint through langchain-openai, as an LCEL chain.

    composer = LLMComposer(settings, tools=figure_tools(settings))
    composition = composer.compose(inp)         # or: for piece in composer.stream(inp): ...

The composer writes; it does not judge. Its text goes through `assistant.verification.verify_answer`
in the chain like every composer's. Tool calls (the computation tool) run in a bounded loop and the
figures they return land in `Composition.figures`. Failures (connection, timeout, HTTP errors, empty
output) raise; `FallbackComposer` turns them into an extractive answer.
"""
from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

import httpx
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, ToolMessage
from langchain_core.output_parsers import StrOutputParser
from langchain_core.runnables import Runnable
from langchain_core.tools import BaseTool
from langchain_openai import ChatOpenAI
from pydantic import ValidationError

from assistant.composers.base import Composition, CompositionInput
from assistant.composers.llm_spans import LLMSpans
from assistant.prompts import ANSWER_PROMPT, CONDENSE_PROMPT, answer_prompt_values, history_messages
from assistant.schemas import Figure

MAX_TOOL_ROUNDS = 3


class LLMOutputError(RuntimeError):
    """The endpoint answered, but with nothing usable (empty text, a stream cut short)."""


def chat_model(settings) -> ChatOpenAI:
    return ChatOpenAI(
        base_url=settings.llm_base_url,
        api_key=settings.llm_api_key or "not-needed",
        model=settings.llm_model,
        timeout=settings.llm_timeout_s,
        max_retries=0,
        temperature=0,
        callbacks=[LLMSpans(settings.llm_model, settings.llm_base_url)],
    )


class LLMComposer:
    name = "llm"

    def __init__(self, settings, tools: Sequence[BaseTool] | None = None, max_tool_rounds: int = MAX_TOOL_ROUNDS) -> None:
        if not settings.llm_base_url:
            raise ValueError("the llm composer needs CAIWEN_LLM_BASE_URL (an OpenAI-compatible endpoint)")
        self.model_name = settings.llm_model
        self.base_url = settings.llm_base_url.rstrip("/")
        self.api_key = settings.llm_api_key
        self.timeout_s = float(settings.llm_timeout_s)
        self.max_tool_rounds = max_tool_rounds
        self.llm = chat_model(settings)
        self.tools = {tool.name: tool for tool in tools or []}
        self.model: Runnable = self.llm.bind_tools(list(self.tools.values())) if self.tools else self.llm
        self.chain: Runnable = ANSWER_PROMPT | self.model

    # --- protocol -------------------------------------------------------------------------------
    def compose(self, inp: CompositionInput) -> Composition:
        values = self._values(inp)
        figures: list[Figure] = []
        warnings: list[str] = []
        message = self.chain.invoke(values)
        messages: list[BaseMessage] | None = None
        rounds = 0
        while isinstance(message, AIMessage) and message.tool_calls and self.tools:
            if messages is None:
                messages = ANSWER_PROMPT.invoke(values).to_messages()
            messages.append(message)
            if rounds == self.max_tool_rounds:
                messages.pop()
                warnings.append(f"tool loop stopped after {rounds} rounds")
                message = self.llm.invoke(messages)  # no tools bound: the model must answer now
                break
            messages.extend(self._run_tools(message, figures, warnings))
            rounds += 1
            message = self.model.invoke(messages)
        text = message.text.strip()
        if not text:
            raise LLMOutputError("the model returned an empty answer")
        return Composition(text=text, composer=self.name, figures=figures, model=self.model_name, warnings=warnings)

    def stream(self, inp: CompositionInput) -> Iterator[str | Composition]:
        values = self._values(inp)
        figures: list[Figure] = []
        warnings: list[str] = []
        written: list[str] = []
        messages: list[BaseMessage] | None = None
        source: Iterator[Any] = self.chain.stream(values)
        rounds, forced = 0, False
        while True:
            message: AIMessageChunk | None = None
            for chunk in source:
                message = chunk if message is None else message + chunk
                piece = chunk.text
                if piece:
                    written.append(piece)
                    yield piece
            if message is None:
                raise LLMOutputError("the model stream ended without a message")
            if not (message.tool_calls and self.tools):
                if message.response_metadata.get("finish_reason") is None:
                    raise LLMOutputError("the model stream was cut off before it finished")
                break
            if forced:
                raise LLMOutputError(f"the model kept calling tools after {rounds} rounds")
            if messages is None:
                messages = ANSWER_PROMPT.invoke(values).to_messages()
            if rounds == self.max_tool_rounds:
                warnings.append(f"tool loop stopped after {rounds} rounds")
                source, forced = self.llm.stream(messages), True  # no tools bound: the model must answer now
                continue
            messages.append(AIMessage(content=message.text, tool_calls=message.tool_calls))
            messages.extend(self._run_tools(message, figures, warnings))
            rounds += 1
            source = self.model.stream(messages)
        text = "".join(written).strip()
        if not text:
            raise LLMOutputError("the model returned an empty answer")
        yield Composition(text=text, composer=self.name, figures=figures, model=self.model_name, warnings=warnings)

    # --- helpers --------------------------------------------------------------------------------
    def _values(self, inp: CompositionInput) -> dict[str, str]:
        return answer_prompt_values(inp.question, inp.contexts, inp.language, inp.figures, inp.is_advice)

    def _run_tools(self, message: AIMessage, figures: list[Figure], warnings: list[str]) -> list[ToolMessage]:
        """Run each requested tool; its output goes back to the model, its `figures` into the answer.

        Tools are invoked with the whole ToolCall, so both plain tools and `content_and_artifact` tools
        work: figures are read from the artifact when there is one, else from the JSON content."""
        replies = []
        for call in message.tool_calls:
            call_id = call.get("id") or call["name"]
            tool = self.tools.get(call["name"])
            if tool is None:
                error = f"unknown tool {call['name']!r}; available: {', '.join(self.tools)}"
                warnings.append(f"model asked for unknown tool {call['name']!r}")
                replies.append(ToolMessage(content=json.dumps({"error": error}), tool_call_id=call_id, name=call["name"], status="error"))
                continue
            try:
                reply = tool.invoke({**call, "id": call_id, "type": "tool_call"})
            except Exception as exc:  # a tool's failure is told to the model, not raised to the customer
                warnings.append(f"tool {call['name']} failed: {exc}")
                content = json.dumps({"error": f"{type(exc).__name__}: {exc}"}, ensure_ascii=False)
                replies.append(ToolMessage(content=content, tool_call_id=call_id, name=call["name"], status="error"))
                continue
            if not isinstance(reply, ToolMessage):  # a tool that ignores the ToolCall protocol
                reply = ToolMessage(content=_as_json(reply), tool_call_id=call_id, name=call["name"])
            found = _figures_of(reply.artifact, warnings) if reply.artifact is not None else []
            figures.extend(found or _figures_of(reply.content, warnings))
            replies.append(reply)
        return replies

    def ping(self) -> bool:
        """Whether the endpoint answers `GET /models` (cheap; no tokens spent)."""
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        try:
            response = httpx.get(f"{self.base_url}/models", headers=headers, timeout=min(self.timeout_s, 5.0))
        except httpx.HTTPError:
            return False
        return response.status_code < 500


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


def condense_question(llm: BaseChatModel | Runnable, history: Sequence[tuple[str, str]], question: str) -> str:
    """Rewrite a follow-up (「咁同標普500比呢？」) into a standalone question using the conversation.

    Without history the question is returned as is. Raises what the model raises (the chain falls back to
    extractive subject carry-over); an empty or runaway rewrite yields the original question.
    """
    if not history:
        return question
    chain = CONDENSE_PROMPT | llm | StrOutputParser()
    rewritten = chain.invoke({"history": history_messages(history), "question": question}).strip()
    rewritten = rewritten.strip().strip("\"'「」“”").strip()
    for prefix in ("Standalone question:", "standalone question:"):
        if rewritten.startswith(prefix):
            rewritten = rewritten[len(prefix) :].strip()
    if not rewritten or len(rewritten) > max(200, 4 * len(question)):
        return question
    return rewritten.splitlines()[0].strip()
