"""Composers chosen by name (`CAIWEN_COMPOSER`; `auto` resolves to llm or extractive in the settings)."""
from __future__ import annotations

from collections.abc import Callable

from assistant.composers.base import Composer
from assistant.composers.extractive import ExtractiveComposer
from caiwen.registry import Registry
from caiwen.settings import Settings

COMPOSERS: Registry[Callable[[Settings], Composer]] = Registry("composer")


@COMPOSERS.register("extractive")
def _extractive(settings: Settings) -> Composer:
    return ExtractiveComposer(meaning_weight=settings.meaning_weight)


@COMPOSERS.register("llm")
def _llm(settings: Settings) -> Composer:
    """The configured endpoint, with the extractive composer answering whenever it fails."""
    from assistant.composers.fallback import FallbackComposer
    from assistant.composers.llm import LLMComposer
    from assistant.figures.tools import figure_tools

    return FallbackComposer(LLMComposer(settings, tools=figure_tools(settings)),
                            ExtractiveComposer(meaning_weight=settings.meaning_weight))


@COMPOSERS.register("scripted")
def _scripted(settings: Settings) -> Composer:
    from assistant.composers.scripted import ScriptedComposer

    return ScriptedComposer()


def build_composer(settings: Settings) -> Composer:
    return COMPOSERS.get(settings.composer_name)(settings)
