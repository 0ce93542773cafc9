"""The `llm` composer's context budget, its JSON tool requests (for models that cannot call tools) and its
refusal of uncited replies, against the scripted OpenAI-compatible server on 127.0.0.1."""
from __future__ import annotations


import pytest

from assistant.composers.base import Composition, CompositionInput
from assistant.composers.budget import ContextBudget, estimate_tokens, fit_contexts, trim_chunk
from assistant.composers.fallback import FallbackComposer
from assistant.composers.llm import LLMComposer, LLMOutputError
from assistant.figures.tools import figure_tools
from assistant.language import QueryLanguage
from assistant.options import LLMOptions
from assistant.prompts import says_not_in_sources
from caiwen.config import ConfigError, Settings, load_settings
from tests.assistant.answer_evidence import DOCS, hit, three_contexts

HK = QueryLanguage("zh-Hant", "HK")
PREMIUM_Q = "Russell 2000 PE 18倍,標普31倍,咁標普貴咗幾多%?"
JSON_REQUEST = '```json\n{"tool": "valuation_premium", "arguments": {"pe": 31, "base_pe": 18}}\n```'




def settings_for(server, tmp_path, **kw) -> Settings:
    kw.setdefault("llm_prompt_tokens", 4000)  # the budget is tested on its own below
    return Settings(data_dir=tmp_path, llm_base_url=server.base_url, llm_model="fake-model", llm_timeout_s=2.0, **kw)


def make_input(question: str = "羅素2000點樣重組?", contexts=None, **kw) -> CompositionInput:
    return CompositionInput(question=question, norm_question=question, language=HK,
                            contexts=three_contexts() if contexts is None else contexts, **kw)


# --- the budget ---------------------------------------------------------------------------------
def test_trim_keeps_the_sentences_that_share_words_with_the_question():
    text = DOCS["russell.txt"]
    trimmed = trim_chunk(text, "羅素3000指數涵蓋幾多可投資市值?", 60)
    assert len(trimmed) <= 60 and "98%" in trimmed and trimmed in text
    assert trim_chunk(text, "whatever", len(text)) == text  # short enough: untouched
    long_sentence = "羅素" * 200
    assert trim_chunk(long_sentence, "羅素", 50).endswith("…") and len(trim_chunk(long_sentence, "羅素", 50)) == 50


def test_fit_drops_sources_from_the_end_then_trims_the_first():
    contexts = [hit("russell.txt", rank=1), hit("reconstitution.txt", rank=2), hit("performance.txt", rank=3)]

    def tokens(chosen):
        return 100 + sum(estimate_tokens(h.chunk.text) for h in chosen)

    roomy = fit_contexts(contexts, "羅素", ContextBudget(prompt_tokens=5000, max_sources=2, chunk_chars=1000), tokens)
    assert [h.chunk.doc_id for h in roomy.contexts] == ["russell.txt", "reconstitution.txt"]
    assert (roomy.dropped, roomy.trimmed) == (1, 0)

    tight = fit_contexts(contexts, "羅素", ContextBudget(prompt_tokens=220, max_sources=3, chunk_chars=1000), tokens)
    assert [h.chunk.doc_id for h in tight.contexts] == ["russell.txt"] and tight.tokens <= 220
    assert tight.trimmed == 1 and tight.contexts[0].chunk.text in DOCS["russell.txt"]
    assert contexts[0].chunk.text == DOCS["russell.txt"]  # the retrieved hits themselves are never changed


def test_estimate_counts_chinese_characters_digits_and_words():
    assert estimate_tokens("羅素指數") == 4
    assert estimate_tokens("2,692.23") == 8  # Qwen-style tokenizers split numbers digit by digit
    assert estimate_tokens("The Russell index") == 3
    assert estimate_tokens("") == 0


