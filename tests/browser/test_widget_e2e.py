"""End to end: the real API over the ingested corpus (plus one planted hostile document), the demo page in
headless Chromium, a Traditional Chinese question typed by keyboard, and what a customer would check."""
from __future__ import annotations

import pytest

from knowledge_base.scripts import detect_script
from tests.browser.support import COUNT_STREAMED_TEXT, artifact, ask, last_answer, serve_api, shadow_eval

pytestmark = pytest.mark.browser

QUESTION = "羅素2000點樣重組?"


def test_traditional_question_streams_cited_answer_with_feedback(open_page, corpus_api):
    page, problems = open_page(corpus_api.base_url + "/", width=1280, height=800)
    shadow_eval(page, COUNT_STREAMED_TEXT)

    page.locator("caiwen-widget .launcher").focus()
    page.keyboard.press("Enter")
    assert shadow_eval(page, "(root) => root.activeElement.tagName") == "TEXTAREA"
    page.keyboard.type(QUESTION)
    page.keyboard.press("Enter")
    page.locator("caiwen-widget article.bot[aria-busy=false]").wait_for(timeout=120_000)
    answer = last_answer(page)
    assert answer.locator(".error").count() == 0, answer.locator(".error").all_inner_texts()

    # The answer streamed in and is written in Traditional script, like the question.
    text = answer.locator(".bubble").inner_text()
    assert len(text) > 20
    assert detect_script(text) == "zh-Hant", text
    assert page.evaluate("window.__streamedPieces") >= 1

    # Citation chips expand to the quoted passage with its title.
    chips = answer.locator(".chip")
    assert chips.count() >= 1
    for i in range(chips.count()):
        chips.nth(i).click()
        quote = answer.locator("#" + chips.nth(i).get_attribute("aria-controls"))
        assert quote.is_visible() and chips.nth(i).get_attribute("aria-expanded") == "true"
        assert quote.locator("blockquote").inner_text().strip()
        assert quote.locator(".qt").inner_text().strip()
    page.screenshot(path=str(artifact("widget-e2e-desktop.png")))

    # The planted document is cited; its markup is visible as text and never ran.
    page.wait_for_timeout(300)
    assert 'onerror="window.__pwned=1"' in answer.inner_text()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert shadow_eval(page, "(root) => root.querySelectorAll('img, script, iframe, object').length") == 0

    # Thumbs up reaches the API's feedback store.
    answer.locator(".thumb.up").click()
    answer.locator(".fbstatus", has_text="謝謝").wait_for()
    ratings = [(item["rating"], item["channel"]) for item in corpus_api.feedback()]
    assert ratings == [("up", "widget")]

    # The same conversation on a phone-sized screen.
    page.set_viewport_size({"width": 360, "height": 740})
    chips.first.scroll_into_view_if_needed()
    box = page.locator("caiwen-widget .panel").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    page.screenshot(path=str(artifact("widget-e2e-360.png")))

    page.keyboard.press("Escape")
    assert page.locator("caiwen-widget .panel").is_hidden()
    assert problems.errors == []


def test_markup_in_an_llm_reply_is_shown_as_text(open_page, corpus_data):
    """The chain's LLM composer (against a scripted OpenAI-compatible server) writes markup into its reply."""
    from tests.fakes import FakeOpenAIServer

    llm_img = '<img src=x onerror="window.__pwned=2">'
    reply = f"羅素2000指數每年6月重組一次,富時羅素會按4月底的市值重新排序成分股{llm_img}[1]。"
    with FakeOpenAIServer() as llm:
        for _ in range(4):
            llm.enqueue_text(reply)
        env = {"CAIWEN_COMPOSER": "llm", "CAIWEN_LLM_BASE_URL": llm.base_url,
               "CAIWEN_LLM_API_KEY": "test", "CAIWEN_LLM_MODEL": llm.model}
        with serve_api(corpus_data.data_dir, env) as base_url:
            page, problems = open_page(base_url + "/")
            ask(page, QUESTION, timeout_ms=120_000)
            answer = last_answer(page)
            page.wait_for_timeout(300)
            text = answer.locator(".bubble").inner_text()
            assert any(r.path.endswith("/chat/completions") for r in llm.requests)
            assert llm_img in text, text
            assert page.evaluate("typeof window.__pwned") == "undefined"
            assert shadow_eval(page, "(root) => root.querySelectorAll('img, script').length") == 0
            assert problems.errors == []
