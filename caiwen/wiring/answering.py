"""The assistant, its composer and the market-data provider, built from the settings."""
from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.options import AnswerOptions, ComposerOptions, LLMOptions
from caiwen.config import Settings
from market_data.options import MarketDataOptions

if TYPE_CHECKING:
    from assistant.chain import Assistant
    from assistant.composers.base import Composer
    from market_data.providers.base import MarketDataProvider


def market_data_options(settings: Settings) -> MarketDataOptions:
    return MarketDataOptions(
        market_data=settings.market_data, prices_dir=settings.prices_dir, market_data_url=settings.market_data_url,
        market_data_timeout_s=settings.market_data_timeout_s, market_data_cache_ttl_s=settings.market_data_cache_ttl_s,
    )


def market_data_provider(settings: Settings) -> "MarketDataProvider":
    """The process-wide provider for the configured backend (one TTL cache and pool per configuration)."""
    from market_data.providers import provider_for

    return provider_for(market_data_options(settings))


def llm_options(settings: Settings) -> LLMOptions:
    return LLMOptions(
        llm_base_url=settings.llm_base_url, llm_model=settings.llm_model, llm_api_key=settings.llm_api_key,
        llm_timeout_s=settings.llm_timeout_s, llm_tools=settings.llm_tools, llm_prompt_tokens=settings.llm_prompt_tokens,
        llm_k=settings.llm_k, llm_chunk_chars=settings.llm_chunk_chars, llm_max_tokens=settings.llm_max_tokens,
    )


def composer_options(settings: Settings) -> ComposerOptions:
    return ComposerOptions(composer=settings.composer_name, meaning_weight=settings.meaning_weight,
                           llm=llm_options(settings), market=market_data_options(settings))


def build_composer(settings: Settings) -> "Composer":
    """The composer the registry files under CAIWEN_COMPOSER (`auto`: llm when an endpoint is set)."""
    from assistant.composers.registry import build_composer as build

    return build(composer_options(settings))


def answer_options(settings: Settings) -> AnswerOptions:
    return AnswerOptions(sql_url=settings.sql_url, k=settings.k, max_question_chars=settings.max_question_chars,
                         meaning_weight=settings.meaning_weight, advice_by_meaning=settings.advice_by_meaning,
                         market=market_data_options(settings))


def build_assistant(settings: Settings) -> "Assistant":
    """The answering chain over the configured knowledge base: store, embedder and composer built once."""
    from assistant.chain import Assistant
    from caiwen.wiring.knowledge import open_knowledge_base

    return Assistant(open_knowledge_base(settings), build_composer(settings), answer_options(settings))
