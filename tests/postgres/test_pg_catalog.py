"""The catalog and lexical index on a real PostgreSQL: API instances that keep nothing locally.

Vectors live in a real `chroma run` server, records and the lexical index in PostgreSQL; an ingest run from
a third data directory is answered at once by two instances with their own (empty) data directories, and
a fresh instance is ready without any copy of the corpus."""
from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from caiwen.wiring import create_app
from caiwen.config import Settings
from knowledge_base import bm25
from knowledge_base.catalog_pg import PgCatalog
from knowledge_base.retriever import glossed_terms, plan_query
from tests.knowledge_base.conftest import Server, start_server

SHARED = Path(__file__).resolve().parents[3] / "shared"
CORPUS = SHARED / "corpus"
GOLDEN = SHARED / "golden" / "dev.jsonl"
QUESTION = "羅素2000點樣重組？"
NEW_NOTE = ("聯準會十二月會議紀要：多數官員支持在明年第一季再降息一碼，並強調通脹回落速度是關鍵。"
            "市場據此預期小型股的融資成本將下降。") * 2


@pytest.fixture(scope="module")
def chroma(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    from tests.conftest import free_port

    port = free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    server = start_server(["chroma", "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
                          f"http://127.0.0.1:{port}", "/api/v2/heartbeat")
    yield server
    server.stop()


def settings_for(data_dir: Path, url: str, chroma: Server) -> Settings:
    return Settings(data_dir=data_dir, database_url=url, chroma_url=chroma.url, composer="extractive",
                    rate_limit="1000/minute")


def ask(client: TestClient, question: str = QUESTION) -> dict:
    response = client.post("/v1/ask", json={"question": question}, headers={"Authorization": f"Bearer {client.key}"})
    assert response.status_code == 200, response.text
    return response.json()


def cited(answer: dict) -> list[tuple[str, str]]:
    return [(c["doc_id"], c["chunk_id"]) for c in answer["citations"]]


def test_stateless_instances_answer_alike_right_after_an_ingest_elsewhere(postgres, chroma: Server,
                                                                          tmp_path: Path) -> None:
    from caiwen.persistence import make_engine, upgrade
    from api.security import KeyStore
    from caiwen.wiring import run_ingest

    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    url = postgres.new_database("stateless")
    ingest_dir = tmp_path / "ingest-machine"
    summary = run_ingest([CORPUS], settings_for(ingest_dir, url, chroma))
    assert summary.ok and len(summary.added) == len(list(CORPUS.iterdir()))
    engine = make_engine(url)
    upgrade(engine)
    key = KeyStore(engine).create("support-desk", "ask")
    engine.dispose()

    dir_a, dir_b = tmp_path / "instance-a", tmp_path / "instance-b"
    with TestClient(create_app(settings_for(dir_a, url, chroma))) as a, \
            TestClient(create_app(settings_for(dir_b, url, chroma))) as b:
        a.key = b.key = key
        on_a, on_b = ask(a), ask(b)
        assert cited(on_a) and cited(on_a) == cited(on_b) and on_a["answer"] == on_b["answer"]

        notes = tmp_path / "notes"
        notes.mkdir()
        (notes / "fomc-minutes.txt").write_text(NEW_NOTE, encoding="utf-8")
        added = run_ingest([notes / "fomc-minutes.txt"], settings_for(ingest_dir, url, chroma))
        assert added.added == ["fomc-minutes.txt"]
        question = "聯準會會議紀要對降息有什麼說法？"
        after_a, after_b = ask(a, question), ask(b, question)  # no sync interval to wait for
        assert "fomc-minutes.txt" in {doc for doc, _ in cited(after_a)}
        assert cited(after_a) == cited(after_b)

    for data_dir in (dir_a, dir_b):  # nothing of the corpus or its index on the instances' disks
        assert not (data_dir / "catalog.sqlite3").exists() and not (data_dir / "caiwen.db").exists()

    fresh = tmp_path / "instance-fresh"
    started = time.monotonic()
    with TestClient(create_app(settings_for(fresh, url, chroma))) as c:
        ready = c.get("/readyz")
        ready_s = time.monotonic() - started
        assert ready.status_code == 200, ready.text
        assert ready.json()["checks"]["documents"] == len(list(CORPUS.iterdir())) + 1
        c.key = key
        assert cited(ask(c)) == cited(on_a)
    assert ready_s < 60  # start-up loads code and the chain, never the corpus (measured: a few seconds)
    assert not any(p.suffix in {".txt", ".sqlite3"} for p in fresh.rglob("*"))


def test_postgres_ranks_exactly_like_the_sqlite_catalog(postgres, ingested_corpus) -> None:
    """The same chunks in both catalogs: the same lexical hits and BM25 scores for every golden question."""
    sqlite = ingested_corpus.kb.catalog
    pg = PgCatalog(postgres.new_database("rank"))
    for doc in sqlite.documents():
        pg.replace_document(doc, sqlite.cleaned_text(doc.doc_id) or "", sqlite.chunks(doc.doc_id))
    assert pg.chunk_count() == sqlite.chunk_count()
    questions = [json.loads(line)["question"] for line in GOLDEN.read_text(encoding="utf-8").splitlines() if line]
    compared = 0
    for question in questions:
        tokens = plan_query(question).lexical_tokens
        on_sqlite, on_pg = sqlite.lexical_query(tokens, 20), pg.lexical_query(tokens, 20)
        assert [c for c, _ in on_pg.hits] == [c for c, _ in on_sqlite.hits], question
        assert [s for _, s in on_pg.hits] == pytest.approx([s for _, s in on_sqlite.hits], rel=1e-9)
        compared += bool(on_pg.hits)
    assert compared >= len(questions) // 2


def test_postgres_finds_the_same_glosses_as_the_sqlite_catalog(postgres, ingested_corpus) -> None:
    """An English question's glossed Chinese terms come from the chunks indexing its words: both catalogs
    read the same chunks and so map the question alike."""
    sqlite = ingested_corpus.kb.catalog
    pg = PgCatalog(postgres.new_database("gloss"))
    for doc in sqlite.documents():
        pg.replace_document(doc, "", sqlite.chunks(doc.doc_id))
    for word in ["reconstitution", "etf", "russell", "qwxzv"]:
        assert sorted(pg.texts_mentioning(word, 1000)) == sorted(sqlite.texts_mentioning(word, 1000)), word
    assert pg.texts_mentioning("qwxzv", 10) == [] and len(pg.texts_mentioning("etf", 2)) == 2
    question = "how does the reconstitution work"
    assert glossed_terms(question, pg) == glossed_terms(question, sqlite) == ["重组"]
    for prefix in ["invest", "trad", "etf", "qwxzv"]:
        assert pg.terms_starting(prefix, 50) == sqlite.terms_starting(prefix, 50), prefix
    assert pg.terms_starting("invest", 50)  # the English corpus article writes "investors"
    for fragment in ["达克", "保健", "指数", "qwxzv"]:
        assert pg.terms_containing(fragment, 5) == sqlite.terms_containing(fragment, 5), fragment
    assert "纳斯达克" in sqlite.terms_containing("达克", 5) and sqlite.terms_containing("指数", 5) == []
    # how often the index holds a word: which of an English word's dictionary senses the knowledge base uses most
    for term in ["指数", "罗素", "etf", "qwxzv"]:
        assert pg.chunk_frequency(term) == sqlite.chunk_frequency(term), term
    assert sqlite.chunk_frequency("指数") > 1 and sqlite.chunk_frequency("qwxzv") == 0


def test_statistics_follow_replacements_and_deletions(postgres, ingested_corpus) -> None:
    sqlite = ingested_corpus.kb.catalog
    pg = PgCatalog(postgres.new_database("stats"))
    docs = sqlite.documents()
    for doc in docs:
        pg.replace_document(doc, "", sqlite.chunks(doc.doc_id))
    first = docs[0]
    pg.replace_document(first, "", sqlite.chunks(first.doc_id)[:1])  # a new, shorter version
    pg.delete_document(docs[1].doc_id)
    with pg.engine.connect() as db:
        texts = [row[0] for row in db.execute(text("SELECT tokens FROM kb_chunks"))]
        df, chunks, tokens = bm25.term_counts(texts)
        assert dict(db.execute(text("SELECT term, df FROM kb_terms")).all()) == dict(df)
        assert tuple(db.execute(text("SELECT chunks, tokens FROM kb_totals")).one()) == (chunks, tokens)
    assert chunks == pg.chunk_count() == sum(d.chunk_count for d in docs[2:]) + 1
    assert pg.document(docs[1].doc_id) is None and pg.chunks(docs[1].doc_id) == []
    assert pg.mentions("羅素2000".replace("羅", "罗")) and not pg.mentions("qwxzv")
    # a part of a word ("russ" in "russell") is mentioned as text, not as a whole token: both catalogs agree
    probes = ["罗素2000", "qwxzv", "russ", "ussell", "russell"]
    for whole_token in (False, True):
        assert [pg.mentions(t, whole_token=whole_token) for t in probes] == \
               [sqlite.mentions(t, whole_token=whole_token) for t in probes], whole_token
    assert pg.mentions("russ") and not pg.mentions("russ", whole_token=True)


def test_answer_unit_vectors_are_shared_through_postgres(postgres, chroma: Server, tmp_path: Path) -> None:
    """Unit vectors go to the PostgreSQL embedding cache: an instance that did not ingest selects by meaning."""
    from caiwen.wiring import build_assistant, open_knowledge_base, run_ingest
    from knowledge_base.unit_vectors import quotable_unit_texts

    url = postgres.new_database("units")
    corpus = tmp_path / "docs"
    corpus.mkdir()
    (corpus / "fund.md").write_text(
        "# 北辰高息基金\n\n北辰高息基金由北辰投信發行，追蹤北辰高股息指數。\n"
        "投資人不能直接買賣北辰高股息指數，只能透過追蹤它的基金間接參與。\n", encoding="utf-8")
    writer = settings_for(tmp_path / "writer", url, chroma)
    summary = run_ingest([corpus], writer)
    assert summary.units_embedded >= 2
    reader_settings = settings_for(tmp_path / "reader", url, chroma)
    reader = open_knowledge_base(reader_settings)
    texts = quotable_unit_texts(c for d in reader.sources() for c in reader.chunks(d.doc_id))
    assert texts and set(reader.unit_vectors(texts)) == set(texts)
    answer = build_assistant(reader_settings).ask("Can I trade the index itself?")
    assert "間接參與" in answer.answer


def test_a_word_only_a_title_writes_is_mentioned_as_in_the_sqlite_catalog(postgres) -> None:
    from tests.knowledge_base.test_title_words import put

    pg = PgCatalog(postgres.new_database("titles"))
    put(pg, "fx.html", "Currency Exchange | Brightwater Crest Securities Limited", "Convert between HKD and USD.")
    assert pg.mentions("brightwater", whole_token=True) and pg.documents_titled("brightwater") == ["fx.html"]
    assert not pg.mentions("bright", whole_token=True)
    put(pg, "fx.html", "Currency Exchange", "Convert between HKD and USD.")  # re-ingested without its publisher
    assert not pg.mentions("brightwater", whole_token=True)
