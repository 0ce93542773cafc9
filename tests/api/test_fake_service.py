"""The fake answer service and the real chain both provide what the routes use (`api.deps.AnswerService`),
so tests on the fake exercise the same interface production serves."""
from __future__ import annotations

import inspect

import pytest

from api.deps import AnswerService, SourceCatalog
from api.fake_service import FakeAnswerService, FakeKnowledgeBase
from assistant.chain import Assistant
from knowledge_base.base import KnowledgeBase


def _methods(protocol: type) -> list[str]:
    return [name for name, value in vars(protocol).items() if inspect.isfunction(value) and not name.startswith("_")]


@pytest.mark.parametrize("implementation", [Assistant, FakeAnswerService])
def test_answer_services_have_every_method_with_its_parameters(implementation: type) -> None:
    for name in _methods(AnswerService):
        wanted = [p for p in inspect.signature(getattr(AnswerService, name)).parameters.values()
                  if p.kind is p.POSITIONAL_OR_KEYWORD]
        have = inspect.signature(getattr(implementation, name)).parameters
        assert [p.name for p in wanted] == list(have)[:len(wanted)], (implementation.__name__, name)


@pytest.mark.parametrize("implementation", [KnowledgeBase, FakeKnowledgeBase])
def test_source_catalogs_have_every_method(implementation: type) -> None:
    for name in _methods(SourceCatalog):
        assert callable(getattr(implementation, name, None)), (implementation.__name__, name)


def test_the_fake_fails_the_ways_the_chain_can() -> None:
    from assistant.errors import InvalidQuestionError
    from knowledge_base.errors import StoreUnavailableError

    fake = FakeAnswerService()
    assert fake.ask("羅素2000幾時重組?").citations[0].doc_id == fake.kb.sources()[0].doc_id
    with pytest.raises(InvalidQuestionError):
        fake.ask("BAD")
    fake.store_up = False
    with pytest.raises(StoreUnavailableError):
        list(fake.stream("羅素2000幾時重組?"))
