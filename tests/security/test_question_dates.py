"""Finding 8: impossible dates written in a question (2024-13-45, 2025-02-30, jan 0000) gave 500s on all
three answer endpoints. They are ignored as a window (the question goes to the articles), never a 500."""
from __future__ import annotations

from datetime import date

import httpx
import pytest

from assistant.figures.intent import parse_figure_request
from assistant.language import normalize_query

QUESTIONS = [
    "罗素2000 从 2024-13-45 到 2025-02-30 的回报",
    "Russell 2000 return since jan 0000",
    "羅素2000 自 0000-01-01 以來的回報",
    "罗素2000 从 2025-02-29 到 2025-03-01 的回报",
    "Russell 2000 return since 9999-12-31",
    "罗素2000 自2024年13月以来的回报",
    "罗素2000 2024年99月99日以来的表现",
    "Russell 2000 return from 0001 to 9999",
]


@pytest.mark.parametrize("question", QUESTIONS)
def test_parser_never_builds_an_impossible_window(question: str) -> None:
    request = parse_figure_request(question, normalize_query(question), "en", today=date(2026, 1, 15))
    if request is not None:
        for day in (request.start, request.end):
            assert day is None or 1900 < day.year <= 2100, request


@pytest.mark.parametrize("question", QUESTIONS)
def test_answer_endpoints_answer_or_refuse_never_500(live, question: str) -> None:
    ask = httpx.post(f"{live.url}/v1/ask", json={"question": question}, headers=live.auth(), timeout=60)
    assert ask.status_code == 200, ask.text
    assert ask.json()["answer"]
    stream = httpx.post(f"{live.url}/v1/chat/stream", json={"question": question}, headers=live.auth(), timeout=60)
    assert stream.status_code == 200 and "event: done" in stream.text and "event: error" not in stream.text
    chat = httpx.post(f"{live.url}/v1/chat/completions",
                      json={"model": "caiwen", "messages": [{"role": "user", "content": question}]},
                      headers=live.auth(), timeout=60)
    assert chat.status_code == 200, chat.text
    assert chat.json()["choices"][0]["message"]["content"]
