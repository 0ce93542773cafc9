"""Composers chosen by name (`CAIWEN_COMPOSER`; `auto` is resolved to llm or extractive by the composition root)."""
from __future__ import annotations

from collections.abc import Callable

from assistant.composers.base import Composer
from assistant.composers.extractive import ExtractiveComposer
from assistant.options import ComposerOptions
from caiwen.registry import Registry

COMPOSERS: Registry[Callable[[ComposerOptions], Composer]] = Registry("composer")


@COMPOSERS.register("extractive")
def _extractive(options: ComposerOptions) -> Composer:
    return ExtractiveComposer(meaning_weight=options.meaning_weight)


@COMPOSERS.register("llm")
def _llm(options: ComposerOptions) -> Composer:
    """The configured endpoint, with the extractive composer answering whenever it fails."""
    from assistant.composers.fallback import FallbackComposer
    from assistant.composers.llm import LLMComposer
    from assistant.figures.tools import figure_tools

    return FallbackComposer(LLMComposer(options.llm, tools=figure_tools(options.market)),
                            ExtractiveComposer(meaning_weight=options.meaning_weight))


@COMPOSERS.register("scripted")
def _scripted(options: ComposerOptions) -> Composer:
    from assistant.composers.scripted import ScriptedComposer

    return ScriptedComposer()


def build_composer(options: ComposerOptions) -> Composer:
    return COMPOSERS.get(options.composer)(options)
