"""Composers are chosen by name through one registry; the scripted fake stands in for a model in chain tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from assistant.composers.extractive import ExtractiveComposer
from assistant.composers.fallback import FallbackComposer
from assistant.composers.registry import COMPOSERS
from assistant.composers.registry import build_composer as build_by_name
from assistant.composers.scripted import ScriptedComposer
from assistant.options import ComposerOptions
from caiwen.config import ConfigError, Settings, load_settings
from caiwen.registry import UnknownNameError
from caiwen.wiring import answer_options, build_composer


def test_names_choose_the_composer(tmp_path: Path):
    assert isinstance(build_composer(Settings(data_dir=tmp_path)), ExtractiveComposer)  # auto, no endpoint
    llm = build_composer(Settings(data_dir=tmp_path, llm_base_url="http://127.0.0.1:9/v1"))
    assert isinstance(llm, FallbackComposer) and isinstance(llm.fallback, ExtractiveComposer)
    assert isinstance(build_composer(Settings(data_dir=tmp_path, composer="scripted")), ScriptedComposer)


def test_an_unknown_name_is_a_configuration_error_naming_the_choices(tmp_path: Path):
    with pytest.raises(UnknownNameError, match="unknown composer 'gpt': use one of extractive, llm, scripted"):
        build_by_name(ComposerOptions(composer="gpt"))
    assert COMPOSERS.names() == ["extractive", "llm", "scripted"]
    # from the environment, the settings refuse it before any part is built, naming the field and its variable
    with pytest.raises(ConfigError, match=r"composer \(CAIWEN_COMPOSER\): Input should be 'auto', 'llm', "
                                          r"'extractive' or 'scripted' \(got 'gpt'\)"):
        load_settings(data_dir=tmp_path, composer="gpt")


def test_the_chain_gives_the_scripted_answer_verified_against_the_sources(ingested_corpus):
    """The chain still verifies what the composer wrote: an invented source number is dropped."""
    from assistant.chain import Assistant

    scripted = ScriptedComposer().enqueue("羅素2000每年六月重組[1]。另見[9]。")
    assistant = Assistant(ingested_corpus.kb, scripted, answer_options(ingested_corpus.settings))
    response = assistant.ask("羅素2000幾時重組?", remember=False)
    assert scripted.inputs and scripted.inputs[0].contexts
    assert response.composer == "scripted"
    assert "[9]" not in response.answer
    assert all(c.n <= len(scripted.inputs[0].contexts) for c in response.citations)
