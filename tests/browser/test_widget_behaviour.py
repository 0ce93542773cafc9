"""The widget in headless Chromium against the real API, with the chain scripted (tests/browser/support.py):
streaming, citations, figures, untrusted text, errors, feedback, keyboard, ARIA, styles, small screens."""
from __future__ import annotations

import json
import re
from datetime import date

import pytest

from knowledge_base.scripts import converter, detect_script
from tests.browser.support import (
    COUNT_STREAMED_TEXT,
    CORPUS,
    XSS_IMG,
    XSS_SCRIPT,
    answer_events,
    artifact,
    ask,
    last_answer,
    shadow_eval,
)

pytestmark = pytest.mark.browser

CITATIONS = [
    {"n": 1, "doc_id": "russell.txt", "title": "羅素2000指數全攻略", "published": "2026-01-15",
     "chunk_id": "russell.txt#3", "quote": "罗素2000每年六月重组", "start": 10, "end": 20,
     "quote_display": "羅素2000每年六月重組一次,新名單於六月最後一個星期五生效。"},
    {"n": 2, "doc_id": "smallcap.txt", "title": "小型股觀察", "published": None,
     "chunk_id": "smallcap.txt#1", "quote": "富時羅素按市值重新排序成分股。", "quote_display": "", "start": 0, "end": 15},
]
FIGURES = [
    {"name": "return", "value": 12.345, "unit": "%", "symbol": "^RUT", "period": "ytd",
     "as_of": date(2026, 3, 31), "source": "files:^RUT.csv"},
    {"name": "level", "value": 2345.6, "unit": "points", "symbol": "^RUT", "period": "2026-03-31",
     "as_of": date(2026, 3, 31), "source": "files:^RUT.csv"},
]
ANSWER = "羅素2000每年六月重組一次[1],由富時羅素按市值重新排序[2]。"
DISCLAIMER = "以上內容只供參考,不構成投資建議。"

def test_streams_answer_then_citations_figures_disclaimer(open_page, scripted_api):
    scripted_api.assistant.enqueue(answer_events(ANSWER, citations=CITATIONS, figures=FIGURES, disclaimer=DISCLAIMER))
    page, problems = open_page(scripted_api.base_url + "/")
    shadow_eval(page, COUNT_STREAMED_TEXT)
    ask(page, "羅素2000點樣重組?")
    answer = last_answer(page)

    assert page.evaluate("window.__streamedPieces") >= 5  # appended token by token before `done`
    assert answer.locator(".bubble").inner_text() == ANSWER  # replaced by done.answer: exact
    assert answer.locator(".error").count() == 0

    chips = answer.locator(".chip")
    assert chips.count() == 2
    assert chips.nth(0).inner_text().replace("\n", " ").startswith("[1] 羅素2000指數全攻略")
    quote = answer.locator("#" + chips.nth(0).get_attribute("aria-controls"))
    assert quote.is_hidden()
    chips.nth(0).click()
    assert chips.nth(0).get_attribute("aria-expanded") == "true"
    assert quote.is_visible()
    assert quote.locator("blockquote").inner_text() == CITATIONS[0]["quote_display"]
    assert "2026-01-15" in quote.inner_text()
    chips.nth(0).click()
    assert quote.is_hidden() and chips.nth(0).get_attribute("aria-expanded") == "false"

    # The [2] marker in the answer opens citation 2, whose quote_display is empty: the quote is shown.
    answer.locator(".bubble .ref", has_text="[2]").click()
    second = answer.locator("#" + chips.nth(1).get_attribute("aria-controls"))
    assert second.is_visible()
    assert second.locator("blockquote").inner_text() == CITATIONS[1]["quote"]

    figures = answer.locator(".figs")
    assert figures.locator("tr").count() == 2
    text = figures.inner_text()
    assert "+12.35%" in text and "2,345.6 點" in text and "^RUT" in text
    assert "數據截至 2026-03-31" in text and "files:^RUT.csv" in text
    assert answer.locator(".disclaimer").inner_text() == DISCLAIMER
    assert answer.locator(".feedback button").count() == 2

    # A follow-up carries the conversation id that `done` returned.
    scripted_api.assistant.enqueue(answer_events("第二個回答。"))
    ask(page, "咁今年表現點?", answers=2)
    first, second_q = scripted_api.assistant.questions
    assert first["conversation_id"] is None
    assert second_q["conversation_id"]
    assert problems.errors == []


