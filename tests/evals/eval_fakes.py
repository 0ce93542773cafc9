"""A canned Assistant for runner/report tests that must not need the real chain (like llm's MockModel)."""
from __future__ import annotations

from assistant.schemas import AnswerResponse, Citation, RetrievedChunk
from evals.golden import GoldenItem


def canned_response(answer: str, docs: list[str], cited: list[int], refused: bool = False, **fields) -> AnswerResponse:
    retrieved = [RetrievedChunk(rank=i, doc_id=d, chunk_id=f"{d}#{i}", score=0.9 - i / 100) for i, d in enumerate(docs, 1)]
    citations = [Citation(n=n, doc_id=docs[n - 1], title=docs[n - 1], chunk_id=f"{docs[n - 1]}#{n}", quote="q")
                 for n in cited]
    return AnswerResponse(answer=answer, lang="zh-Hant", composer="canned", citations=citations, retrieved=retrieved,
                          refused=refused, **fields)


class CannedAssistant:
    """Answers from a question → response table; raises for questions it was told to fail on."""

    def __init__(self, answers: dict[str, AnswerResponse], failing: set[str] = frozenset()):
        self.answers = answers
        self.failing = failing
        self.calls: list[tuple[str, dict]] = []

    def ask(self, question: str, **kwargs) -> AnswerResponse:
        self.calls.append((question, kwargs))
        if question in self.failing:
            raise RuntimeError("store went away")
        return self.answers[question]


def items() -> list[GoldenItem]:
    return [
        GoldenItem(id="f1", question="羅素2000係邊間公司編製㗎?", lang="zh-Hant", kind="fact",
                   expected_sources=["a.txt"], must_include=["富时罗素"]),
        GoldenItem(id="n1", question="标普贵多少%?", lang="zh-Hans", kind="numeric",
                   expected_sources=["b.txt"], must_include=["72"], numbers=[{"value": 72.2, "tol": 0.5, "unit": "%"}]),
        GoldenItem(id="o1", question="whats the bitcoin price target?", lang="en", kind="out_of_scope"),
        GoldenItem(id="a1", question="IWM or VTWO which one shud i buy", lang="en", kind="advice",
                   expected_sources=["a.txt"], must_include=["IWM", "VTWO"]),
    ]


def good_assistant() -> CannedAssistant:
    return CannedAssistant({
        "羅素2000係邊間公司編製㗎?": canned_response("羅素2000由富時羅素編製[1]。", ["a.txt", "c.txt"], [1]),
        "标普贵多少%?": canned_response("标普500比罗素2000贵约72%[1]。", ["b.txt", "a.txt"], [1]),
        "whats the bitcoin price target?": canned_response("That is not in the knowledge base.", ["c.txt"], [], refused=True),
        "IWM or VTWO which one shud i buy": canned_response(
            "I can't recommend a purchase. IWM is the most liquid [1]; VTWO has a lower fee [1].", ["a.txt"], [1],
            disclaimer="This is not investment advice."),
    })
