"""The `llm` composer: any OpenAI-compatible chat endpoint through langchain-openai, as an LCEL chain.

    composer = LLMComposer(options, tools=figure_tools(...))   # options: assistant.options.LLMOptions
    composition = composer.compose(inp)         # or: for piece in composer.stream(inp): ...

The composer writes; it does not judge. Its text goes through `assistant.verification.verify_answer`
in the chain like every composer's. Tool calls (the computation tool) run in a bounded loop and the
figures they return land in `Composition.figures`. Failures (connection, timeout, HTTP errors, empty
output, a reply that cites none of its sources) raise; `FallbackComposer` turns them into an extractive answer.

What reaches the prompt is bounded by the context budget (`assistant.composers.budget`, CAIWEN_LLM_K,
CAIWEN_LLM_CHUNK_CHARS, CAIWEN_LLM_PROMPT_TOKENS). Tools come in three modes (CAIWEN_LLM_TOOLS):
`native` binds them as OpenAI tools; `json` is the structured-output fallback for models that cannot call
tools (small local models): the tools are listed in the system message and a reply that is nothing but
`{"tool": name, "arguments": {...}}` runs one, after which the prompt is sent again with the result in
<figures>; `off` offers none (the chain still computes the figures its question parser recognises). A
native model that answers with such a JSON object instead of a tool call is handled the same way.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from typing import Any

from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.runnables import Runnable
from langchain_core.tools import BaseTool
from langchain_openai import ChatOpenAI

from assistant.citation_markers import markers_in
from assistant.composers.base import Composition, CompositionInput
from assistant.composers.budget import ContextBudget, FittedContexts, estimate_tokens, fit_contexts
from assistant.composers.llm_spans import LLMSpans
from assistant.composers.llm_tools import may_be_tool_request, run_text_tool, run_tools, text_tool_call
from assistant.composers.worked_example import worked_example
from assistant.options import LLMOptions
from assistant.prompts import ANSWER_PROMPT, answer_prompt_values, says_not_in_sources, tool_catalogue
from assistant.schemas import Figure
from assistant.verification import verify_answer
from knowledge_base.records import SearchHit

MAX_TOOL_ROUNDS = 3
TOOL_MODES = ("native", "json", "off")

_ECHOED_MARKUP = re.compile(r"</?sources?\b|<figures>", re.IGNORECASE)

log = logging.getLogger("caiwen.llm")


class LLMOutputError(RuntimeError):
    """The endpoint answered, but with nothing usable (empty text, a stream cut short)."""


def chat_model(options: LLMOptions) -> ChatOpenAI:
    return ChatOpenAI(
        base_url=options.llm_base_url,
        api_key=options.llm_api_key or "not-needed",
        model=options.llm_model,
        timeout=options.llm_timeout_s,
        max_retries=0,
        temperature=0,
        max_tokens=options.llm_max_tokens,
        callbacks=[LLMSpans(options.llm_model, options.llm_base_url)],
    )


def budget_of(options: LLMOptions) -> ContextBudget:
    return ContextBudget(prompt_tokens=options.llm_prompt_tokens, max_sources=options.llm_k,
                         chunk_chars=options.llm_chunk_chars)


def worked_for_prompt(inp: CompositionInput) -> tuple[list[Figure], list[str]]:
    """A source's worked example worked again with the asker's figures (composers/worked_example.py), for the
    prompt's <figures>: its figures, and its steps as a note, so the model states them rather than redoing the
    arithmetic (a small model gets 230,000 × 4.62% ÷ 2 wrong more often than right)."""
    worked = worked_example(inp, {h.chunk.doc_id for h in inp.contexts})
    if worked is None:
        return [], []
    return list(worked.figures), [f"Worked example, from the sources with the asker's figures: {worked.text}"]


class LLMComposer:
    name = "llm"

    def __init__(self, options: LLMOptions, tools: Sequence[BaseTool] | None = None, max_tool_rounds: int = MAX_TOOL_ROUNDS,
                 budget: ContextBudget | None = None) -> None:
        if not options.llm_base_url:
            raise ValueError("the llm composer needs CAIWEN_LLM_BASE_URL (an OpenAI-compatible endpoint)")
        if options.llm_tools not in TOOL_MODES:
            raise ValueError(f"unknown CAIWEN_LLM_TOOLS {options.llm_tools!r}: use {', '.join(TOOL_MODES)}")
        self.model_name = options.llm_model
        self.base_url = options.llm_base_url.rstrip("/")
        self.api_key = options.llm_api_key
        self.timeout_s = float(options.llm_timeout_s)
        self.max_tool_rounds = max_tool_rounds
        self.budget = budget or budget_of(options)
        self.tool_mode = options.llm_tools
        self.llm = chat_model(options)
        self.tools = {tool.name: tool for tool in tools or []} if self.tool_mode != "off" else {}
        native = self.tool_mode == "native" and self.tools
        self.model: Runnable = self.llm.bind_tools(list(self.tools.values())) if native else self.llm
        self.chain: Runnable = ANSWER_PROMPT | self.model
        self.catalogue = tool_catalogue(
            [(t.name, list(t.args), t.description) for t in self.tools.values()]
        ) if self.tool_mode == "json" and self.tools else ""

    # --- protocol -------------------------------------------------------------------------------
    def compose(self, inp: CompositionInput) -> Composition:
        fitted = self.fit(inp)
        figures, notes = worked_for_prompt(inp)
        values = self._values(inp, fitted.contexts, figures, notes)
        warnings: list[str] = []
        message = self.chain.invoke(values)
        messages: list[BaseMessage] | None = None
        rounds = 0
        while True:
            if isinstance(message, AIMessage) and message.tool_calls and self.tools:
                if messages is None:
                    messages = ANSWER_PROMPT.invoke(values).to_messages()
                messages.append(message)
                if rounds == self.max_tool_rounds:
                    messages.pop()
                    warnings.append(f"tool loop stopped after {rounds} rounds")
                    message = self.llm.invoke(messages)  # no tools bound: the model must answer now
                    break
                messages.extend(run_tools(self.tools, message, figures, warnings))
                rounds += 1
                message = self.model.invoke(messages)
                continue
            call = text_tool_call(self.tools, message.text) if messages is None else None
            if call is None or rounds == self.max_tool_rounds:
                break
            run_text_tool(self.tools, call, figures, notes, warnings)
            rounds += 1
            values = self._values(inp, fitted.contexts, figures, notes)
            message = self.chain.invoke(values)
        text = message.text.strip()
        self._check_reply(text, fitted, [*inp.figures, *figures], inp.question)
        return Composition(text=text, composer=self.name, figures=figures, model=self.model_name, warnings=warnings)

    def stream(self, inp: CompositionInput) -> Iterator[str | Composition]:
        fitted = self.fit(inp)
        figures, notes = worked_for_prompt(inp)
        values = self._values(inp, fitted.contexts, figures, notes)
        warnings: list[str] = []
        written: list[str] = []
        messages: list[BaseMessage] | None = None
        source: Iterator[Any] = self.chain.stream(values)
        rounds, forced = 0, False
        while True:
            message: AIMessageChunk | None = None
            held: list[str] = []  # the reply's opening, held back while it may be a JSON tool request
            holding = bool(self.tools) and messages is None
            for chunk in source:
                message = chunk if message is None else message + chunk
                piece = chunk.text
                if not piece:
                    continue
                if holding:
                    held.append(piece)
                    if may_be_tool_request("".join(held)):
                        continue
                    holding, piece, held = False, "".join(held), []
                written.append(piece)
                yield piece
            if message is None:
                raise LLMOutputError("the model stream ended without a message")
            if not (message.tool_calls and self.tools):
                call = text_tool_call(self.tools, "".join(held)) if held else None
                if call is not None and rounds < self.max_tool_rounds:
                    run_text_tool(self.tools, call, figures, notes, warnings)
                    rounds += 1
                    values = self._values(inp, fitted.contexts, figures, notes)
                    source = self.chain.stream(values)
                    continue
                if held:
                    written.append("".join(held))
                    yield "".join(held)
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
            messages.extend(run_tools(self.tools, message, figures, warnings))
            rounds += 1
            source = self.model.stream(messages)
        text = "".join(written).strip()
        self._check_reply(text, fitted, [*inp.figures, *figures], inp.question)
        yield Composition(text=text, composer=self.name, figures=figures, model=self.model_name, warnings=warnings)

    # --- helpers --------------------------------------------------------------------------------
    def fit(self, inp: CompositionInput) -> FittedContexts:
        """The sources that go into the prompt, within the context budget."""

        def prompt_tokens(contexts: list[SearchHit]) -> int:
            messages = ANSWER_PROMPT.format_messages(**self._values(inp, contexts))
            return sum(estimate_tokens(m.text) for m in messages) + 5 * len(messages)  # + chat-template markup

        fitted = fit_contexts(inp.contexts, inp.norm_question, self.budget, prompt_tokens)
        log.debug("prompt: %d sources (%d dropped, %d trimmed), ~%d tokens", len(fitted.contexts), fitted.dropped,
                  fitted.trimmed, fitted.tokens)
        return fitted

    def _values(self, inp: CompositionInput, contexts: Sequence[SearchHit], figures: Sequence[Figure] = (),
                notes: Sequence[str] = ()) -> dict[str, str]:
        return answer_prompt_values(inp.question, contexts, inp.language, [*inp.figures, *figures], inp.is_advice,
                                    tools=self.catalogue, notes=notes)

    def _check_reply(self, text: str, fitted: FittedContexts, figures: Sequence[Figure], question: str = "") -> None:
        """An empty reply, or one that states facts citing none of its sources, is not an answer."""
        if not text:
            raise LLMOutputError("the model returned an empty answer")
        if _ECHOED_MARKUP.search(text):  # measured: the 1.5B model sometimes copies the sources block back
            raise LLMOutputError("the reply echoes the prompt's <sources> markup")
        n = len(fitted.contexts)
        if not n or figures or says_not_in_sources(text):
            return
        if not any(1 <= m <= n for m in markers_in(text)):
            raise LLMOutputError(f"the reply cites none of its {n} sources")
        # A number that no retrieved passage, computed figure or the question holds is invented (a 1.5B model
        # wrote "IWM 的管理費係 0.05%[1]" from sources without fees): the customer gets the extractive answer.
        # One that a retrieved passage holds but the sentence cites wrongly is only flagged by the chain.
        verified = verify_answer(text, fitted.contexts_full, figures, question=question)
        for finding in verified.of_kind("ungrounded_number"):
            if "it appears in [" not in finding.detail:
                raise LLMOutputError(f"the reply states {finding.number}, which none of the sources holds")
