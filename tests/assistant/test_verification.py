"""verify_answer and build_citations on real chunk records: markers, uncited sentences, grounded numbers."""
from __future__ import annotations

from datetime import date

from assistant.schemas import Figure
from assistant.citations import build_citations
from assistant.number_tokens import chinese_numbers_in, numbers_in
from assistant.sentences import split_sentences
from assistant.verification import verify_answer
from tests.assistant.answer_evidence import DOCS, PERFORMANCE, hit, three_contexts


def kinds(result) -> list[str]:
    return [f.kind for f in result.findings]


def test_grounded_answer_passes_untouched():
    answer = "羅素2000由富時羅素編製,追蹤2,000家小型上市公司[1]。自2026年起每半年重組一次[2]。"
    result = verify_answer(answer, three_contexts())
    assert result.ok, result.findings
    assert result.text == answer
    assert result.markers == [1, 2]


def test_fabricated_citation_number_is_removed_and_reported():
    answer = "羅素2000每年六月重組[2][9]。自2026年起改為每半年一次[9]。它追蹤2,000家公司[1, 9]。"
    result = verify_answer(answer, three_contexts())
    invalid = result.of_kind("invalid_citation")
    assert [f.marker for f in invalid] == [9, 9, 9]
    assert "[9]" not in result.text and "9]" not in result.text
    assert result.text == "羅素2000每年六月重組[2]。自2026年起改為每半年一次。它追蹤2,000家公司[1]。"
    # the sentence that lost its only marker is now uncited, and says so
    assert [f.sentence for f in result.of_kind("uncited_sentence")] == ["自2026年起改為每半年一次。"]
    assert "[9] does not match any of the 3 sources" in result.warnings[0]


def test_marker_zero_and_full_width_markers():
    result = verify_answer("羅素2000每年六月進行年度重組［２］。它由富時羅素編製[0]。", three_contexts())
    assert result.text == "羅素2000每年六月進行年度重組[2]。它由富時羅素編製。"
    assert [f.marker for f in result.of_kind("invalid_citation")] == [0]


def test_sentence_without_marker_is_flagged_but_headings_are_not():
    answer = "重點:\n羅素2000每年六月重組[2]。小型股的波動通常較大型股高。"
    result = verify_answer(answer, three_contexts())
    assert [f.sentence for f in result.of_kind("uncited_sentence")] == ["小型股的波動通常較大型股高。"]


def test_marker_after_the_full_stop_belongs_to_the_sentence():
    answer = "It rose 7.88% in 2025.[3] The Russell 2000 is reconstituted every June.[2]"
    assert [answer[s:e] for s, e in split_sentences(answer)] == [
        "It rose 7.88% in 2025.[3]",
        "The Russell 2000 is reconstituted every June.[2]",
    ]
    assert verify_answer(answer, three_contexts()).ok


def test_numbers_compare_after_canonicalisation():
    variants = [
        "羅素2000收報2692.23點,全年上漲7.88 %[3]。",
        "羅素2000收報２,６９２．２３點,全年上漲７．８８％[3]。",
        "罗素2000收报2,692.23点,全年上涨7.88%[3]。",  # Simplified answer, Traditional source
        "The Russell 2000 closed at 2,692 points, up 7.9% for the year [3].",  # rounded as shown
    ]
    for answer in variants:
        result = verify_answer(answer, three_contexts())
        assert result.ok, (answer, result.findings)


def test_number_tokens_carry_unit_and_scale():
    tokens = numbers_in("最大成分股市值 71 億美元,上漲 ７．８８％,S&P 500 rose 7.1 billion, 1. item")
    assert [(t.canonical, t.percent, t.scale) for t in tokens] == [
        ("71", False, 10**8),
        ("7.88", True, 1),
        ("7.1", False, 10**9),
        ("1", False, 1),  # "1." inside a line is a number, not a list enumerator
    ]
    assert [t.canonical for t in numbers_in("1. 羅素2000與標普500\n2) 納斯達克100")] == []


def test_altered_figure_is_repaired_from_the_cited_passage():
    # the source says 98% of investable market cap and "about 7%" of market value
    answer = "羅素3000涵蓋美股95%可投資市值[1]。這2,000家公司的總市值僅佔美股約7%[1]。"
    result = verify_answer(answer, three_contexts())
    assert kinds(result) == ["repaired_number"]
    finding = result.findings[0]
    assert (finding.number, finding.replacement, finding.marker) == ("95", "98", 1)
    assert result.text == "羅素3000涵蓋美股98%可投資市值[1]。這2,000家公司的總市值僅佔美股約7%[1]。"
    assert "95 is not in source [1]" in finding.detail


def test_altered_figure_in_english_is_flagged_when_the_wording_cannot_be_matched():
    answer = "The Russell 3000 covers 95% of the investable US market [1]."
    result = verify_answer(answer, three_contexts())
    assert kinds(result) == ["ungrounded_number"]
    assert result.findings[0].number == "95"
    assert result.text == answer  # nothing is guessed


def test_unmatched_number_is_flagged_not_repaired():
    answer = "羅素2000成分股平均市盈率為25倍[1]。"
    result = verify_answer(answer, three_contexts())
    assert kinds(result) == ["ungrounded_number"]
    assert result.text == answer


def test_number_from_an_uncited_source_is_flagged_with_where_it_is():
    answer = "羅素2000全年上漲7.88%[1]。"
    result = verify_answer(answer, three_contexts())
    assert kinds(result) == ["ungrounded_number"]
    assert "appears in [3], which this sentence does not cite" in result.findings[0].detail


