"""Finding 10: conversations and feedback were not bound to the caller.

A keyless widget call continuing a support tool's `conversation_id` received the support tool's rewritten
standalone question; feedback on any message id was accepted any number of times. Now a conversation belongs
to the caller that started it (an API key's name, or the widget), and feedback is accepted only on answers
given to the caller, once per answer (a second rating is a 409; the first one stands).
Real parts: a uvicorn server on 127.0.0.1, the real chain over the ingested corpus, real SQLite.
"""
from __future__ import annotations

import json
import sqlite3

import httpx
import pytest

from caiwen.wiring import create_app
from service_harness import WIDGET_ORIGIN, LiveServer, make_settings, mint_keys, parse_sse

WIDGET = {"Origin": WIDGET_ORIGIN}


@pytest.fixture(scope="module")
def service(planted_settings, tmp_path_factory):
    db = tmp_path_factory.mktemp("binding") / "api.db"
    settings = make_settings(planted_settings.data_dir, database_url=f"sqlite:///{db}", composer="extractive")
    keys = mint_keys(settings)
    with LiveServer(create_app(settings)) as server:
        server.keys, server.db = keys, db
        yield server


def _support(service) -> dict[str, str]:
    return {"Authorization": f"Bearer {service.keys['ask']}"}


def _ask(service, headers, **body) -> httpx.Response:
    if "Authorization" in headers:
        return httpx.post(f"{service.url}/v1/ask", json=body, headers=headers, timeout=120)
    # The widget answers only through the stream endpoint: its `done` event carries the whole answer.
    response = httpx.post(f"{service.url}/v1/chat/stream", json=body, headers=headers, timeout=120)
    if response.status_code != 200:
        return response
    done = [json.loads(data) for event, data in parse_sse(response.text) if event == "done"]
    return httpx.Response(200, json=done[-1])


def test_the_widget_cannot_continue_a_support_tools_conversation(service) -> None:
    first = _ask(service, _support(service), question="羅素2000係咩？")
    assert first.status_code == 200
    conversation = first.json()["conversation_id"]
    own = _ask(service, _support(service), question="佢點樣重組？", conversation_id=conversation)
    assert own.status_code == 200 and own.json()["standalone_question"]  # the owner gets the follow-up
    stolen = _ask(service, WIDGET, question="佢點樣重組？", conversation_id=conversation)
    assert stolen.status_code == 404, stolen.text
    assert stolen.json()["error"]["code"] == "unknown_conversation" and "羅素" not in stolen.text
    for path, body in (("/v1/chat/stream", {"question": "佢點樣重組？", "conversation_id": conversation}),
                       ("/v1/chat/completions", {"model": "caiwen", "conversation_id": conversation, "stream": True,
                                                 "messages": [{"role": "user", "content": "佢點樣重組？"}]})):
        response = httpx.post(f"{service.url}{path}", json=body, headers=WIDGET, timeout=120)
        # 404 (not the widget's conversation), or 401 where the widget may not call the endpoint at all
        assert response.status_code in (401, 404) and "羅素" not in response.text, (path, response.text)
    with sqlite3.connect(service.db) as db:  # nothing was added to the support tool's conversation
        assert db.execute("SELECT count(*) FROM conversation_turns WHERE conversation_id = ?",
                          (conversation,)).fetchone()[0] == 2


def test_a_widget_conversation_continues_for_the_widget(service) -> None:
    first = _ask(service, WIDGET, question="羅素2000係咩？")
    follow = _ask(service, WIDGET, question="佢點樣重組？", conversation_id=first.json()["conversation_id"])
    assert follow.status_code == 200 and follow.json()["standalone_question"]
    other_key = _ask(service, _support(service), question="佢點樣重組？",
                     conversation_id=first.json()["conversation_id"])
    assert other_key.status_code == 404


def test_feedback_only_on_the_callers_own_answers_and_once(service) -> None:
    answer = _ask(service, _support(service), question="羅素2000點樣重組？").json()
    rate = {"message_id": answer["message_id"], "rating": "up"}
    feedback = f"{service.url}/v1/feedback"
    assert httpx.post(feedback, json=rate, headers=WIDGET).status_code == 404  # not the widget's answer
    assert httpx.post(feedback, json={**rate, "message_id": "m-never-given"}, headers=_support(service)).status_code == 404
    assert httpx.post(feedback, json=rate, headers=_support(service)).status_code == 201
    again = httpx.post(feedback, json={**rate, "rating": "down"}, headers=_support(service))
    assert again.status_code == 409 and again.json()["error"]["code"] == "feedback_exists"
    listed = httpx.get(feedback, headers={"Authorization": f"Bearer {service.keys['admin']}"}).json()["items"]
    mine = [item for item in listed if item["message_id"] == answer["message_id"]]
    assert [(item["rating"], item["channel"]) for item in mine] == [("up", "support-desk")]