def test_untrusted_text_is_shown_as_text_never_run(open_page, scripted_api):
    hostile = f"{XSS_IMG}{XSS_SCRIPT}"
    citations = [{**CITATIONS[0], "title": f"標題{hostile}", "quote_display": f"引文{hostile}", "quote": hostile,
                  "published": f"2026-01-15{XSS_IMG}"}]
    figures = [{**FIGURES[0], "source": f"files:{hostile}", "symbol": XSS_IMG, "period": XSS_SCRIPT}]
    scripted_api.assistant.enqueue(answer_events(
        f"答案{XSS_IMG}[1]{XSS_SCRIPT}", citations=citations, figures=figures, disclaimer=f"免責{hostile}",
    ))
    page, _ = open_page(scripted_api.base_url + "/")
    ask(page, "羅素2000點樣重組?")
    answer = last_answer(page)
    answer.locator(".chip").first.click()
    page.wait_for_timeout(300)  # an onerror handler would have fired by now

    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert shadow_eval(page, "(root) => root.querySelectorAll('img, script, iframe, object').length") == 0
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    visible = answer.inner_text()
    for text in (f"答案{XSS_IMG}", XSS_SCRIPT, f"標題{hostile}", f"引文{hostile}", f"files:{hostile}", f"免責{hostile}"):
        assert text in visible, text
    artifact_path = artifact("widget-untrusted-text.png")
    page.screenshot(path=str(artifact_path))


def test_errors_are_shown_in_the_panel(open_page, scripted_api):
    from assistant.errors import InvalidQuestionError

    events = answer_events("開始回答")
    scripted_api.assistant.enqueue([events[0], InvalidQuestionError(f"壞問題{XSS_IMG}")])
    page, _ = open_page(scripted_api.base_url + "/")
    ask(page, "羅素2000點樣重組?")
    alert = last_answer(page).locator("[role=alert]")
    assert alert.inner_text() == f"壞問題{XSS_IMG}"  # the error event's message, as text

    # Refused before the stream starts (the API's limit is 200 characters here): the JSON envelope's message.
    ask(page, "羅" * 201, answers=2)
    alert = last_answer(page).locator("[role=alert]")
    assert "201" in alert.inner_text() and "200" in alert.inner_text()
    assert page.locator("caiwen-widget .send").is_enabled()  # ready for the next question
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_feedback_is_posted_and_confirmed(open_page, scripted_api):
    scripted_api.assistant.enqueue(answer_events(ANSWER, citations=CITATIONS))
    scripted_api.assistant.enqueue(answer_events("另一個回答。"))
    page, _ = open_page(scripted_api.base_url + "/")
    ask(page, "羅素2000點樣重組?")
    first = last_answer(page)
    first.locator(".thumb.up").click()
    first.locator(".fbstatus", has_text="謝謝").wait_for()
    assert first.locator(".thumb.up").get_attribute("aria-pressed") == "true"
    assert first.locator(".thumb.up").get_attribute("aria-disabled") == "true"
    assert first.locator(".thumb.down").get_attribute("aria-disabled") == "true"
    # Keyboard focus stays on the pressed button (a disabled one would drop it to <body>).
    assert shadow_eval(page, "(root) => root.activeElement && root.activeElement.className") == "thumb up"
    first.locator(".thumb.down").click(force=True)  # a second rating is not sent
    assert first.locator(".fbform").count() == 0

    ask(page, "今年表現點?", answers=2)
    second = last_answer(page)
    second.locator(".thumb.down").click()
    comment = second.locator(".fbform input")
    assert comment.evaluate("(el) => el === el.getRootNode().activeElement")  # focus moved to the comment
    comment.fill("想知道重組日期")
    comment.press("Enter")
    second.locator(".fbstatus", has_text="謝謝").wait_for()
    assert second.locator(".fbform").is_hidden()
    assert shadow_eval(page, "(root) => root.activeElement && root.activeElement.className") == "thumb down"

    items = {item["rating"]: item for item in scripted_api.feedback()}
    assert set(items) == {"up", "down"}
    assert items["down"]["comment"] == "想知道重組日期"
    assert items["up"]["message_id"] != items["down"]["message_id"]


def test_sse_parser_handles_split_lines_crlf_and_multiline_data(open_page, scripted_api):
    page, _ = open_page(scripted_api.base_url + "/")
    stream = (
        ": ping - keep-alive\r\n\r\n"
        "event: token\r\ndata: {\"text\": \"羅素\"}\r\n\r\n"
        "event: token\ndata:{\"text\":\"2000\"}\n\n"
        "event: citations\rdata: [1,\rdata: 2]\r\r"
        "id: 7\nretry: 1000\nevent: done\ndata: first\ndata:\ndata: third\nunknown: x\n\n"
        "data: no event name\n\n"
        "event: token\ndata: {\"text\": \"cut off\"}\n"  # no blank line: dropped at the end
    )
    results = page.evaluate(
        """(stream) => {
          const run = (pieces) => {
            const seen = [];
            const parser = CaiwenWidget.createSSEParser((type, data) => seen.push([type, data]));
            pieces.forEach((p) => parser.push(p));
            parser.end();
            return JSON.stringify(seen);
          };
          const whole = run([stream]);
          const oneByOne = run(Array.from(stream));
          const crSplit = run(stream.split(/(?<=\\r)/));
          return [whole, oneByOne, crSplit];
        }""",
        stream,
    )
    expected = [
        ["token", '{"text": "羅素"}'],
        ["token", '{"text":"2000"}'],
        ["citations", "[1,\n2]"],
        ["done", "first\n\nthird"],
        ["message", "no event name"],
    ]
    for result in results:
        assert json.loads(result) == expected


