"""Two API instances behind a load balancer: the same PostgreSQL `database_url`, different data directories
(each its own ingested copy of the corpus), the real chain, real Chroma and the real embedder. Whatever one
instance records — conversation turns, audit rows, feedback, keys — the other sees."""
from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from caiwen.wiring import create_app
from api.audit import AuditLog
from caiwen.persistence import make_engine, upgrade
from api.security import KeyStore
from assistant.conversations import ConversationStore
from caiwen.config import Settings

CORPUS_FILE = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "001_aab619b458c5b363.txt"
ORIGIN = "https://broker.example"


@dataclass
class Instances:
    a: TestClient
    b: TestClient
    url: str
    data_dirs: tuple[Path, Path]
    keys: dict[str, str]

    def auth(self, scope: str = "ask") -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[scope]}"}


def settings_for(data_dir: Path, url: str) -> Settings:
    return Settings(data_dir=data_dir, database_url=url, composer="extractive", cors_origins=[ORIGIN],
                    rate_limit="1000/minute")


@pytest.fixture(scope="module")
def instances(postgres, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Instances]:
    from caiwen.wiring import run_ingest

    if not CORPUS_FILE.is_file():
        pytest.skip(f"shared corpus file not found at {CORPUS_FILE}")
    url = postgres.new_database("lb")
    root = tmp_path_factory.mktemp("pg-instances")
    corpus = root / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS_FILE, corpus / CORPUS_FILE.name)
    dir_a, dir_b = root / "data-a", root / "data-b"
    summary = run_ingest([corpus / CORPUS_FILE.name], settings_for(dir_a, url))
    assert summary.ok and summary.added, summary
    shutil.copytree(dir_a, dir_b)  # instance B's own copy of the ingested store, on its own "disk"

    engine = make_engine(url)
    upgrade(engine)
    keys = {"ask": KeyStore(engine).create("support-desk", "ask"), "admin": KeyStore(engine).create("ops", "admin")}
    engine.dispose()

    app_a, app_b = create_app(settings_for(dir_a, url)), create_app(settings_for(dir_b, url))
    with TestClient(app_a) as a, TestClient(app_b) as b:
        yield Instances(a, b, url, (dir_a, dir_b), keys)


def test_both_instances_are_ready_on_their_own_store(instances: Instances) -> None:
    for client in (instances.a, instances.b):
        response = client.get("/readyz")
        assert response.status_code == 200, response.text
        assert response.json()["checks"]["documents"] == 1
    # Keys minted once in the shared database are accepted by both instances.
    assert instances.b.get("/v1/sources", headers=instances.auth()).status_code == 200
    assert instances.a.get("/v1/sources", headers={"Authorization": "Bearer cw_unknown"}).status_code == 401


def test_a_conversation_started_on_one_instance_continues_on_the_other(instances: Instances) -> None:
    first = instances.a.post("/v1/ask", json={"question": "羅素2000係咩？"}, headers=instances.auth())
    assert first.status_code == 200, first.text
    started = first.json()
    assert started["citations"] and started["lang"] == "zh-Hant"

    follow = instances.b.post("/v1/ask", headers=instances.auth(),
                              json={"question": "佢點樣重組？", "conversation_id": started["conversation_id"]})
    assert follow.status_code == 200, follow.text
    continued = follow.json()
    assert continued["conversation_id"] == started["conversation_id"]
    standalone = continued["standalone_question"]
    assert standalone and "2000" in standalone and standalone.endswith("佢點樣重組？"), standalone

    alone = instances.b.post("/v1/ask", json={"question": "佢點樣重組？"}, headers=instances.auth()).json()
    assert alone["standalone_question"] is None  # without the shared history nothing is carried over

    store = ConversationStore(instances.url)
    turns = store.history(started["conversation_id"], caller="support-desk")  # the key that started it
    store.engine.dispose()
    assert [t.message_id for t in turns] == [started["message_id"], continued["message_id"]]

    # The longest conversation id the API accepts fits the PostgreSQL columns (SQLite never checks lengths).
    longest = "c" * 100
    response = instances.a.post("/v1/ask", json={"question": "羅素2000係咩？", "conversation_id": longest},
                                headers=instances.auth())
    assert response.status_code == 200 and response.json()["conversation_id"] == longest, response.text


