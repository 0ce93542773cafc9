"""`caiwen llm fetch`, then `caiwen llm serve --port P`, then `caiwen ask --json` with
CAIWEN_LLM_BASE_URL=http://127.0.0.1:P/v1: the answer comes from the model, with verified citations, and the
server stops cleanly on SIGTERM. The real-model subset `.ci/run` runs (one answer)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest

from caiwen.local_llm.weights import BUNDLED_MODEL
from knowledge_base.scripts import detect_script
from tests.local_llm.server import REPO, TIMEOUT_S, start_server, stop_server

pytestmark = pytest.mark.local_llm


def caiwen(*args: str, env: dict[str, str], timeout: float) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "caiwen", *args], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=timeout)


def test_fetch_serve_ask_returns_a_cited_llm_answer(local_model, ingested_corpus, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAIWEN_")}
    env.update(HF_HUB_OFFLINE="1", CAIWEN_LOCAL_MODEL=str(local_model))

    fetched = caiwen("llm", "fetch", env=env, timeout=600)
    assert fetched.returncode == 0, fetched.stderr
    assert f"sha256 {BUNDLED_MODEL.sha256}" in fetched.stdout and "verified" in fetched.stdout

    server = start_server(local_model, tmp_path)
    try:
        printed = dict(line.split("=", 1) for line in server.stdout_path.read_text().splitlines() if "=" in line)
        assert printed["CAIWEN_LLM_BASE_URL"] == server.base_url
        env.update(CAIWEN_DATA_DIR=str(ingested_corpus.settings.data_dir),
                   CAIWEN_DATABASE_URL=f"sqlite:///{tmp_path / 'conversations.db'}",
                   CAIWEN_LLM_TIMEOUT_S=str(TIMEOUT_S), **printed)
        asked = caiwen("ask", "--json", "羅素2000指數是由哪間公司編製的?", env=env, timeout=TIMEOUT_S + 120)
    finally:
        code = stop_server(server, signal.SIGTERM)
    assert asked.returncode == 0, asked.stderr[-2000:]
    response = json.loads(asked.stdout)
    assert response["composer"] == "llm", response["warnings"]
    assert code == 0 and "stopped (signal 15)" in (tmp_path / server.stdout_path.name.replace(".out", ".err")).read_text()

    # Every [n] in the answer is a citation whose quote is the original text of a retrieved chunk.
    assert response["citations"], response["answer"]
    chunks = {c.chunk_id: c.text for doc in ingested_corpus.kb.sources() for c in ingested_corpus.kb.chunks(doc.doc_id)}
    retrieved = {r["chunk_id"] for r in response["retrieved"]}
    for citation in response["citations"]:
        assert citation["chunk_id"] in retrieved and citation["quote"] in chunks[citation["chunk_id"]]
        assert f"[{citation['n']}]" in response["answer"]
    assert not [w for w in response["warnings"] if "does not match any of the" in w or "appears in no cited" in w]
    assert detect_script(response["answer"]) == "zh-Hant" and response["region"] == "TW"
    assert "富時羅素" in response["answer"] or "FTSE Russell" in response["answer"], response["answer"]


def test_serve_lists_its_model_and_stops_on_sigint(local_model, tmp_path):
    import httpx

    server = start_server(local_model, tmp_path)
    try:
        models = httpx.get(f"{server.base_url}/models", timeout=30).json()
        assert [m["id"] for m in models["data"]] == ["caiwen-local"]
    finally:
        code = stop_server(server, signal.SIGINT)
    assert code == 0
    assert "stopped (signal 2)" in (tmp_path / server.stdout_path.name.replace(".out", ".err")).read_text()
