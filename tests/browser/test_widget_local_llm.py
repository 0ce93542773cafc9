"""The chat widget in headless Chromium answering a Traditional Chinese question through the real local
model (`caiwen llm serve` behind CAIWEN_LLM_BASE_URL), with a screenshot kept in tests/browser/artifacts/."""
from __future__ import annotations

import pytest

from knowledge_base.scripts import detect_script
from tests.browser.support import artifact, ask, last_answer, serve_api
from tests.local_llm.server import TIMEOUT_S, local_llm, local_model  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.local_llm]


def test_widget_streams_a_cited_traditional_answer_from_the_local_model(open_page, corpus_data, local_llm):  # noqa: F811
    with serve_api(corpus_data.data_dir, local_llm.env()) as base_url:
        page, problems = open_page(base_url + "/", width=1280, height=800)
        done = []
        page.on("response", lambda r: done.append(r) if r.url.endswith("/v1/chat/stream") else None)
        ask(page, "羅素2000指數是由哪間公司編製的?", timeout_ms=(TIMEOUT_S + 60) * 1000)
        answer = last_answer(page)
        text = answer.locator(".bubble").inner_text()
        page.screenshot(path=str(artifact("widget-local-llm.png")))
        assert answer.locator(".error").count() == 0, answer.locator(".error").all_inner_texts()
        assert detect_script(text) == "zh-Hant", text
        assert "回答中斷" not in text  # the model's answer stood: no fallback notice
        assert answer.locator(".chip").count() >= 1
        chip = answer.locator(".chip").first
        chip.click()
        quote = answer.locator("#" + chip.get_attribute("aria-controls"))
        assert quote.is_visible() and quote.locator("blockquote").inner_text().strip()
        page.screenshot(path=str(artifact("widget-local-llm-citation.png")))
        assert done and done[0].status == 200
        assert problems.errors == []
