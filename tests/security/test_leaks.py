"""Finding 11: /v1/sources returned absolute server paths; refused answers listed the documents retrieved."""
from __future__ import annotations

import json

import httpx

from tests.security.conftest import WIDGET_ORIGIN

OFF_TOPIC = {"question": "What is the best pizza topping in Naples?"}


def test_sources_show_file_names_not_server_paths(live) -> None:
    listed = httpx.get(f"{live.url}/v1/sources", headers=live.auth()).json()["documents"]
    assert listed and all("/" not in d["source_path"] for d in listed)
    assert str(live.corpus) not in json.dumps(listed)
    one = httpx.get(f"{live.url}/v1/sources/{listed[0]['doc_id']}", headers=live.auth()).json()
    assert one["document"]["source_path"] == listed[0]["source_path"]


def test_refusals_do_not_list_retrieved_documents(live) -> None:
    refused = httpx.post(f"{live.url}/v1/ask", json=OFF_TOPIC, headers=live.auth(), timeout=60).json()
    assert refused["refused"] is True and refused["retrieved"] == [] and refused["citations"] == []
    stream = httpx.post(f"{live.url}/v1/chat/stream", json=OFF_TOPIC, headers={"Origin": WIDGET_ORIGIN}, timeout=60)
    done = json.loads([line for line in stream.text.splitlines() if line.startswith("data:")][-1][5:])
    assert done["refused"] is True and done["retrieved"] == []
    answered = httpx.post(f"{live.url}/v1/chat/stream", json={"question": "羅素2000點樣重組？"},
                          headers={"Origin": WIDGET_ORIGIN}, timeout=60)
    done = json.loads([line for line in answered.text.splitlines() if line.startswith("data:")][-1][5:])
    assert done["citations"] and done["retrieved"] == []  # the anonymous widget never gets the list
    keyed = httpx.post(f"{live.url}/v1/ask", json={"question": "羅素2000點樣重組？"}, headers=live.auth(), timeout=60)
    assert keyed.json()["retrieved"]  # support tools still see what was searched for an answer
