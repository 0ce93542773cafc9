"""Follow-up questions made standalone by the LLM before retrieval (「咁同標普500比呢？」 -> a full question)."""
from __future__ import annotations

from collections.abc import Sequence

from langchain_core.language_models import BaseChatModel
from langchain_core.output_parsers import StrOutputParser
from langchain_core.runnables import Runnable

from assistant.prompts import CONDENSE_PROMPT, history_messages


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
