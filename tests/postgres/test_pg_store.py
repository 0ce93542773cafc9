"""The relational store on a real PostgreSQL server: schema, the append-only audit record and its export,
feedback, API keys and conversations — the code paths SQLite cannot prove (real DDL, triggers in PL/pgSQL,
enforced column lengths, time zones, concurrent start-up)."""
from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError, IntegrityError
from typer.testing import CliRunner

from api.audit import AuditLog
from caiwen.persistence import make_engine, upgrade
from api.feedback_store import FeedbackStore
from api.security import KeyExistsError, KeyStore
from assistant.conversations import ConversationStore
from assistant.schemas import AnswerResponse, Citation

API_TABLES = {"api_keys", "api_feedback", "api_audit_log"}


@pytest.fixture
def engine(pg_url: str) -> Iterator[Engine]:
    engine = make_engine(pg_url)
    upgrade(engine)
    yield engine
    engine.dispose()


def answer(message_id: str, conversation_id: str = "c1", text_: str = "羅素2000每年6月重組[1]。"
           ) -> AnswerResponse:
    citation = Citation(n=1, doc_id="001.txt", title="羅素2000", quote="每年6月重組", chunk_id="001.txt#0")
    return AnswerResponse(answer=text_, lang="zh-Hant", region="HK", composer="extractive", citations=[citation],
                          conversation_id=conversation_id, message_id=message_id)