def test_feedback_and_audit_rows_are_shared(instances: Instances) -> None:
    asked = instances.a.post("/v1/ask", json={"question": "How did the Russell 2000 do?"}, headers=instances.auth())
    assert asked.status_code == 200, asked.text
    on_a = asked.json()
    with instances.b.stream("POST", "/v1/chat/stream", json={"question": "羅素2000跑贏標普500幾多日？"},
                            headers={"Origin": ORIGIN}) as streamed:
        assert streamed.status_code == 200
        body = streamed.read().decode("utf-8")
    done = json.loads(body.rsplit("event: done", 1)[1].split("data:", 1)[1].split("\n\n", 1)[0])
    on_b = done["message_id"]

    # Feedback on A's answer given through B, and on B's answer through A, each by the caller it was given to
    # (the support tool, the widget): each instance finds the other's answer in the shared audit record.
    given = instances.b.post("/v1/feedback", json={"message_id": on_a["message_id"], "rating": "down",
                                                   "comment": "唔夠詳細"}, headers=instances.auth())
    assert given.status_code == 201, given.text
    given = instances.a.post("/v1/feedback", json={"message_id": on_b, "rating": "up"}, headers={"Origin": ORIGIN})
    assert given.status_code == 201, given.text

    for client in (instances.a, instances.b):
        items = client.get("/v1/feedback", headers=instances.auth("admin")).json()["items"]
        by_message = {item["message_id"]: item for item in items}
        assert by_message[on_a["message_id"]]["question"] == "How did the Russell 2000 do?"
        assert by_message[on_a["message_id"]]["comment"] == "唔夠詳細"
        assert by_message[on_a["message_id"]]["channel"] == "support-desk"
        assert by_message[on_b]["question"] == "羅素2000跑贏標普500幾多日？"
        assert by_message[on_b]["channel"] == "widget"

    engine = make_engine(instances.url)
    rows = {row["message_id"]: row for row in AuditLog(engine).records()}
    engine.dispose()
    assert rows[on_a["message_id"]]["channel"] == "support-desk"
    assert rows[on_a["message_id"]]["answer"] == on_a["answer"]
    assert rows[on_a["message_id"]]["citations"] == on_a["citations"]
    assert rows[on_b]["channel"] == "widget" and rows[on_b]["endpoint"] == "/v1/chat/stream"


def test_nothing_is_kept_in_a_local_database(instances: Instances) -> None:
    instances.a.post("/v1/ask", json={"question": "羅素2000係咩？"}, headers=instances.auth())
    for data_dir in instances.data_dirs:
        assert not (data_dir / "caiwen.db").exists(), sorted(p.name for p in data_dir.iterdir())


def test_text_postgresql_cannot_store_is_refused_clearly(instances: Instances) -> None:
    """PostgreSQL text cannot hold NUL characters (SQLite can): a 422 saying so, not a 5xx from the store."""
    response = instances.a.post("/v1/ask", json={"question": "羅素2000\u0000係咩？"}, headers=instances.auth())
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "invalid_request" and "question contains a NUL character" in error["message"]

    answered = instances.a.post("/v1/ask", json={"question": "羅素2000係咩？"}, headers=instances.auth()).json()
    given = instances.b.post("/v1/feedback", headers=instances.auth(),
                             json={"message_id": answered["message_id"], "rating": "up", "comment": "ok\u0000"})
    assert given.status_code == 422 and set(given.json()["error"]) == {"code", "message"}, given.text
    listed = instances.b.get("/v1/feedback", headers=instances.auth("admin")).json()["items"]
    assert answered["message_id"] not in {item["message_id"] for item in listed}