def test_the_prompt_holds_at_most_llm_k_trimmed_sources(server, tmp_path):
    server.enqueue_text("富時羅素每年六月進行年度重組[2]。")
    composer = LLMComposer(settings_for(server, tmp_path, llm_k=2, llm_chunk_chars=80))
    contexts = [*three_contexts(), hit("russell.txt", rank=4)]
    composition = composer.compose(make_input(contexts=contexts))
    assert composition.composer == "llm"
    human = server.chat_requests[0].message_text("user", last=True)
    assert human.count("<source id=") == 2 and "numbered 1 to 2" in human
    for block in human.split('<source id="')[1:]:
        body = block.split(">", 1)[1].split("</source>")[0].strip()
        assert len(body) <= 80
    assert server.chat_requests[0].body["max_completion_tokens"] == 300 or server.chat_requests[0].body.get("max_tokens") == 300


# --- uncited replies ------------------------------------------------------------------------------
def test_an_uncited_reply_is_answered_extractively_with_a_warning(server, tmp_path):
    from assistant.composers.extractive import ExtractiveComposer

    server.enqueue_text("羅素2000每年都會重組,詳情請參閱官方網站。")
    composer = FallbackComposer(LLMComposer(settings_for(server, tmp_path)), ExtractiveComposer())
    composition = composer.compose(make_input("羅素2000每年幾時重組?"))
    assert composition.composer == "extractive" and "六月" in composition.text
    assert composition.warnings[0] == (
        "llm unavailable (LLMOutputError: the reply cites none of its 3 sources): answered extractively"
    )


@pytest.mark.parametrize("reply", ["我的资料来源中没有这方面的信息。", "This is not in my sources.",
                                   "我嘅資料來源入面冇呢方面嘅資料。"])
def test_not_in_my_sources_needs_no_citation_in_any_script(server, tmp_path, reply):
    server.enqueue_text(reply)
    composition = LLMComposer(settings_for(server, tmp_path)).compose(make_input("IWM嘅管理費係幾多?"))
    assert composition.text == reply and says_not_in_sources(composition.text)


# --- JSON tool requests (CAIWEN_LLM_TOOLS=json) -------------------------------------------------
def test_a_json_tool_request_runs_the_tool_and_asks_again_with_its_figures(server, tmp_path):
    settings = settings_for(server, tmp_path, llm_tools="json")
    server.enqueue_text(JSON_REQUEST)
    server.enqueue_text("標普500市盈率較羅素2000高72.22%。")
    composer = LLMComposer(settings, tools=figure_tools(settings))
    composition = composer.compose(make_input(PREMIUM_Q))
    assert composition.text == "標普500市盈率較羅素2000高72.22%。"  # a tool's figure needs no [n]
    assert ("pe_premium", 72.22, "%") in [(f.name, f.value, f.unit) for f in composition.figures]
    first, second = server.chat_requests
    assert "tools" not in first.body  # nothing the server must understand: the tools are in the prompt
    system = first.message_text("system")
    assert '{"tool": "<name>", "arguments": {...}}' in system and "- valuation_premium(pe, base_pe, discount)" in system
    assert second.message_text("system") == system  # same prefix: a llama.cpp server reuses its cache
    assert "<figures>" not in first.message_text("user", last=True) and "72.22" in second.message_text("user", last=True)


def test_a_streamed_json_tool_request_is_never_shown_to_the_customer(server, tmp_path):
    settings = settings_for(server, tmp_path, llm_tools="json")
    server.enqueue_text(JSON_REQUEST, chunks=["```", "json\n{\"tool\": ", JSON_REQUEST[17:]])
    server.enqueue_text("標普500市盈率較羅素2000高72.22%。", chunks=["標普500", "市盈率較羅素2000高72.22%。"])
    items = list(LLMComposer(settings, tools=figure_tools(settings)).stream(make_input(PREMIUM_Q)))
    pieces, final = items[:-1], items[-1]
    assert pieces == ["標普500", "市盈率較羅素2000高72.22%。"]
    assert isinstance(final, Composition) and final.figures and final.figures[0].value == 72.22


