"""The answering chain over the golden dev set, with the default embedder and the extractive composer."""
from __future__ import annotations

import json
import re

import pytest

from assistant.citation_markers import markers_in
from knowledge_base.scripts import detect_script
from tests.assistant.chain.conftest import GOLDEN

ITEMS = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines() if line.strip()]
BUY_SELL_CALL = re.compile(r"建議(買入|賣出|沽出)|建议(买入|卖出)|應該(買|賣)|应该(买|卖)|you should (buy|sell|hold)|we recommend (buying|selling)", re.I)


@pytest.fixture(scope="module")
def answers(assistant):
    return {item["id"]: assistant.ask(item["question"]) for item in ITEMS}


def test_expected_source_in_top5_for_90_percent_per_language(answers):
    for lang in ("zh-Hant", "zh-Hans", "en"):
        items = [i for i in ITEMS if i["expected_sources"] and i["lang"] == lang]
        hits = sum(1 for i in items if {r.doc_id for r in answers[i["id"]].retrieved} & set(i["expected_sources"]))
        assert hits / len(items) >= 0.9, (lang, hits, len(items))


def test_every_citation_is_valid(answers):
    for item in ITEMS:
        response = answers[item["id"]]
        cited = {c.n for c in response.citations}
        for n in markers_in(response.answer):
            assert n in cited and 1 <= n <= len(response.retrieved), (item["id"], n)
        for c in response.citations:
            assert c.chunk_id in {r.chunk_id for r in response.retrieved}
            assert c.quote and c.quote_display


def test_quotes_are_exact_original_spans(assistant, answers):
    for item in ITEMS[:20]:
        for c in answers[item["id"]].citations:
            assert assistant.kb.catalog.cleaned_text(c.doc_id)[c.start:c.end] == c.quote


def test_chinese_answers_are_in_the_askers_script(answers):
    for item in ITEMS:
        if item["lang"] != "en":
            assert answers[item["id"]].lang == item["lang"]
            text = re.sub(r"[A-Za-z0-9\s\[\]().,%:+\-–]", "", answers[item["id"]].answer)
            assert detect_script(text) == item["lang"], (item["id"], answers[item["id"]].answer[:80])


def test_refusals_out_of_scope_and_in_scope(answers):
    oos = [i for i in ITEMS if i["kind"] == "out_of_scope"]
    ins = [i for i in ITEMS if i["kind"] != "out_of_scope"]
    refused = sum(1 for i in oos if answers[i["id"]].refused)
    wrongly = sum(1 for i in ins if answers[i["id"]].refused)
    assert refused / len(oos) >= 0.85
    assert wrongly / len(ins) <= 0.05
    for i in oos:
        if answers[i["id"]].refused:
            assert answers[i["id"]].citations == []


def test_advice_items_inform_with_a_disclaimer_and_no_call(answers):
    for item in (i for i in ITEMS if i["kind"] == "advice"):
        response = answers[item["id"]]
        assert response.disclaimer and response.disclaimer in response.answer
        assert not BUY_SELL_CALL.search(response.answer.replace(response.disclaimer, ""))
