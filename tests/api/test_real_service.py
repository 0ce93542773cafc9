"""The must-show API tests on the real product: real chain, real Chroma, real embedder, over the shared
corpus ingested once per session, served by a real uvicorn server on 127.0.0.1.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from caiwen.wiring import create_app
from service_harness import WIDGET_ORIGIN, LiveServer, free_port, make_settings, mint_keys, parse_sse

TRAD_QUESTION = "羅素2000點樣重組？"


def assert_cited_traditional(answer: str, citations: list[dict]) -> None:
    """Every citation's [n] marker is in the answer, and the answer is written in Traditional script."""
    from knowledge_base.scripts import detect_script

    assert citations, answer
    markers = set(re.findall(r"\[(\d+)\]", answer))
    assert markers and {str(c["n"]) for c in citations} == markers, (answer, citations)
    assert all(c["quote"] for c in citations)
    assert detect_script(answer) == "zh-Hant", answer


class RealService:
    def __init__(self, server: LiveServer, keys: dict[str, str], settings) -> None:
        self.server = server
        self.url = server.url
        self.keys = keys
        self.settings = settings

    def auth(self, scope: str = "ask") -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[scope]}"}


@pytest.fixture(scope="module")
def real(ingested_data_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    db = tmp_path_factory.mktemp("real-api") / "api.db"
    settings = make_settings(ingested_data_dir, database_url=f"sqlite:///{db}", composer="extractive")
    keys = mint_keys(settings)
    with LiveServer(create_app(settings)) as server:
        yield RealService(server, keys, settings)


def test_ready_with_real_parts(real: RealService) -> None:
    response = httpx.get(f"{real.url}/readyz")
    assert response.status_code == 200, response.text
    checks = response.json()["checks"]
    assert checks["store"] is True and checks["embedder"] and checks["llm"] == "extractive"
    assert checks["documents"] == 5


def test_ask_in_traditional_chinese(real: RealService) -> None:
    response = httpx.post(f"{real.url}/v1/ask", json={"question": TRAD_QUESTION}, headers=real.auth(), timeout=60)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["lang"] == "zh-Hant" and body["composer"] == "extractive"
    assert body["message_id"] and body["conversation_id"]
    assert_cited_traditional(body["answer"], body["citations"])
    sources = {s["doc_id"] for s in httpx.get(f"{real.url}/v1/sources", headers=real.auth()).json()["documents"]}
    assert {c["doc_id"] for c in body["citations"]} <= sources


def test_follow_up_in_the_same_conversation(real: RealService) -> None:
    first = httpx.post(f"{real.url}/v1/ask", json={"question": "羅素2000係咩？"}, headers=real.auth(), timeout=60).json()
    follow = httpx.post(f"{real.url}/v1/ask", headers=real.auth(), timeout=60,
                        json={"question": "佢點樣重組？", "conversation_id": first["conversation_id"]})
    assert follow.status_code == 200 and follow.json()["conversation_id"] == first["conversation_id"]


def test_stream_event_order_over_http(real: RealService) -> None:
    with httpx.stream("POST", f"{real.url}/v1/chat/stream", json={"question": TRAD_QUESTION},
                      headers={"Origin": WIDGET_ORIGIN}, timeout=60) as response:
        assert response.status_code == 200
        assert response.headers["access-control-allow-origin"] == WIDGET_ORIGIN
        events = parse_sse(response.read().decode("utf-8"))
    names = [name for name, _ in events]
    assert names[0] == "token" and names[-3:] == ["citations", "figures", "done"]
    assert set(names[:-3]) == {"token"}
    done = json.loads(events[-1][1])
    assert done["lang"] == "zh-Hant" and done["message_id"]
    assert json.loads(events[-3][1]) == done["citations"]
    feedback = httpx.post(f"{real.url}/v1/feedback", json={"message_id": done["message_id"], "rating": "up"},
                          headers={"Origin": WIDGET_ORIGIN})
    assert feedback.status_code == 201 and feedback.json() == {"ok": True}
    listed = httpx.get(f"{real.url}/v1/feedback", headers=real.auth("admin")).json()["items"]
    assert listed[0]["message_id"] == done["message_id"] and listed[0]["question"] == TRAD_QUESTION


def test_auth_and_cors_over_http(real: RealService) -> None:
    ask = f"{real.url}/v1/ask"
    assert httpx.post(ask, json={"question": TRAD_QUESTION}).status_code == 401
    assert httpx.post(ask, json={"question": TRAD_QUESTION}, headers={"Authorization": "Bearer nope"}).status_code == 401
    assert httpx.post(ask, json={"question": TRAD_QUESTION}, headers={"Origin": "https://evil.example"}).status_code == 401
    assert httpx.get(f"{real.url}/v1/feedback", headers=real.auth("ask")).status_code == 403
    preflight = httpx.options(ask, headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in preflight.headers


def test_bad_bodies_over_http(real: RealService) -> None:
    ask = f"{real.url}/v1/ask"
    for content in (b"", b"{not json", json.dumps({"question": ""}).encode()):
        response = httpx.post(ask, content=content, headers={**real.auth(), "Content-Type": "application/json"})
        assert response.status_code == 422 and set(response.json()["error"]) == {"code", "message"}
    huge = httpx.post(ask, content=b"x" * (real.settings.max_body_bytes + 1),
                      headers={**real.auth(), "Content-Type": "application/json"})
    assert huge.status_code == 413 and huge.json()["error"]["code"] == "payload_too_large"


def test_audit_export_holds_the_answers(real: RealService, tmp_path: Path) -> None:
    from api.audit import AuditLog
    from caiwen.persistence import make_engine

    answered = httpx.post(f"{real.url}/v1/ask", json={"question": "How does the Russell 2000 reconstitution work?"},
                          headers=real.auth(), timeout=60).json()
    rows = list(AuditLog(make_engine(real.settings.sql_url)).records())
    row = next(r for r in rows if r["message_id"] == answered["message_id"])
    assert row["channel"] == "support-desk" and row["answer"] == answered["answer"]
    assert row["citations"] == answered["citations"] and row["composer"] == "extractive"


# --- the OpenAI client ----------------------------------------------------------------------------


def test_openai_client_non_streamed(real: RealService) -> None:
    from openai import OpenAI

    client = OpenAI(base_url=f"{real.url}/v1", api_key=real.keys["ask"], max_retries=0, timeout=60)
    completion = client.chat.completions.create(
        model="caiwen", messages=[{"role": "user", "content": TRAD_QUESTION}]
    )
    content = completion.choices[0].message.content
    extra = completion.model_extra["caiwen"]
    assert extra["lang"] == "zh-Hant" and extra["message_id"]
    assert_cited_traditional(content, extra["citations"])
    assert completion.choices[0].finish_reason == "stop"
    assert [m.id for m in client.models.list()] == ["caiwen"]


def test_openai_client_streamed_with_history(real: RealService) -> None:
    from openai import OpenAI

    client = OpenAI(base_url=f"{real.url}/v1", api_key=real.keys["ask"], max_retries=0, timeout=60)
    stream = client.chat.completions.create(
        model="caiwen", stream=True,
        messages=[{"role": "user", "content": "羅素2000係咩？"},
                  {"role": "assistant", "content": "羅素2000係美國小型股指數。"},
                  {"role": "user", "content": "佢點樣重組？"}],
    )
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    final = chunks[-1]
    assert final.choices[0].finish_reason == "stop"
    extra = final.model_extra["caiwen"]
    assert "2000" in extra["standalone_question"]  # the follow-up was read against the earlier turn
    assert_cited_traditional(text, extra["citations"])


def test_openai_client_errors(real: RealService) -> None:
    import openai

    bad_key = openai.OpenAI(base_url=f"{real.url}/v1", api_key="wrong", max_retries=0)
    with pytest.raises(openai.AuthenticationError):
        bad_key.chat.completions.create(model="caiwen", messages=[{"role": "user", "content": "hi"}])
    client = openai.OpenAI(base_url=f"{real.url}/v1", api_key=real.keys["ask"], max_retries=0)
    with pytest.raises(openai.NotFoundError):
        client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}])


