from assistant.schemas import Citation, RetrievedChunk
from evals.metrics.citations import check_citations, citation_precision, strip_markers


def _retrieved(n: int) -> list[RetrievedChunk]:
    docs = ["a.txt", "a.txt", "b.txt", "c.txt", "c.txt", "d.txt", "d.txt"]
    return [RetrievedChunk(rank=i, doc_id=docs[i - 1], chunk_id=f"{docs[i - 1]}#{i}", score=0.5) for i in range(1, n + 1)]


def _cite(n: int, doc: str, chunk: str) -> Citation:
    return Citation(n=n, doc_id=doc, title=doc, chunk_id=chunk, quote="…")


def markers(answer: str) -> list[int]:
    return check_citations(answer, [], []).markers


def test_marker_forms():
    assert markers("A[1]. B [2][3], C【4】 D[5, 6] E[7、8] 2024年") == [1, 2, 3, 4, 5, 6, 7, 8]
    assert markers("ranges [2-4] and [1, 3–4]") == [2, 3, 4, 1, 3, 4]


def test_full_width_markers_are_counted_and_valid():
    retrieved = _retrieved(3)
    citations = [_cite(1, "a.txt", "a.txt#1"), _cite(2, "a.txt", "a.txt#2"), _cite(3, "b.txt", "b.txt#3")]
    check = check_citations("羅素2000由富時羅素編製［１］，每年重組［２，３］。", citations, retrieved)
    assert check.markers == [1, 2, 3]
    assert check.valid and check.cited_doc_ids == ["a.txt", "a.txt", "b.txt"]


def test_a_bracketed_year_is_read_as_the_assistant_reads_it():
    # the assistant's verification treats [2024] as a marker citing nothing, so the evals count it invalid
    assert check_citations("no source, but [2024]", [], _retrieved(5)).invalid == [2024]


def test_stripping_markers_keeps_numbers_apart():
    assert strip_markers("上漲7.88%［３］2,692.23點[1-2]。") == "上漲7.88% 2,692.23點 。"


def test_answer_citing_7_when_only_5_chunks_were_retrieved_is_invalid():
    retrieved = _retrieved(5)
    # The response even carries a citation numbered 7 (for a chunk the chain never retrieved).
    citations = [_cite(1, "a.txt", "a.txt#1"), _cite(7, "d.txt", "d.txt#7")]
    check = check_citations("羅素2000由富時羅素編製[1],每年重組[7]。", citations, retrieved)
    assert check.markers == [1, 7]
    assert check.invalid == [7]
    assert not check.valid
    assert check.cited_doc_ids == ["a.txt"]  # [1] still counts as a valid citation


def test_marker_without_citation_or_with_unretrieved_chunk_is_invalid():
    retrieved = _retrieved(5)
    citations = [_cite(1, "a.txt", "a.txt#1"), _cite(2, "z.txt", "z.txt#9")]
    check = check_citations("x[1] y[2] z[3]", citations, retrieved)
    assert check.invalid == [2, 3]


def test_all_valid_and_precision():
    retrieved = _retrieved(5)
    citations = [_cite(1, "a.txt", "a.txt#1"), _cite(3, "b.txt", "b.txt#3"), _cite(4, "c.txt", "c.txt#4")]
    check = check_citations("x[1] y[3] z[4] again[1]", citations, retrieved)
    assert check.valid and check.has_valid_citation
    assert citation_precision(check, {"a.txt", "b.txt"}) == 2 / 3  # a.txt#1 counted once
    assert citation_precision(check_citations("nothing cited", citations, retrieved), {"a.txt"}) is None
