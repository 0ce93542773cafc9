"""A question naming two indices (东海300 and 南山100) is answered from the one sentence that states both
figures, even when passages repeating the question's other word (估值) outrank it; text written for this test."""
from __future__ import annotations

import pytest

from assistant import comparison_hits
from assistant.comparison_hits import named_entities
from tests.conftest import assistant_over

COMMENTARY = [
    "东海300的估值近来受到关注。分析师认为东海300的估值修复仍未完成,估值水平取决于盈利。",
    "东海300成分股的估值分化明显,部分行业估值偏高,部分行业估值偏低。",
    "从估值角度看,东海300的估值在过去十年多数时间低于长期均值,估值折价明显。",
    "东海300的估值与利率关系密切:利率下行时估值通常上升,估值弹性较大。",
    "东海300的估值受到外资流向影响,外资流入时估值抬升,流出时估值回落。",
    "东海300今年的估值变化与盈利预期相关,估值中枢有所上移。",
]
COMPARISON = ("# 指数比较\n\n两个指数之间的估值差距仍然较大。目前东海300的预期市盈率约为14倍,而南山100的预期市盈率接近27倍。"
              "这种差距反映了市场对两个指数成分股盈利增长的不同预期,也与两者的行业构成有关。\n")


@pytest.fixture(scope="module")
def kb_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("comparison")


def documents() -> dict[str, str]:
    # every commentary names both indices, in different sentences, so BM25 gives the names no weight
    return {**{f"commentary{i}.md": f"# 东海300观察 {i}\n\n{text}南山100的成分股以科技公司为主。\n"
               for i, text in enumerate(COMMENTARY)},
            "compare.md": COMPARISON}


def test_the_names_a_question_compares():
    assert named_entities("东海300和南山100估值差多少?") == ["东海300", "南山100"]
    assert named_entities("russell 2000 vs s&p 500 valuation?") == ["罗素2000", "标普500"]
    assert named_entities("本益比和市盈率有什么分别?") == []  # synonyms of a term are not names


def test_the_sentence_naming_both_indices_is_quoted(kb_dir):
    r = assistant_over(kb_dir, documents()).ask("东海300和南山100估值差多少?")
    assert not r.refused
    assert "14倍" in r.answer and "27倍" in r.answer


def test_without_the_comparison_passage_the_figures_are_missed(tmp_path, monkeypatch):
    # the control: the passage is outside the top five by BM25, so only the comparison search brings it
    monkeypatch.setattr(comparison_hits, "COMPARISON_HITS", 0)
    r = assistant_over(tmp_path, documents()).ask("东海300和南山100估值差多少?")
    assert not ("14倍" in r.answer and "27倍" in r.answer)