def tables_and_triggers(engine: Engine) -> tuple[set[str], set[str]]:
    with engine.connect() as conn:
        tables = set(conn.scalars(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")))
        triggers = set(conn.scalars(text(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = 'api_audit_log'::regclass AND NOT tgisinternal")))
    return tables, triggers


# --- schema and the audit record ------------------------------------------------------------------


def test_schema_is_created_once_and_again_without_change(engine: Engine) -> None:
    before = tables_and_triggers(engine)
    upgrade(engine)  # a second instance starting on the same database
    assert tables_and_triggers(engine) == before
    tables, triggers = before
    assert API_TABLES <= tables and triggers  # the append-only guard is installed
    assert engine.dialect.name == "postgresql" and engine.dialect.driver == "psycopg"


def test_instances_starting_together_create_the_schema_once(pg_url: str) -> None:
    """`caiwen serve --workers N` on PostgreSQL: every worker runs the migrations at the same moment."""
    engines = [make_engine(pg_url) for _ in range(6)]
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(engines))

    def start(engine: Engine) -> None:
        barrier.wait()
        try:
            upgrade(engine)
            ConversationStore(pg_url).engine.dispose()
        except BaseException as exc:  # noqa: BLE001 — collected and reported below
            errors.append(exc)

    threads = [threading.Thread(target=start, args=(engine,)) for engine in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, [f"{type(e).__name__}: {e}" for e in errors]
    tables, triggers = tables_and_triggers(engines[0])
    assert API_TABLES | {"conversations", "conversation_turns"} <= tables and triggers
    for engine in engines:
        engine.dispose()


def test_audit_record_is_append_only(engine: Engine) -> None:
    log = AuditLog(engine)
    first = log.append(question="羅素2000點樣重組？", response=answer("m1"), channel="support-desk",
                       endpoint="/v1/ask", model=None)
    second = log.append(question="罗素2000怎样重组？", response=answer("m2", text_="罗素2000每年6月重组[1]。"),
                        channel="widget", endpoint="/v1/chat/stream", model="qwen")
    assert second > first

    refused = {
        "UPDATE": "UPDATE api_audit_log SET answer = 'rewritten' WHERE id = :id",
        "DELETE": "DELETE FROM api_audit_log WHERE id = :id",
        "TRUNCATE": "TRUNCATE api_audit_log",
    }
    for verb, statement in refused.items():
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(text(statement), {"id": first})
        with engine.connect() as conn:  # nothing changed
            assert conn.scalar(text("SELECT count(*) FROM api_audit_log")) == 2, verb
            kept = conn.scalar(text("SELECT answer FROM api_audit_log WHERE id = :id"), {"id": first})
            assert kept == "羅素2000每年6月重組[1]。", verb

    rows = list(log.records())
    assert [r["message_id"] for r in rows] == ["m1", "m2"]
    assert rows[0]["question"] == "羅素2000點樣重組？" and rows[0]["channel"] == "support-desk"
    assert rows[0]["citations"] == [answer("m1").citations[0].model_dump(mode="json")]
    assert rows[1]["model"] == "qwen" and rows[1]["endpoint"] == "/v1/chat/stream" and rows[1]["refused"] is False
    recorded = datetime.fromisoformat(rows[0]["recorded_at"])
    assert recorded.utcoffset() == timedelta(0), "exported times are UTC whatever the server's time zone"
    assert abs(datetime.now(UTC) - recorded) < timedelta(minutes=5)
    assert log.has_message("m2") and not log.has_message("m3")


def _insert_at(engine: Engine, when: datetime, message_id: str) -> None:
    """Rows from the past, written as the API writes them but with a chosen time (inserting is allowed)."""
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO api_audit_log (recorded_at, conversation_id, message_id, channel, endpoint, question,"
                 " answer, lang, refused, citations, figures, composer)"
                 " VALUES (:at, 'c', :m, 'widget', '/v1/ask', '問', '答', 'zh-Hant', false, '[]', '[]', 'extractive')"),
            {"at": when, "m": message_id},
        )


def test_audit_export_since_a_date_through_the_cli(engine: Engine, pg_url: str, monkeypatch, tmp_path) -> None:
    from caiwen.cli.main import app

    _insert_at(engine, datetime(2026, 1, 1, 23, 30, tzinfo=UTC), "before")
    _insert_at(engine, datetime(2026, 1, 2, 0, 30, tzinfo=UTC), "after")
    AuditLog(engine).append(question="今日", response=answer("today"), channel="ops", endpoint="/v1/ask", model=None)
    monkeypatch.setenv("CAIWEN_DATABASE_URL", pg_url)
    monkeypatch.setenv("CAIWEN_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()

    def export(since: str) -> list[dict]:
        out = tmp_path / f"export-{len(list(tmp_path.iterdir()))}.jsonl"
        result = runner.invoke(app, ["audit", "export", "--since", since, "--out", str(out)])
        assert result.exit_code == 0, result.output
        return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]

    assert [r["message_id"] for r in export("2026-01-02")] == ["after", "today"]
    assert [r["message_id"] for r in export("2026-01-02T08:00:00+08:00")] == ["after", "today"]  # same instant
    assert [r["message_id"] for r in export("2026-01-01")] == ["before", "after", "today"]
    assert export((datetime.now(UTC) + timedelta(days=1)).date().isoformat()) == []
    rows = export("2026-01-01")
    assert rows[0]["recorded_at"] == "2026-01-01T23:30:00+00:00" and rows[0]["question"] == "問"

    stdout = runner.invoke(app, ["audit", "export", "--since", "2026-01-02"])
    assert stdout.exit_code == 0
    exported = [json.loads(line)["message_id"] for line in stdout.stdout.splitlines() if line.startswith("{")]
    assert exported == ["after", "today"]
    assert not (tmp_path / "data" / "caiwen.db").exists()  # the CLI used PostgreSQL, not a local SQLite file


# --- feedback -------------------------------------------------------------------------------------


def test_feedback_is_stored_and_listed_with_the_rated_answer(engine: Engine) -> None:
    AuditLog(engine).append(question="羅素2000點樣重組？", response=answer("m1"), channel="widget",
                            endpoint="/v1/ask", model=None)
    store = FeedbackStore(engine)
    first = store.add(message_id="m1", rating="up", comment="清楚，多謝", channel="widget")
    second = store.add(message_id="unknown", rating="down", comment=None, channel="support-desk")
    assert second > first

    items = store.list()
    assert [i["message_id"] for i in items] == ["unknown", "m1"]  # newest first
    rated = items[1]
    assert rated["comment"] == "清楚，多謝" and rated["question"] == "羅素2000點樣重組？"
    assert rated["answer"] == "羅素2000每年6月重組[1]。" and rated["channel"] == "widget"
    assert items[0]["question"] is None and items[0]["answer"] is None  # no audit row: still listed
    assert datetime.fromisoformat(rated["created_at"]).utcoffset() == timedelta(0)
    assert [i["message_id"] for i in store.list(rating="down")] == ["unknown"]
    assert [i["message_id"] for i in store.list(limit=1, offset=1)] == ["m1"]


# --- API keys -------------------------------------------------------------------------------------


def test_api_keys_created_verified_revoked(engine: Engine, pg_url: str) -> None:
    store = KeyStore(engine)
    ask_key = store.create("support-desk", "ask")
    admin_key = store.create("ops", "admin")

    principal = store.verify(ask_key)
    assert principal is not None and principal.channel == "support-desk" and principal.scope == "ask"
    assert store.verify(admin_key).allows("ask")
    assert store.verify("cw_" + "x" * 43) is None and store.verify("") is None

    with pytest.raises(KeyExistsError):  # the unique constraint, reported as a clear error
        store.create("support-desk", "admin")
    assert store.verify(ask_key) is not None  # the failed insert left the store usable

    with engine.connect() as conn:
        stored = set(conn.scalars(text("SELECT key_hash FROM api_keys")))
    assert ask_key not in stored and admin_key not in stored and len(stored) == 2

    assert store.revoke("support-desk") is True
    assert store.verify(ask_key) is None
    assert store.revoke("support-desk") is False and store.revoke("nobody") is False
    listed = {k.name: k for k in store.list()}
    assert listed["support-desk"].revoked and not listed["ops"].revoked
    assert datetime.fromisoformat(listed["ops"].created_at).utcoffset() == timedelta(0)
    other_instance = make_engine(pg_url)
    assert KeyStore(other_instance).verify(admin_key).channel == "ops"
    other_instance.dispose()


# --- conversations --------------------------------------------------------------------------------


def test_conversation_history_and_append(pg_url: str) -> None:
    store = ConversationStore(pg_url)
    other_instance = ConversationStore(pg_url)  # a second store on the same database
    assert store.history("nope") == []
    for i in range(7):
        store.append("c1", f"m{i}", f"問題{i}", f"獨立問題{i}", f"答案{i}", "羅素2000 重組")
    store.append("c2", "x0", "another", "another", "answer", "")

    turns = other_instance.history("c1")
    assert [t.message_id for t in turns] == ["m2", "m3", "m4", "m5", "m6"]  # the last five, oldest first
    assert turns[-1].question == "問題6" and turns[-1].standalone_question == "獨立問題6"
    assert turns[-1].answer == "答案6" and turns[-1].subject == "羅素2000 重組"
    assert [t.message_id for t in other_instance.history("c1", turns=2)] == ["m5", "m6"]
    assert [t.message_id for t in store.history("c2")] == ["x0"]

    with pytest.raises(IntegrityError):  # a message id is recorded once
        store.append("c1", "m6", "again", "again", "again", "")
    assert len(store.history("c1", turns=100)) == 7

    longest = "c" * 100  # the API accepts conversation and message ids up to 100 characters
    store.append(longest, "m" * 100, "q", "q", "a", "")
    assert [t.message_id for t in other_instance.history(longest)] == ["m" * 100]
    store.engine.dispose()
    other_instance.engine.dispose()
