"""The answering chain: question → language → (follow-up rewrite) → retrieval → (figures) → composer →
verified, script-converted answer with citations.

Public interface used by `caiwen ask`, the API and the evaluation suite:

    assistant = Assistant.from_settings(settings)      # builds store, embedder, composer once
    response = assistant.ask("羅素2000點樣重組?")        # -> AnswerResponse
    for event in assistant.stream("..."):               # -> StreamEvent
        ...

Raises `assistant.errors.InvalidQuestionError` for empty/over-long questions or unknown `lang`, and
`knowledge_base.errors.StoreUnavailableError` when the store cannot be reached.
"""
from __future__ import annotations

import logging
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from assistant.answer_types import answer_type
from assistant.tables import extreme_row, names_row
from assistant.advice import NO_CALL, disclaimer_for, is_advice_request
from assistant.composers.base import Composer, Composition, CompositionInput
from assistant.composers.extractive import ExtractiveComposer
from assistant.conversations import ConversationStore, new_id
from assistant.errors import InvalidQuestionError
from assistant.evidence import check_evidence, content_terms
from assistant.figures.answering import FigureAnswer, answer_figures, newer_note
from assistant.figures.intent import parse_figure_request
from assistant.follow_up import carry_subject, subject_of
from assistant.live_data import needs_live_data
from assistant.language import QueryLanguage, detect_language, normalize_query, to_asker_script
from assistant.prompts import NOT_IN_SOURCES
from assistant.schemas import AnswerResponse, Citation, Figure, RetrievedChunk
from assistant.verification import build_citations, verify_answer
from caiwen.settings import Settings
from knowledge_base.base import KnowledgeBase
from knowledge_base.records import SearchHit

log = logging.getLogger("caiwen.chain")

NO_DATA_NOTE = {
    "zh-Hant-HK": "資料來源未有涵蓋這個問題。",
    "zh-Hant-TW": "資料來源未涵蓋這個問題。",
    "zh-Hans": "资料来源未涵盖这个问题。",
    "en": "",
}


# Said after an answer when the question names something no source mentions (answered with what is stated).
NOT_STATED = {
    "zh-Hant-HK": "資料來源未有提及：{terms}。",
    "zh-Hant-TW": "資料來源未提及：{terms}。",
    "zh-Hans": "资料来源未提及：{terms}。",
    "en": "The sources do not state: {terms}.",
}


@dataclass
class StreamEvent:
    """`token` (data: str), `citations` (list[Citation]), `figures` (list[Figure]), `done` (AnswerResponse)."""

    kind: Literal["token", "citations", "figures", "done"]
    data: Any


@dataclass
class PriorTurn:
    question: str
    answer: str
    subject: str


@dataclass
class _Prepared:
    question: str
    standalone: str
    norm: str
    language: QueryLanguage
    conversation_id: str
    hits: list[SearchHit]
    figure_answer: FigureAnswer | None
    is_advice: bool
    refuse: bool
    history: list[tuple[str, str]] = field(default_factory=list)
    started: float = 0.0
    not_stated: list[str] = field(default_factory=list)  # topic nouns of the question no source mentions


def build_composer(settings: Settings) -> Composer:
    extractive = ExtractiveComposer()
    if settings.composer_name == "extractive":
        return extractive
    if settings.composer_name != "llm":
        raise ValueError(f"unknown composer {settings.composer!r}: use auto, llm or extractive")
    from assistant.composers.fallback import FallbackComposer
    from assistant.composers.llm import LLMComposer
    from assistant.figures.tools import figure_tools

    return FallbackComposer(LLMComposer(settings, tools=figure_tools(settings)), extractive)


