"""The context budget of the `llm` composer: which sources, cut how short, reach the model's prompt.

A small model on a CPU reads a prompt at tens of tokens a second, so what it is given decides how long a
customer waits for the first word. The budget keeps at most `max_sources` of the best-ranked chunks, each
trimmed to `chunk_chars` characters around the sentences that share most words with the question, and
drops sources from the end (then trims the last one harder) until the estimated prompt fits `prompt_tokens`.

Sources keep their rank order, so source n in the prompt is retrieved chunk n: the chain verifies the
answer's [n] markers against the full chunks and quotes them, never the trimmed text.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from assistant.sentences import split_sentences
from knowledge_base.records import SearchHit
from knowledge_base.scripts import normalize_for_index

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
_WORD = re.compile(r"[A-Za-z]+|\d+|[^\sA-Za-z\d]")
_DROP = re.compile(r"[\s\W_]+", re.UNICODE)
MIN_CHUNK_CHARS = 60


def estimate_tokens(text: str) -> int:
    """A slightly generous estimate of a Qwen/GPT-style BPE token count.

    Chinese characters count one token each (Qwen2.5's tokenizer needs about 0.85 for Traditional and 0.65
    for Simplified text), each digit one (Qwen splits numbers digit by digit), an English word one (two past
    eight letters) and any other character one. On 40 passages of the two corpora plus the system prompt it
    came to 1.2x llama.cpp's count overall and never below 0.88x (a table of digits); tests/local_llm checks
    it against the real tokenizer.
    """
    cjk = len(_CJK.findall(text))
    rest = _CJK.sub(" ", text)
    tokens = cjk
    for word in _WORD.findall(rest):
        if word.isdigit():
            tokens += len(word)
        elif word.isalpha():
            tokens += 1 + len(word) // 8
        else:
            tokens += 1
    return tokens


@dataclass(frozen=True)
class ContextBudget:
    prompt_tokens: int = 1200  # the whole rendered prompt: rules, sources, figures, question
    max_sources: int = 3
    chunk_chars: int = 240


@dataclass
class FittedContexts:
    contexts: list[SearchHit]  # the first len(contexts) retrieved chunks, texts trimmed
    tokens: int  # estimated prompt tokens with them
    dropped: int  # retrieved chunks left out
    trimmed: int  # chunks cut shorter than their stored text
    contexts_full: list[SearchHit] = field(default_factory=list)  # every retrieved chunk, untrimmed


def _bigrams(text: str) -> set[str]:
    squashed = _DROP.sub("", normalize_for_index(text).lower())
    return {squashed[i : i + 2] for i in range(len(squashed) - 1)}


def trim_chunk(text: str, question: str, limit: int) -> str:
    """At most `limit` characters of `text`: the sentence sharing most bigrams with the question, grown
    with its neighbours while they fit; a single over-long sentence is cut at the limit with an ellipsis."""
    if len(text.strip()) <= limit:
        return text
    text = text.strip()
    spans = split_sentences(text) or [(0, len(text))]
    wanted = _bigrams(question)
    scores = [len(_bigrams(text[s:e]) & wanted) for s, e in spans]
    best = max(range(len(spans)), key=lambda i: (scores[i], -i))
    lo = hi = best
    while True:  # grow towards the better-scoring neighbour first, the following one on ties
        options = [j for j in (hi + 1, lo - 1) if 0 <= j < len(spans)]
        options = [j for j in options if max(spans[hi][1], spans[j][1]) - min(spans[lo][0], spans[j][0]) <= limit]
        if not options:
            break
        j = max(options, key=lambda j: (scores[j], j > hi))
        lo, hi = min(lo, j), max(hi, j)
    start, end = spans[lo][0], spans[hi][1]
    if end - start > limit:
        return text[start : start + limit - 1].rstrip() + "…"
    return text[start:end]


def _with_text(hit: SearchHit, text: str) -> SearchHit:
    if text == hit.chunk.text:
        return hit
    return hit.model_copy(update={"chunk": hit.chunk.model_copy(update={"text": text})})


def fit_contexts(
    contexts: Sequence[SearchHit],
    question: str,
    budget: ContextBudget,
    prompt_tokens: Callable[[list[SearchHit]], int],
) -> FittedContexts:
    """The longest prefix of `contexts` (each trimmed) whose rendered prompt fits the budget.

    `prompt_tokens(contexts)` renders the whole prompt with those sources and counts it. At least one
    source is kept when there is any: it is trimmed down to MIN_CHUNK_CHARS before the budget gives up.
    """
    chosen = [_with_text(h, trim_chunk(h.chunk.text, question, budget.chunk_chars)) for h in contexts[: budget.max_sources]]
    tokens = prompt_tokens(chosen)
    while len(chosen) > 1 and tokens > budget.prompt_tokens:
        chosen.pop()
        tokens = prompt_tokens(chosen)
    limit = budget.chunk_chars
    while chosen and tokens > budget.prompt_tokens and limit > MIN_CHUNK_CHARS:
        limit = max(MIN_CHUNK_CHARS, limit * 2 // 3)
        chosen[0] = _with_text(contexts[0], trim_chunk(contexts[0].chunk.text, question, limit))
        tokens = prompt_tokens(chosen)
    trimmed = sum(1 for fitted, hit in zip(chosen, contexts) if fitted.chunk.text != hit.chunk.text)
    return FittedContexts(chosen, tokens, len(contexts) - len(chosen), trimmed, list(contexts))
