"""The widget shows the page of a citation from a paged source (PDF) in its chip and quote, in the interface
language: 「第3頁」, 「第3页」, "p. 3"; citations of unpaged sources show none."""
from __future__ import annotations

import pytest

from tests.browser.support import answer_events, ask, last_answer

pytestmark = pytest.mark.browser

CITATIONS = [
    {"n": 1, "doc_id": "fund_report.pdf", "title": "亞洲小型股基金月報", "published": "2026-03-31",
     "chunk_id": "fund_report.pdf#0004-abc", "quote": "| 環球增長基金 | 1.90% | 第30名 |", "quote_display": "",
     "start": 1200, "end": 1226, "page": 3},
    {"n": 2, "doc_id": "russell.txt", "title": "羅素2000指數全攻略", "published": None,
     "chunk_id": "russell.txt#0001-def", "quote": "羅素2000每年六月重組。", "quote_display": "", "start": 0, "end": 12},
]
ANSWER = "環球增長基金的管理費為每年1.90%[1]，指數每年六月重組[2]。"


def test_citation_chip_and_quote_carry_the_page_in_the_interface_language(open_page, scripted_api):
    scripted_api.assistant.enqueue(answer_events(ANSWER, citations=CITATIONS))
    page, problems = open_page(scripted_api.base_url + "/")
    ask(page, "環球增長基金的管理費是多少？")
    answer = last_answer(page)
    chips = answer.locator(".chip")
    assert chips.count() == 2
    assert chips.nth(0).inner_text().replace("\n", " ") == "[1] 亞洲小型股基金月報 第3頁"
    assert chips.nth(1).locator(".pg").count() == 0  # a text article has no pages
    chips.nth(0).click()
    quote = answer.locator("#" + chips.nth(0).get_attribute("aria-controls"))
    assert quote.locator(".qt").inner_text() == "亞洲小型股基金月報 · 第3頁"
    assert quote.locator("blockquote").inner_text() == CITATIONS[0]["quote"]

    labels = page.evaluate(
        """() => ['zh-Hans', 'en', 'zh-Hant'].map((lang) => {
          CaiwenWidget.setLanguage(lang);
          const root = document.querySelector('caiwen-widget').shadowRoot;
          return root.querySelector('article.bot:last-of-type .chip .pg').textContent;
        })"""
    )
    assert labels == ["第3页", "p. 3", "第3頁"]
    assert problems.errors == []