def _script_samples() -> list[str]:
    """Sentences from the corpus in both scripts, long enough to carry script-specific characters."""
    samples = []
    for path in sorted(CORPUS.glob("*.txt")):
        sentences = path.read_text(encoding="utf-8").replace("\n", "。").split("。")
        samples += [s for s in sentences if 12 <= len(s) <= 80 and re.search("[\u4e00-\u9fff]{4}", s)][:10]
    return samples


def test_language_detection_agrees_with_the_python_detector(open_page, scripted_api):
    page, _ = open_page(scripted_api.base_url + "/")
    t2s, s2t = converter("t2s"), converter("s2t")
    texts = ["羅素2000點樣重組?", "罗素2000怎么重组?", "How is the Russell 2000 reconstituted?",
             "佢哋今日買咗乜", "聯準會降息對小型股有什麼影響?", "美联储降息对小型股有什么影响?"]
    for sentence in _script_samples():
        texts += [t2s.convert(sentence), s2t.convert(sentence)]
    texts = [t for t in texts if t2s.convert(t) != s2t.convert(t) or t.startswith("How")]  # script-specific
    assert len(texts) >= 40
    detected = page.evaluate("(texts) => texts.map((t) => CaiwenWidget.detectLanguage(t))", texts)
    disagreements = [(t, d, detect_script(t)) for t, d in zip(texts, detected) if d != detect_script(t)]
    assert disagreements == []


def test_interface_language_follows_what_is_typed(open_page, scripted_api):
    page, _ = open_page(scripted_api.base_url + "/")  # the demo page is zh-Hant-HK
    page.locator("caiwen-widget .launcher").click()
    textarea = page.locator("caiwen-widget textarea")
    title = page.locator("caiwen-widget h2")
    assert title.inner_text() == "財問 · 投資問答"
    textarea.press_sequentially("How is the Russell 2000 rebuilt?")
    assert title.inner_text() == "Caiwen · Investment Q&A"
    assert textarea.get_attribute("aria-label") == "Your question"
    assert page.locator("caiwen-widget .panel").get_attribute("lang") == "en"
    textarea.fill("")
    textarea.press_sequentially("罗素2000怎么重组")
    assert title.inner_text() == "财问 · 投资问答"
    assert page.locator("caiwen-widget .close").get_attribute("aria-label") == "关闭对话"
    textarea.press_sequentially("2000")  # digits alone change nothing
    assert title.inner_text() == "财问 · 投资问答"
    textarea.fill("")
    textarea.press_sequentially("羅素2000點樣重組")
    assert title.inner_text() == "財問 · 投資問答"
    assert page.locator("caiwen-widget .panel").get_attribute("lang") == "zh-Hant"

    # Every language's label table has every key, so no label is ever missing (answer parts included).
    scripted_api.assistant.enqueue(answer_events(ANSWER, citations=CITATIONS, figures=FIGURES))
    ask(page, "羅素2000點樣重組?")
    last_answer(page).locator(".thumb.down").click()
    keys = page.evaluate(
        """() => ['zh-Hant', 'zh-Hans', 'en'].map((lang) => {
          CaiwenWidget.setLanguage(lang);
          const root = document.querySelector('caiwen-widget').shadowRoot;
          const missing = (v) => !v || v === 'undefined';
          return Array.from(root.querySelectorAll('[data-l],[data-la],[data-lp]')).filter((n) =>
            (n.hasAttribute('data-l') && missing(n.textContent)) ||
            (n.hasAttribute('data-la') && missing(n.getAttribute('aria-label'))) ||
            (n.hasAttribute('data-lp') && missing(n.getAttribute('placeholder')))).length;
        })"""
    )
    assert keys == [0, 0, 0]


