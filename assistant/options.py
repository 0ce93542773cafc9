"""The assistant's settings, as plain values (the composition root fills them in)."""
from __future__ import annotations

from dataclasses import dataclass, field

from market_data.options import MarketDataOptions


@dataclass(frozen=True)
class AnswerOptions:
    sql_url: str  # where conversations are kept
    k: int = 5  # chunks retrieved when the caller does not say
    max_question_chars: int = 500
    meaning_weight: float = 2.0  # 0: the offline composer picks sentences by words alone
    advice_by_meaning: bool = True  # requests for a call recognised by their nearest labelled questions too
    market: MarketDataOptions = field(default_factory=MarketDataOptions)


@dataclass(frozen=True)
class LLMOptions:
    """The OpenAI-compatible endpoint and the context budget of one answer request."""

    llm_base_url: str | None = None
    llm_model: str = "gpt-4o-mini"
    llm_api_key: str | None = None
    llm_timeout_s: float = 30.0
    llm_tools: str = "native"  # native | json | off
    llm_prompt_tokens: int = 1200
    llm_k: int = 3
    llm_chunk_chars: int = 240
    llm_max_tokens: int = 300


@dataclass(frozen=True)
class ComposerOptions:
    composer: str = "extractive"  # a registry name (assistant.composers.registry.COMPOSERS); never "auto"
    meaning_weight: float = 2.0
    llm: LLMOptions = field(default_factory=LLMOptions)
    market: MarketDataOptions = field(default_factory=MarketDataOptions)
