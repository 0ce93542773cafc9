"""When chosen sentences of two documents disagree (assistant.composers.source_disagreement)."""
from __future__ import annotations

from types import SimpleNamespace

from assistant.composers.extractive_candidates import Candidate, sentence_tokens
from assistant.composers.source_disagreement import disagree


def _candidate(n: int, text: str) -> Candidate:
    return Candidate(n, 0, len(text), text, sentence_tokens(text), 0)


def _contexts(*doc_ids: str) -> list:
    return [SimpleNamespace(chunk=SimpleNamespace(doc_id=d)) for d in doc_ids]


def test_two_documents_giving_different_percentages_for_one_thing_disagree():
    chosen = [_candidate(1, "南岳100成分股中約35%的公司尚未獲利。"), _candidate(2, "南岳100成分股中約有40%的公司尚未獲利。")]
    assert disagree(chosen, _contexts("a.md", "b.md"))


def test_percentages_about_different_things_are_no_disagreement():
    chosen = [_candidate(1, "北辰ETF的費用率由0.35%降至0.20%。"), _candidate(2, "殖利率上升1個百分點時，長天期公債淨值大約下跌17%。")]
    assert not disagree(chosen, _contexts("a.md", "b.md"))


def test_one_document_never_disagrees_with_itself_on_percentages():
    chosen = [_candidate(1, "南岳100去年上漲12%。"), _candidate(2, "南岳100前年上漲8%。")]
    assert not disagree(chosen, _contexts("a.md", "a.md"))


def test_a_document_stating_several_figures_still_meets_the_others_close_one():
    card = [_candidate(1, "| 成分股數量 | 225 |"), _candidate(1, "| 1989年收盤最高紀錄 | 38,957 |")]
    news = [_candidate(2, "1989年12月29日，指數曾收於38,915點。")]
    assert disagree([*card, *news], _contexts("card.md", "news.txt"))