def test_a_failed_json_tool_request_tells_the_model_why(server, tmp_path):
    settings = settings_for(server, tmp_path, llm_tools="json")
    server.enqueue_text('{"tool": "index_performance", "arguments": {"symbol": "^NOPE", "period": "ytd"}}')
    server.enqueue_text("我嘅資料來源入面冇呢方面嘅資料。")
    composition = LLMComposer(settings, tools=figure_tools(settings)).compose(make_input("^NOPE今年升咗幾多?"))
    assert composition.figures == [] and says_not_in_sources(composition.text)
    note = server.chat_requests[1].message_text("user", last=True)
    assert "<figures>" in note and "index_performance could not compute this" in note


def test_prose_that_merely_contains_json_is_an_answer(server, tmp_path):
    settings = settings_for(server, tmp_path, llm_tools="json")
    reply = 'IWM的代號格式如 {"tool": "x"} 並不重要,富時羅素每年六月重組[2]。'
    server.enqueue_text(reply)
    composition = LLMComposer(settings, tools=figure_tools(settings)).compose(make_input())
    assert composition.text == reply and len(server.chat_requests) == 1


def test_off_offers_no_tools_and_unknown_modes_are_refused(server, tmp_path):
    settings = settings_for(server, tmp_path, llm_tools="off")
    server.enqueue_text("富時羅素每年六月進行年度重組[2]。")
    LLMComposer(settings, tools=figure_tools(settings)).compose(make_input())
    assert "tools" not in server.chat_requests[0].body and "Tools:" not in server.chat_requests[0].message_text("system")
    with pytest.raises(ValueError, match="unknown CAIWEN_LLM_TOOLS 'sometimes'"):
        LLMComposer(LLMOptions(llm_base_url=server.base_url, llm_tools="sometimes"))
    with pytest.raises(ConfigError, match=r"llm_tools \(CAIWEN_LLM_TOOLS\): Input should be 'native', 'json' or 'off'"):
        load_settings(data_dir=tmp_path, llm_tools="sometimes")


def test_llm_output_error_is_what_an_uncited_reply_raises(server, tmp_path):
    server.enqueue_text("沒有引用的回答。")
    with pytest.raises(LLMOutputError, match="cites none"):
        LLMComposer(settings_for(server, tmp_path)).compose(make_input())


def test_an_invented_number_is_answered_extractively(server, tmp_path):
    from assistant.composers.extractive import ExtractiveComposer

    server.enqueue_text("富時羅素每年六月進行年度重組[2],管理費為0.05%[2]。")  # no source holds 0.05 %
    composer = FallbackComposer(LLMComposer(settings_for(server, tmp_path)), ExtractiveComposer())
    composition = composer.compose(make_input("羅素2000每年幾時重組?"))
    assert composition.composer == "extractive" and "0.05" not in composition.text
    assert composition.warnings[0] == (
        "llm unavailable (LLMOutputError: the reply states 0.05, which none of the sources holds): answered extractively"
    )


def test_a_number_from_another_retrieved_source_is_only_flagged(server, tmp_path):
    reply = "富時羅素每年六月進行年度重組[2],2025年羅素2000上漲7.88%[2]。"  # 7.88 % is in source 3, cited as 2
    server.enqueue_text(reply)
    composition = LLMComposer(settings_for(server, tmp_path)).compose(make_input())
    assert composition.text == reply and composition.composer == "llm"


def test_a_reply_that_echoes_the_sources_markup_is_answered_extractively(server, tmp_path):
    server.enqueue_text('<sources>\n<source id="1">富時羅素每年六月進行年度重組[2]。</source>')
    with pytest.raises(LLMOutputError, match="echoes the prompt's <sources> markup"):
        LLMComposer(settings_for(server, tmp_path)).compose(make_input())