# --- store down ------------------------------------------------------------------------------------


@pytest.fixture
def chroma_server(tmp_path: Path):
    chroma = shutil.which("chroma") or str(Path(sys.executable).with_name("chroma"))
    port = free_port()
    proc = subprocess.Popen([chroma, "run", "--path", str(tmp_path / "chroma"), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline or proc.poll() is not None:
            proc.kill()
            pytest.fail("chroma run did not start")
        time.sleep(0.1)
    yield proc, f"http://127.0.0.1:{port}"
    if proc.poll() is None:
        proc.terminate()
        proc.wait(timeout=10)


def test_store_going_down_gives_503s_not_traces(chroma_server, tmp_path: Path) -> None:
    proc, chroma_url = chroma_server
    settings = make_settings(tmp_path / "data", chroma_url=chroma_url, composer="extractive")
    keys = mint_keys(settings)
    with LiveServer(create_app(settings)) as server:
        assert httpx.get(f"{server.url}/readyz", timeout=30).status_code == 200
        proc.terminate()
        proc.wait(timeout=10)
        ready = httpx.get(f"{server.url}/readyz", timeout=30)
        assert ready.status_code == 503
        assert ready.json()["checks"]["store"] is False and ready.json()["error"]["code"] == "store_unavailable"
        asked = httpx.post(f"{server.url}/v1/ask", json={"question": TRAD_QUESTION},
                           headers={"Authorization": f"Bearer {keys['ask']}"}, timeout=30)
        assert asked.status_code == 503, asked.text
        assert asked.json()["error"]["code"] == "store_unavailable"
        assert "Traceback" not in asked.text and chroma_url not in asked.text
        streamed = httpx.post(f"{server.url}/v1/chat/stream", json={"question": TRAD_QUESTION},
                              headers={"Authorization": f"Bearer {keys['ask']}"}, timeout=30)
        assert streamed.status_code == 503 and streamed.json()["error"]["code"] == "store_unavailable"
        assert httpx.get(f"{server.url}/healthz").status_code == 200


def test_store_down_at_start_up(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "data", chroma_url=f"http://127.0.0.1:{free_port()}", composer="extractive")
    keys = mint_keys(settings)
    with LiveServer(create_app(settings)) as server:
        assert httpx.get(f"{server.url}/healthz").status_code == 200
        ready = httpx.get(f"{server.url}/readyz", timeout=30)
        assert ready.status_code == 503 and ready.json()["ready"] is False
        asked = httpx.post(f"{server.url}/v1/ask", json={"question": TRAD_QUESTION},
                           headers={"Authorization": f"Bearer {keys['ask']}"}, timeout=30)
        assert asked.status_code == 503 and asked.json()["error"]["code"] == "store_unavailable"


# --- ingest ------------------------------------------------------------------------------------------


EVIL_TEXT = (
    "路徑測試文章：上傳的檔名帶有上層目錄，伺服器只保留最後一段名稱，檔案因此留在上傳資料夾之內。"
    "這篇文章的其餘內容說明羅素2000指數的成分股每年重組，並介紹小型股的風險與回報特徵，供測試之用。"
)


def test_ingest_upload_and_server_path(tmp_path: Path) -> None:
    allowed = tmp_path / "inbox"
    allowed.mkdir()
    (allowed / "note.txt").write_text("羅素2000指數的測試文章。\n\n測試段落：小型股指數每年重組一次。", encoding="utf-8")
    settings = make_settings(tmp_path / "data", composer="extractive", ingest_dirs=[allowed])
    keys = mint_keys(settings)
    admin = {"Authorization": f"Bearer {keys['admin']}"}
    with LiveServer(create_app(settings)) as server:
        up = httpx.post(f"{server.url}/v1/ingest", headers=admin, timeout=120,
                        files=[("files", ("upload.txt", "標普500指數測試上傳。\n\n上傳段落：大型股指數。".encode(), "text/plain")),
                               ("files", ("../../evil.txt", EVIL_TEXT.encode(), "text/plain")),
                               ("files", ("empty.txt", b"", "text/plain")),
                               ("files", (".hidden", b"dotfile", "text/plain"))])
        assert up.status_code == 200, up.text
        summary = up.json()["summary"]
        assert sorted(summary["added"]) == ["upload/evil.txt", "upload/upload.txt"], json.dumps(summary, ensure_ascii=False)
        assert [f["path"] for f in summary["failed"]] == ["empty.txt", ".hidden"], summary["failed"]
        assert str(tmp_path) not in up.text
        assert up.json()["ok"] is False
        assert not (tmp_path / "evil.txt").exists()  # the name was reduced to its last component
        by_path = httpx.post(f"{server.url}/v1/ingest", headers=admin, json={"path": str(allowed)}, timeout=120)
        assert by_path.status_code == 200 and by_path.json()["summary"]["added"] == ["note.txt"]
        outside = httpx.post(f"{server.url}/v1/ingest", headers=admin, json={"path": "/etc"})
        assert outside.status_code == 403 and outside.json()["error"]["code"] == "path_not_allowed"
        wrong_type = httpx.post(f"{server.url}/v1/ingest", headers={**admin, "Content-Type": "text/plain"},
                                content=b"x")
        assert wrong_type.status_code == 415
        docs = {d["doc_id"] for d in httpx.get(f"{server.url}/v1/sources", headers=admin).json()["documents"]}
        assert {"upload/upload.txt", "note.txt"} <= docs
