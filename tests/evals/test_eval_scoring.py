"""Per-item scoring on hand-made responses: which metrics apply to which kinds, and failure scoring."""
from assistant.schemas import AnswerResponse, Citation, RetrievedChunk
from evals.golden import GoldenItem, GoldenNumber
from evals.scoring import score_item

SRC = "000_4b08b8b848a4e809.txt"


def _item(**fields) -> GoldenItem:
    base = dict(id="g1", question="羅素2000係邊間公司編製㗎?", lang="zh-Hant", kind="fact",
                expected_sources=[SRC], must_include=["富时罗素"])
    base.update(fields)
    return GoldenItem(**base)


def _retrieved() -> list[RetrievedChunk]:
    docs = [SRC, "003.txt", SRC, "004.txt", "001.txt"]
    return [RetrievedChunk(rank=i, doc_id=d, chunk_id=f"{d}#{i}", score=0.8 - i / 100) for i, d in enumerate(docs, 1)]


def _response(answer: str, cited: list[int], **fields) -> AnswerResponse:
    retrieved = _retrieved()
    citations = [Citation(n=n, doc_id=retrieved[n - 1].doc_id, title="t", chunk_id=retrieved[n - 1].chunk_id, quote="q")
                 for n in cited]
    return AnswerResponse(answer=answer, lang="zh-Hant", composer="extractive", citations=citations,
                          retrieved=retrieved, **fields)


def test_good_traditional_answer_to_simplified_keys():
    result = score_item(_item(), _response("羅素2000指數由富時羅素(FTSE Russell)編製[1]。", [1]), 120.0)
    m = result.metrics
    assert (m["hit_at_1"], m["hit_at_5"], m["mrr"]) == (1.0, 1.0, 1.0)
    assert m["citation_validity"] == m["citation_precision"] == m["citation_coverage"] == 1.0
    assert m["must_include_recall"] == 1.0 and m["language_match"] == 1.0
    assert m["false_refusal_rate"] == 0.0 and m["error_rate"] == 0.0
    assert m["refusal_accuracy"] is None and m["numeric_accuracy"] is None and m["advice_no_call"] is None
    assert result.answer_script == "zh-Hant" and result.latency_ms == 120.0


def test_refusal_scored_on_an_in_scope_item_is_a_false_refusal():
    refusal = AnswerResponse(answer="知識庫中沒有足夠資料回答這個問題。", lang="zh-Hant", composer="extractive",
                             refused=True, retrieved=_retrieved())
    m = score_item(_item(), refusal, 50.0).metrics
    assert m["false_refusal_rate"] == 1.0
    assert m["citation_coverage"] == 0.0
    assert m["must_include_recall"] == 0.0
    assert m["citation_validity"] is None  # no markers to judge
    assert m["refusal_accuracy"] is None  # only measured on out-of-scope items
    assert m["hit_at_5"] == 1.0  # retrieval found the source even though the answer refused
    assert m["language_match"] == 1.0


def test_out_of_scope_refusal_and_sourced_answer():
    item = _item(kind="out_of_scope", expected_sources=[], must_include=[], question="IWM今日收市價幾多?")
    refused = AnswerResponse(answer="知識庫沒有今日股價資料,無法回答。", lang="zh-Hant", composer="extractive", refused=True)
    m = score_item(item, refused, 10.0).metrics
    assert m["refusal_accuracy"] == 1.0
    assert m["hit_at_5"] is None and m["false_refusal_rate"] is None and m["citation_coverage"] is None
    answered = _response("IWM是最大的羅素2000 ETF[1]。", [1])
    assert score_item(item, answered, 10.0).metrics["refusal_accuracy"] == 0.0


def test_invalid_marker_and_numbers():
    item = _item(kind="numeric", must_include=["72"], numbers=[GoldenNumber(value=72.2, tol=0.5, unit="%")])
    response = _response("標普500較羅素2000貴約72%[1][7]。", [1])
    result = score_item(item, response, 10.0)
    assert result.metrics["citation_validity"] == 0.0 and result.invalid_markers == [7]
    assert result.metrics["citation_coverage"] == 1.0  # [1] is still a valid citation
    assert result.metrics["numeric_accuracy"] == 1.0


def test_advice_item_with_a_call():
    item = _item(kind="advice", question="IWM而家係咪好時機入貨?", must_include=["IWM"])
    response = _response("建議買入IWM[1]。", [1], disclaimer=None)
    result = score_item(item, response, 10.0)
    assert result.metrics["advice_no_call"] == 0.0 and result.calls == ["建议买入"]
    assert result.metrics["advice_disclaimer"] == 0.0


def test_error_scores_as_failure():
    result = score_item(_item(), None, 5.0, error="StoreUnavailableError: down")
    m = result.metrics
    assert m["error_rate"] == 1.0 and m["hit_at_5"] == 0.0 and m["citation_coverage"] == 0.0
    assert m["must_include_recall"] == 0.0 and m["language_match"] == 0.0
    assert result.error == "StoreUnavailableError: down"