def test_computed_figures_and_the_questions_own_numbers_count_as_grounded():
    figure = Figure(name="pe_premium", value=72.2222, unit="%", symbol="^GSPC/^RUT", period="2025-12-31",
                    as_of=date(2025, 12, 31), source="tool:pe_premium")
    answer = "按18倍和31倍計算,標普500市盈率較羅素2000高約72.2%。"
    question = "Russell 2000 PE 18倍,標普31倍,咁標普貴咗幾多%?"
    # a sentence that states a computed figure needs no [n]
    assert verify_answer(answer, three_contexts(), [figure], question=question).ok
    without = verify_answer(answer, three_contexts(), [], question=question)
    assert kinds(without) == ["ungrounded_number", "uncited_sentence"]
    assert without.findings[0].number == "72.2"


def test_constants_of_written_arithmetic_are_not_claims():
    figure = Figure(name="cagr", value=23.48, unit="%", symbol="^RUT", period="5y", source="tool:return_arithmetic")
    answer = "年化回報=(1+187%)^(1/5)−1≈23.5%。"
    question = "金融海嘯後5年羅素2000累積升187%,年化大約幾多?"
    assert verify_answer(answer, three_contexts(), [figure], question=question).ok
    without = verify_answer(answer, three_contexts(), [], question=question)
    assert [f.number for f in without.of_kind("ungrounded_number")] == ["23.5"]


def test_chinese_numerals_in_the_source_ground_digits_in_the_answer():
    answer = "富時羅素每年6月進行年度重組;自2026年起改為6月和12月各一次[2]。"
    assert verify_answer(answer, three_contexts()).ok
    assert [t.canonical for t in chinese_numbers_in("每年六月,十二月,三年,两千家,二十五倍,一百零五天,一些")] == [
        "6", "12", "3", "2000", "25", "105"]


def test_scaled_amounts_match_across_languages():
    answer = "As of 30 April 2024 the largest constituent was worth US$7.1 billion [3]."
    assert verify_answer(answer, three_contexts()).ok


def test_no_contexts_means_no_citation_demands():
    result = verify_answer("我的資料來源中沒有這方面的資訊。", [])
    assert result.ok


def test_citations_quote_the_exact_original_sentence_with_document_offsets():
    contexts = three_contexts()
    answer = "它由羅素3000中市值排名最後的2,000隻股票組成[1]。自2026年起,重組改為每半年一次[2]。"
    citations = build_citations(answer, contexts)
    assert [c.n for c in citations] == [1, 2]
    first, second = citations
    assert first.quote == "它由羅素 3000 指數(涵蓋美股 98% 可投資市值)中市值排名最後的 2,000 隻股票組成。"
    assert DOCS["russell.txt"][first.start : first.end] == first.quote  # document offsets, chunk starts at 10
    assert first.start > 10
    assert (first.doc_id, first.title, first.published, first.chunk_id) == (
        "russell.txt", "羅素2000指數全攻略", "2026-01-15", "russell.txt#10")
    assert second.quote == "自 2026 年起,重組改為每半年一次,分別在六月和十二月進行。"
    assert DOCS["reconstitution.txt"][second.start : second.end] == second.quote
    assert first.quote_display == ""  # the chain converts it to the asker's script


def test_citation_for_an_english_claim_is_found_through_its_numbers():
    answer = "In 2025 the index closed at 2,692.23 points [3]. The S&P 500 gained 16.39% [3]."
    (citation,) = build_citations(answer, three_contexts())
    assert citation.n == 3
    # both claims' sentences, which are adjacent, are quoted as one span
    assert citation.quote == PERFORMANCE[citation.start : citation.end]
    assert "2,692.23" in citation.quote and "16.39%" in citation.quote


def test_citations_only_for_valid_markers_in_order_of_first_use():
    contexts = three_contexts()
    citations = build_citations("上漲7.88%[3][1]。六月重組[2][3][7]。", contexts)
    assert [c.n for c in citations] == [3, 1, 2]


def test_chunk_that_starts_mid_sentence_quotes_the_partial_span_exactly():
    partial = hit("performance.txt", start=5)
    (citation,) = build_citations("2025年羅素2000全年上漲7.88%[1]。", [partial])
    assert PERFORMANCE[citation.start : citation.end] == citation.quote
    assert citation.quote.startswith("2025 年羅素 2000 指數全年上漲 7.88%")


def test_a_rows_header_years_are_the_sources_numbers_not_errors_to_repair():
    """A chunk holding only a table's rows quotes them with the header it was ingested with: the header's years
    are grounded, and no repair turns "Segment results 2025" into a value of the row."""
    from knowledge_base.records import AnswerUnit

    header = "| Segment | Revenue 2026 | Revenue 2025 | Results 2026 | Results 2025 |"
    row = "| Total | 8,426.3 | 7,496.7 | 1,199.4 | 1,096.8 |"
    context = hit("results.md", text=row)
    context.chunk.units = [AnswerUnit(start=0, end=len(row), kind="table_row", header=header)]
    answer = ("Segment: Total; Revenue 2026: 8,426.3; Revenue 2025: 7,496.7; Results 2026: 1,199.4; "
              "Results 2025: 1,096.8[1].")
    result = verify_answer(answer, [context])
    assert result.text == answer and not result.of_kind("repaired_number"), result.findings
    assert not result.of_kind("ungrounded_number")
