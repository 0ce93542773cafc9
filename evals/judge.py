"""Optional LLM-as-judge metrics in the RAGAS sense. Off by default; only with `caiwen eval --judge` and an
LLM configured (CAIWEN_LLM_BASE_URL). Their values depend on the judge model, so reports label them.

- faithfulness: the judge splits the answer into standalone claims and marks each as supported or not by
  the retrieved context; score = supported claims ÷ claims (None when the answer makes no claims, e.g. a
  refusal). RAGAS does this in two calls; one call asking for both is cheaper and equivalent here.
- answer relevancy: the judge writes N questions the answer would answer and says whether the answer is
  noncommittal; score = mean cosine similarity between the customer's question and those questions with
  the product's own embedder (0 when noncommittal). With multilingual-e5 cosines sit in a narrow band
  (about 0.75–0.95), so compare runs with each other rather than reading the value as a percentage.

A judge failure (unreachable endpoint, unreadable output) leaves that item's judge metrics as None and
records why; it never stops the evaluation.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import numpy as np
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from assistant.options import LLMOptions
from assistant.schemas import AnswerResponse
from evals.golden import GoldenItem
from knowledge_base.base import KnowledgeBase
from knowledge_base.embedders.base import Embedder

FAITHFULNESS_SYSTEM = (
    "You check whether an answer is faithful to its context. Split the ANSWER into short standalone factual "
    "claims (ignore citation markers like [1], disclaimers, and statements that information is unavailable). "
    "For each claim decide whether the CONTEXT directly supports it; arithmetic on numbers stated in the "
    "context counts as supported when it is correct. Reply with JSON only: "
    '{"claims": [{"claim": "...", "supported": true}]}'
)
RELEVANCY_SYSTEM = (
    "Write {n} different questions that the ANSWER below answers, in the same language and script as the "
    "answer. Also say whether the answer is noncommittal (evasive, vague, or says it cannot answer). "
    'Reply with JSON only: {{"questions": ["..."], "noncommittal": false}}'
)

ContextFn = Callable[[AnswerResponse], list[str]]
QuestionEmbedder = Callable[[list[str]], np.ndarray]


class JudgeOutputError(ValueError):
    """The judge model's reply held no usable JSON object."""


def parse_json_object(text: str) -> dict[str, Any]:
    """The first JSON object in a reply, tolerating ```json fences and prose around it."""
    start = text.find("{")
    while start != -1:
        try:
            value, _ = json.JSONDecoder().raw_decode(text[start:])
        except json.JSONDecodeError:
            start = text.find("{", start + 1)
            continue
        if isinstance(value, dict):
            return value
        start = text.find("{", start + 1)
    raise JudgeOutputError(f"no JSON object in judge reply: {text[:200]!r}")


class LLMJudge:
    def __init__(self, chat: BaseChatModel, embed_queries: QuestionEmbedder, contexts: ContextFn, n_questions: int = 3):
        self.chat = chat
        self.embed_queries = embed_queries
        self.contexts = contexts
        self.n_questions = n_questions

    def _ask(self, system: str, user: str) -> dict[str, Any]:
        reply = self.chat.invoke([SystemMessage(system), HumanMessage(user)])
        return parse_json_object(reply.text)

    def faithfulness(self, answer: str, contexts: list[str]) -> tuple[float | None, list[dict]]:
        context = "\n\n".join(f"[{i}] {text}" for i, text in enumerate(contexts, 1))
        data = self._ask(FAITHFULNESS_SYSTEM, f"CONTEXT:\n{context}\n\nANSWER:\n{answer}")
        claims = [c for c in data.get("claims", []) if isinstance(c, dict) and "supported" in c]
        if not claims:
            return None, []
        return sum(bool(c["supported"]) for c in claims) / len(claims), claims

    def answer_relevancy(self, question: str, answer: str) -> tuple[float | None, list[str]]:
        data = self._ask(RELEVANCY_SYSTEM.format(n=self.n_questions), f"ANSWER:\n{answer}")
        questions = [q for q in data.get("questions", []) if isinstance(q, str) and q.strip()]
        if data.get("noncommittal"):
            return 0.0, questions
        if not questions:
            return None, []
        vectors = np.asarray(self.embed_queries([question, *questions]), dtype=np.float32)
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        return float(np.mean(vectors[1:] @ vectors[0])), questions

    def __call__(self, item: GoldenItem, response: AnswerResponse) -> dict[str, Any]:
        verdict: dict[str, Any] = {"judge_faithfulness": None, "judge_answer_relevancy": None}
        if not response.answer.strip():
            return verdict
        try:
            if not response.refused:
                verdict["judge_faithfulness"], verdict["claims"] = self.faithfulness(
                    response.answer, self.contexts(response)
                )
            verdict["judge_answer_relevancy"], verdict["generated_questions"] = self.answer_relevancy(
                item.question, response.answer
            )
        except Exception as exc:  # the judge is advisory: record and go on
            verdict["judge_error"] = f"{type(exc).__name__}: {exc}"
        return verdict


def knowledge_base_contexts(kb: KnowledgeBase) -> ContextFn:
    """Texts of the retrieved chunks from the evaluated store; citation quotes when a chunk is not found."""
    cache: dict[str, dict[str, str]] = {}

    def contexts(response: AnswerResponse) -> list[str]:
        texts = []
        for hit in sorted(response.retrieved, key=lambda r: r.rank):
            if hit.doc_id not in cache:
                cache[hit.doc_id] = {c.chunk_id: c.text for c in kb.chunks(hit.doc_id)}
            text = cache[hit.doc_id].get(hit.chunk_id)
            if text:
                texts.append(text)
        return texts or [c.quote for c in response.citations]

    return contexts


def make_judge(llm: LLMOptions, embedder: Embedder, contexts: ContextFn, model: str | None = None) -> LLMJudge:
    """A judge asking the configured LLM endpoint (`model` instead of its model when given)."""
    from langchain_openai import ChatOpenAI

    if not llm.llm_base_url:
        raise ValueError("the LLM judge needs CAIWEN_LLM_BASE_URL")
    chat = ChatOpenAI(
        base_url=llm.llm_base_url,
        api_key=llm.llm_api_key or "not-needed",
        model=model or llm.llm_model,
        timeout=llm.llm_timeout_s,
        max_retries=0,
        temperature=0,
    )
    return LLMJudge(chat, embedder.embed_queries, contexts)
