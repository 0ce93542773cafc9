"""What code says in English about Chinese evidence (assistant.english_frame)."""
from __future__ import annotations

from assistant.english_frame import english_facts, facts_of


def test_figures_dates_and_units_are_rendered():
    assert facts_of("南岳指數於2025年9月17日收於8,615點，上漲2.1%。") == ["17 September 2025", "8,615 points", "2.1%"]


def test_a_year_followed_by_nian_is_a_year_not_a_duration():
    facts = facts_of("本文帶你看它如何成為你 2026 年資產配置的關鍵，閉鎖期為 90 天，已運作 12 年。")
    assert "2026" in facts and "2026 years" not in facts
    assert "90 days" in facts and "12 years" in facts


def test_each_fact_carries_its_marker_and_the_list_is_bounded():
    quotes = [("北辰ETF(ticker: NBX)的費用率為0.32%。", 1), ("北辰ETF規模為85億元。", 2)]
    assert english_facts(quotes) == ["0.32% [1]", "ETF [1]", "NBX [1]", "8.5 billion yuan [2]", "ETF [2]"]
    assert len(english_facts(quotes * 10, limit=3)) == 3