class Assistant:
    def __init__(self, settings: Settings, kb: KnowledgeBase, composer: Composer, conversations: ConversationStore):
        self.settings = settings
        self.kb = kb
        self.composer = composer
        self.conversations = conversations

    @classmethod
    def from_settings(cls, settings: Settings) -> "Assistant":
        return cls(
            settings, KnowledgeBase.from_settings(settings), build_composer(settings), ConversationStore(settings.sql_url)
        )

    # --- steps ---------------------------------------------------------------------------
    def _validate(self, question: str) -> str:
        if not isinstance(question, str):
            raise InvalidQuestionError("question must be text")
        question = "".join(ch for ch in question if ch in "\n\t" or unicodedata.category(ch)[0] != "C").strip()
        if not question:
            raise InvalidQuestionError("question is empty")
        if len(question) > self.settings.max_question_chars:
            raise InvalidQuestionError(
                f"question is too long: {len(question)} characters > {self.settings.max_question_chars}"
            )
        return question

    def _prepare(self, question: str, lang: str | None, k: int | None, conversation_id: str | None,
                 filters: dict | None, history: list[tuple[str, str]] | None = None) -> _Prepared:
        started = time.perf_counter()
        question = self._validate(question)
        language = detect_language(question, lang)
        k = k or self.settings.k
        if not 1 <= k <= 50:
            raise InvalidQuestionError("k must be between 1 and 50")
        conversation_id = conversation_id or new_id()
        turns = self.conversations.history(conversation_id)
        if history and not turns:  # earlier turns the caller holds (OpenAI-style messages), not stored ones
            turns = [PriorTurn(q, a, subject_of(q, normalize_query(q))) for q, a in history[-5:]]
        history = [(t.question, t.answer) for t in turns]
        standalone = self._standalone(question, turns)
        norm = normalize_query(standalone)
        request = parse_figure_request(standalone, norm, language.lang)
        figure_answer = answer_figures(request, language, self.settings) if request is not None else None
        hits = self.kb.search(standalone, k=k, filters=filters)
        hits = self._with_table_rows(norm, hits)
        evidence = check_evidence(norm, language.lang, hits, self.kb.catalog.mentions)
        is_advice = is_advice_request(norm)
        # Today's price or level: no article states it, so without computed figures the question is refused.
        evidence.live = needs_live_data(norm) and answer_type(norm) == "number" and not is_advice
        has_figures = bool(figure_answer and figure_answer.figures)
        refuse = not has_figures and (not hits or not evidence.sufficient)
        return _Prepared(question, standalone, norm, language, conversation_id, hits, figure_answer,
                         is_advice, refuse, history, started, evidence.not_stated)

    def _with_table_rows(self, norm: str, hits: list[SearchHit]) -> list[SearchHit]:
        """Tables the retrieval reached are read whole, since the rows retrieved are rarely all of them: the
        chunk holding the row a rank question asks for ("权重最高的是哪只": the extreme value) and the chunks
        holding rows that name what the question names ("招行" in 「招商银行」) join the contexts."""
        tables = {h.chunk.doc_id for h in hits if any(u.kind == "table_row" and u.header for u in h.chunk.units)}
        if not tables:
            return hits
        asked = answer_type(norm)
        retrieved = " ".join(h.chunk.norm_text.lower() for h in hits)
        # Only what the retrieval missed is looked up: a term the retrieved text already holds needs no row.
        terms = [t for t in content_terms(norm, "zh-Hans") if len(t) >= 2 and t not in retrieved]
        wanted: list = []
        for doc_id in sorted(tables):
            rows = [(c, c.text[u.start:u.end], u.header) for c in self.kb.chunks(doc_id)
                    for u in c.units if u.kind == "table_row" and u.header]
            if asked in ("rank_max", "rank_min"):
                for header in {h for _, _, h in rows}:
                    chunk = extreme_row([r for r in rows if r[2] == header], asked == "rank_max", norm)
                    if chunk is not None:
                        wanted.append(chunk)
            for term in terms:
                named = [chunk for chunk, row, header in rows if names_row(term, row, header)]
                if len(named) <= 2:  # a word in many rows is the table's subject, not a row's name
                    wanted.extend(named)
        for chunk in wanted[:3]:
            if all(h.chunk.chunk_id != chunk.chunk_id for h in hits):
                hits = [*hits, SearchHit(chunk=chunk, score=0.0, rank=len(hits) + 1)]
        return hits

    def _standalone(self, question: str, turns) -> str:
        if not turns:
            return question
        composer = getattr(self.composer, "primary", None)
        if composer is not None and getattr(composer, "llm", None) is not None:
            from assistant.composers.llm import condense_question

            try:
                return condense_question(composer.llm, [(t.question, t.answer) for t in turns], question)
            except Exception as exc:  # the LLM is down: fall back to carrying the subject over
                log.warning("follow-up rewrite failed (%s); carrying the subject over", exc)
        return carry_subject(question, turns[-1].subject)

    def _input(self, p: _Prepared) -> CompositionInput:
        figures = p.figure_answer.figures if p.figure_answer else []
        return CompositionInput(p.standalone, p.norm, p.language, p.hits, figures, p.history, p.is_advice)

    def _finish(self, p: _Prepared, composition: Composition | None) -> AnswerResponse:
        key = p.language.key
        figures: list[Figure] = []
        warnings: list[str] = []
        parts: list[str] = []
        citations: list[Citation] = []
        fa = p.figure_answer
        if fa is not None:
            figures.extend(fa.figures)
        body = ""
        if composition is not None:
            warnings.extend(composition.warnings)
            figures.extend(f for f in composition.figures if f not in figures)
            verified = verify_answer(composition.text, p.hits, figures, question=p.standalone)
            warnings.extend(verified.warnings)
            body = verified.text.strip()
            citations = build_citations(body, p.hits)
            if composition.composer == "llm" and not citations and NOT_IN_SOURCES[key].rstrip("。.") in body:
                body = ""  # the model said the sources do not hold the answer
        refused = p.refuse or (not body and not figures)
        if refused:
            body, citations = "", []
        if fa is not None and fa.error and (not body or needs_live_data(p.norm)):
            parts.append(fa.error)  # no data for a question that needs live figures (or nothing else to say)
        elif fa is not None and fa.text:
            parts.append(fa.text)
        if refused and not parts:
            parts.append(NOT_IN_SOURCES[key])
        if body:
            if p.is_advice:
                body = f"{NO_CALL[key]}{body}"
            parts.append(body)
            if p.not_stated:
                parts.append(NOT_STATED[key].format(terms="、".join(p.not_stated) if key != "en"
                                                    else ", ".join(p.not_stated)))
            published = max((c.published for c in citations if c.published), default=None)
            if fa is not None and fa.figures and published:
                note = newer_note(fa, published, p.language)  # live figures next to an article's: which is newer
                if note:
                    parts.append(note)
        answer = "\n".join(x for x in parts if x)
        disclaimer = disclaimer_for(p.language) if p.is_advice else None
        if disclaimer:
            answer = f"{answer}\n{disclaimer}"
        answer = to_asker_script(answer, p.language)
        for c in citations:
            c.quote_display = to_asker_script(c.quote, p.language) if p.language.is_chinese else c.quote
        message_id = new_id()
        self.conversations.append(p.conversation_id, message_id, p.question, p.standalone, answer,
                                  subject_of(p.standalone, p.norm))
        return AnswerResponse(
            answer=answer,
            lang=p.language.lang,
            region=p.language.region if p.language.lang == "zh-Hant" else None,
            composer=composition.composer if composition is not None else "extractive",
            citations=citations,
            figures=figures,
            refused=refused and not figures,
            disclaimer=disclaimer,
            conversation_id=p.conversation_id,
            message_id=message_id,
            standalone_question=p.standalone if p.standalone != p.question else None,
            retrieved=[RetrievedChunk(rank=h.rank, doc_id=h.chunk.doc_id, chunk_id=h.chunk.chunk_id, score=h.score,
                                      title=h.chunk.title) for h in p.hits],
            warnings=warnings,
            latency_ms=round((time.perf_counter() - p.started) * 1000, 1),
        )

    # --- public --------------------------------------------------------------------------
    def ask(self, question: str, *, lang: str | None = None, k: int | None = None,
            conversation_id: str | None = None, filters: dict | None = None,
            history: list[tuple[str, str]] | None = None) -> AnswerResponse:
        """`history`: earlier (question, answer) turns held by the caller; used when the conversation has none."""
        p = self._prepare(question, lang, k, conversation_id, filters, history)
        composition = None if p.refuse else self.composer.compose(self._input(p))
        return self._finish(p, composition)

    def stream(self, question: str, *, lang: str | None = None, k: int | None = None,
               conversation_id: str | None = None, filters: dict | None = None,
               history: list[tuple[str, str]] | None = None) -> Iterator[StreamEvent]:
        p = self._prepare(question, lang, k, conversation_id, filters, history)
        composition = None
        fa = p.figure_answer
        lead = fa and (fa.text or (fa.error if p.refuse or needs_live_data(p.norm) else ""))
        if lead:
            yield StreamEvent("token", to_asker_script(lead + "\n", p.language))
        if not p.refuse:
            for piece in self.composer.stream(self._input(p)):
                if isinstance(piece, Composition):
                    composition = piece
                else:
                    yield StreamEvent("token", to_asker_script(piece, p.language))
        response = self._finish(p, composition)
        yield StreamEvent("citations", response.citations)
        yield StreamEvent("figures", response.figures)
        yield StreamEvent("done", response)

    def health(self) -> dict[str, Any]:
        store = self.kb.ping()
        llm = "extractive"
        primary = getattr(self.composer, "primary", None)
        if primary is not None:
            import httpx

            try:
                httpx.get(f"{primary.base_url}/models", timeout=2.0,
                          headers={"Authorization": f"Bearer {primary.api_key or 'not-needed'}"})
                llm = "reachable"
            except httpx.HTTPError:
                llm = "unreachable"
        return {"store": store, "embedder": self.kb.embedder.id, "llm": llm,
                "documents": len(self.kb.sources()) if store else None}