def test_keyboard_focus_and_aria(open_page, scripted_api):
    scripted_api.assistant.enqueue(answer_events("鍵盤回答。"))
    page, _ = open_page(scripted_api.base_url + "/")
    launcher = page.locator("caiwen-widget .launcher")
    panel = page.locator("caiwen-widget .panel")
    assert launcher.get_attribute("aria-label") and launcher.get_attribute("aria-expanded") == "false"
    assert panel.get_attribute("role") == "dialog" and panel.get_attribute("aria-labelledby") == "caiwen-title"
    log = page.locator("caiwen-widget [role=log]")
    assert log.get_attribute("aria-live") == "polite"

    # Reach the launcher with Tab (the demo page has no other focusable element), open it with Enter.
    page.keyboard.press("Tab")
    assert shadow_eval(page, "(root) => root.activeElement && root.activeElement.className") == "launcher"
    outline = shadow_eval(page, "(root) => getComputedStyle(root.activeElement).outlineStyle")
    assert outline == "solid"  # visible keyboard focus
    page.keyboard.press("Enter")
    assert panel.is_visible() and launcher.get_attribute("aria-expanded") == "true"
    assert shadow_eval(page, "(root) => root.activeElement.tagName") == "TEXTAREA"

    page.keyboard.type("第一行")
    page.keyboard.press("Shift+Enter")
    page.keyboard.type("第二行")
    assert page.locator("caiwen-widget textarea").input_value() == "第一行\n第二行"
    assert scripted_api.assistant.questions == []
    page.keyboard.press("Enter")
    page.locator("caiwen-widget article.bot[aria-busy=false]").wait_for()
    assert scripted_api.assistant.questions[0]["question"] == "第一行\n第二行"
    assert page.locator("caiwen-widget textarea").input_value() == ""

    # Buttons in the answer are labelled; Esc closes the panel and gives focus back to the launcher.
    for button in page.locator("caiwen-widget article.bot button").all():
        assert button.get_attribute("aria-label") or button.inner_text().strip()
    page.keyboard.press("Escape")
    assert panel.is_hidden() and launcher.get_attribute("aria-expanded") == "false"
    assert shadow_eval(page, "(root) => root.activeElement && root.activeElement.className") == "launcher"

    # The close button works from the keyboard too.
    page.keyboard.press("Enter")
    assert panel.is_visible()
    page.locator("caiwen-widget .close").focus()
    page.keyboard.press("Enter")
    assert panel.is_hidden()


def test_page_styles_and_widget_styles_stay_apart(open_page, scripted_api):
    scripted_api.assistant.enqueue(answer_events(ANSWER, citations=CITATIONS))
    page, _ = open_page(scripted_api.base_url + "/")
    page.add_style_tag(content=(
        "button, textarea { background: rgb(255, 0, 255) !important; font-size: 40px !important; }"
        "p { color: rgb(0, 255, 0) !important; } caiwen-widget { display: none; }"
    ))
    page.evaluate("""() => { const p = document.createElement('p'); p.className = 'bubble chip disclaimer';
                     p.id = 'page-p'; p.textContent = 'page text'; document.body.appendChild(p); }""")
    ask(page, "羅素2000點樣重組?")
    styles = shadow_eval(page, """(root) => ({
      launcher: getComputedStyle(root.querySelector('.launcher')).backgroundColor,
      chip: getComputedStyle(root.querySelector('.chip')).fontSize,
      bubble: getComputedStyle(root.querySelector('.bot .bubble')).color,
    })""")
    assert styles["launcher"] != "rgb(255, 0, 255)"
    assert styles["chip"] == "13px"
    assert styles["bubble"] != "rgb(0, 255, 0)"
    assert page.locator("caiwen-widget .launcher").is_visible()  # a page rule aimed at the host loses
    page_p = page.evaluate("""() => { const s = getComputedStyle(document.getElementById('page-p'));
                              return [s.borderRadius, s.fontSize, s.whiteSpace]; }""")
    assert page_p == ["0px", "16px", "normal"]  # the widget's .bubble/.chip rules do not reach the page


def test_usable_at_360px(open_page, scripted_api):
    long_title = "羅素2000指數成分股年度重組安排及其對小型股流動性與價格波動的影響分析全文"
    citations = [{**CITATIONS[0], "title": long_title}, CITATIONS[1]]
    scripted_api.assistant.enqueue(answer_events(
        ANSWER + "https://example.invalid/a/very/long/unbroken/path/that/must/wrap/inside/the/bubble/too",
        citations=citations, figures=FIGURES, disclaimer=DISCLAIMER,
    ))
    page, problems = open_page(scripted_api.base_url + "/", width=360, height=740)
    ask(page, "羅素2000點樣重組?")
    last_answer(page).locator(".chip").first.click()
    box = page.locator("caiwen-widget .panel").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360 and box["height"] <= 740
    overflow = shadow_eval(page, "(root) => { const log = root.querySelector('.log'); "
                                 "return log.scrollWidth - log.clientWidth; }")
    assert overflow <= 0
    for selector in ("textarea", ".send", ".close"):
        b = page.locator(f"caiwen-widget {selector}").bounding_box()
        assert b["x"] >= 0 and b["x"] + b["width"] <= 360 and b["y"] + b["height"] <= 740, selector
    page.screenshot(path=str(artifact("widget-scripted-360.png")))
    assert problems.errors == []
