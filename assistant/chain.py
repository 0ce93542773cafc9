"""The answering chain: question → language → (follow-up rewrite) → retrieval → (figures) → composer →
verified, script-converted answer with citations.

Public interface used by `caiwen ask`, the API and the evaluation suite:

    assistant = caiwen.wiring.build_assistant(settings)  # builds store, embedder, composer once
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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
import uuid
from datetime import date
from functools import cache, cached_property, partial
from typing import TYPE_CHECKING, Any, Literal

from assistant.answer_types import answer_type
from assistant.ratio_definitions import ratio_terms
from assistant.advice import advice_wording, names_a_call
from assistant.advice_neighbours import AdviceNeighbours
from assistant.answer_assembly import Prepared, assemble_answer
from assistant.composers.base import Composer, Composition, CompositionInput
from assistant.composers.meaning import KbUnitMeaning
from assistant.defined_terms import defined_terms, with_defined_rows
from assistant.deferred_subjects import (asked_beside, deferred_asks, deferred_codes, deferred_terms, deferring_lead,
                                         naming_terms)
from assistant.errors import InvalidQuestionError
from assistant.spoken_amounts import written_as_figures
from assistant.evidence import (
    EvidenceCheck, check_evidence, documents_naming, english_forms_of, english_names, measure_asked, proper_words,
    stated_for_subject, subject_in,
    with_names_in_documents,
)
from assistant.figures.intent import parse_figure_request
from assistant.follow_up import carry_subject, subject_of
from assistant.lot_hits import with_lot_size
from assistant.example_hits import with_example_continuations
from assistant.payout_table_hits import with_payout_tables
from assistant.priced_row_hits import with_priced_rows
from assistant.live_data import asks_current_published_figure, needs_live_data
from knowledge_base.spelling import corrected
from assistant.part_hits import with_part_hits
from assistant.options import AnswerOptions
from assistant.language import detect_language, normalize_query, to_asker_script
from assistant.messages import template
from assistant.safety import SentenceGate, screen_hits
from assistant.share_classes import unoffered_classes
from assistant.risk_hits import with_risk_hits
from assistant.schemas import AnswerResponse, RetrievedChunk
from assistant.comparison_hits import with_comparison_hit
from assistant.security_table_hits import with_security_table
from assistant.subject_hits import identifiers, with_subject_hits
from assistant.table_rows import with_table_rows
from caiwen.tracing import tracer
from knowledge_base.base import KnowledgeBase
from knowledge_base.errors import KnowledgeBaseError
from knowledge_base.lexical_tokens import cantonese_to_mandarin
from knowledge_base.records import ChunkRecord, SearchHit
from knowledge_base.retriever import MAX_K
from knowledge_base.scripts import normalize_for_index

if TYPE_CHECKING:
    from assistant.conversations import ConversationStore

log = logging.getLogger("caiwen.chain")

LLM_HEALTH_TTL_S = 30.0


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


def _topics_not_stated(evidence: EvidenceCheck, norm: str, is_advice: bool, asked: str) -> list[str]:
    """The question's topic nouns no source mentions that the asker wrote (`asked`: the question in index form), less
    the words of an advice request's own wording (值不值得 in 「值唔值得買嚟收息」 is the asker's question, not a topic
    the sources lack). A word only the question's expansion added (房地产 for REIT) was never asked about."""
    written = cantonese_to_mandarin(asked.lower())
    topics = [t for t in evidence.not_stated if t.lower() in written or t.lower() in asked.lower()]
    if not is_advice:
        return topics
    wording = [cantonese_to_mandarin(span) for span in advice_wording(norm)]  # 值唔值得: the terms' 值不值得
    return [t for t in topics if not any(t in span for span in wording)]


def new_id() -> str:
    return uuid.uuid4().hex


class Assistant:
    def __init__(self, kb: KnowledgeBase, composer: Composer, options: AnswerOptions,
                 conversations: "ConversationStore | None" = None):
        self.options = options
        self.kb = kb
        self.composer = composer
        if conversations is not None:
            self.__dict__["conversations"] = conversations
        self._llm_checked: tuple[float, str] | None = None
        self.advice_neighbours = AdviceNeighbours(kb) if options.advice_by_meaning else None
        self.today: Callable[[], date] = date.today  # what 今年 and "last year" count from

    @cached_property
    def conversations(self) -> "ConversationStore":
        # Opened when a turn is first read or stored: SQLAlchemy's import is a fifth of a cold `caiwen ask`.
        from assistant.conversations import ConversationStore

        return ConversationStore(self.options.sql_url)

    # --- steps ---------------------------------------------------------------------------
    def _validate(self, question: str) -> str:
        if not isinstance(question, str):
            raise InvalidQuestionError("question must be text")
        question = "".join(ch for ch in question if ch in "\n\t" or unicodedata.category(ch)[0] != "C").strip()
        if not question:
            raise InvalidQuestionError("question is empty")
        if len(question) > self.options.max_question_chars:
            raise InvalidQuestionError(
                f"question is too long: {len(question)} characters > {self.options.max_question_chars}"
            )
        return question

    def _prepare(self, question: str, lang: str | None, k: int | None, conversation_id: str | None,
                 filters: dict | None, history: list[tuple[str, str]] | None = None,
                 caller: str | None = None) -> Prepared:
        started = time.perf_counter()
        question = self._validate(question)
        language = detect_language(question, lang)
        k = k or self.options.k
        if not 1 <= k <= MAX_K:
            raise InvalidQuestionError(f"k must be between 1 and {MAX_K}")
        # A new conversation has no turns to read.
        turns = self.conversations.history(conversation_id, caller=caller) if conversation_id else []
        conversation_id = conversation_id or new_id()
        if history and not turns:  # earlier turns the caller holds (OpenAI-style messages), not stored ones
            turns = [PriorTurn(q, a, subject_of(q, normalize_query(q))) for q, a in history[-5:]]
        history = [(t.question, t.answer) for t in turns]
        standalone = self._standalone(question, turns)
        # "divdend yield" is a dividend yield; 「12万8千元」 is 12.8万元
        norm = corrected(written_as_figures(normalize_query(standalone)), self.kb.mentions)
        request = parse_figure_request(standalone, norm, language.lang)
        meant_advice = cache(partial(self._advice_by_meaning, standalone))  # asked only where no wording names a call
        named_call = cache(partial(names_a_call, norm, partial(self._call_near, standalone)))
        figure_answer = None
        if request is not None:
            from assistant.figures.answering import answer_figures  # pandas: only for figure questions

            figure_answer = answer_figures(request, language, self.options.market)
        # An English question's words as the documents gloss them in Chinese (「重組(Reconstitution)」), looked
        # up once: retrieval searches them; the composer reads them like the question's own index words.
        glossed = self.kb.glossed_terms(norm)
        # A general dictionary's words for the rest (trustee → 受托人): they help find and choose passages, and count
        # as evidence unless the question names a thing the sources know under no name ("bitcoin price target":
        # 价格 and 指标 are everywhere, 比特币 nowhere).
        translated = self.kb.translated_terms(norm, glossed)
        unknown = self.kb.unknown_topics(norm) if translated else []  # of the question, before glosses join it
        # A Chinese question's words in English (存续期间: "duration"), where English pages use them: retrieval
        # searches them too, so a Chinese question finds its answer in an English source.
        in_english = self.kb.english_forms(norm) if language.lang != "en" else []
        # A document's chunks, read once per question: the table rows and the definitions' rows both read them.
        chunks_of = cache(self.kb.chunks)
        with tracer.start_as_current_span("retrieval") as span:
            # Table rows read whole join the hits before screening, so flagged text never slips in that way.
            # a ratio no source names (an EBIT margin) is found by its two terms' words
            # the question as normalized and spelling-corrected ("dividened" searched as "dividend")
            searched = glossed + translated + in_english + ratio_terms(norm)
            found = self.kb.search(norm, k=k, filters=filters, glossed=searched)
            if not filters:
                found = with_subject_hits(standalone, found, self.kb, k, sorted(glossed.names), searched)
                found = with_comparison_hit(standalone, norm, found, self.kb)
                found = with_part_hits(standalone, norm, found, self.kb, self._part_terms(language.lang))
                if named_call() or meant_advice():
                    found = with_risk_hits(found, self.kb)
            hits = screen_hits(self._with_table_rows(norm, found, chunks_of), self._flags_of)
            span.set_attributes({"caiwen.k": k, "caiwen.hits": len(hits), "caiwen.mode": self.kb.options.retrieval_mode})
        # For the evidence check glossed terms can only add support (a gloss the retrieved text lacks does not
        # count against the question's own words).
        with tracer.start_as_current_span("evidence") as span:
            # every chunk of the retrieved documents: a share class asked may be written where retrieval did not reach
            documents = cache(lambda: [c for doc in dict.fromkeys(h.chunk.doc_id for h in hits) for c in chunks_of(doc)])
            # one lower-cased text per document: a period or a compound counts where the document stating it is
            # about the question's subject
            document_texts = cache(lambda: {doc: "\n".join(c.norm_text for c in chunks_of(doc)).lower()
                                            for doc in dict.fromkeys(h.chunk.doc_id for h in hits)})
            today = self.today()
            evidence = check_evidence(norm, language.lang, hits, self.kb.mentions, self.kb.texts_mentioning,
                                      document_texts, today)
            if not evidence.sufficient:
                evidence = with_names_in_documents(evidence, norm, hits, chunks_of)
            if glossed:
                # A company's name in Chinese (聿恒综合证券 for Yuheng Securities) is evidence that the sources cover
                # it, but for choosing passages it is the subject, not what is asked: the composer does not get it.
                norm = f"{norm} {' '.join(t for t in glossed if t not in glossed.names)}"
                if not evidence.sufficient:
                    with_glosses = check_evidence(f"{glossed.as_named(norm)} {' '.join(sorted(glossed.names))}",
                                                  language.lang, hits, self.kb.mentions, self.kb.texts_mentioning,
                                                  document_texts, today)
                    # a name spelt in Latin letters ("Lanyu Energy Storage") written as the documents write it is
                    # the question's truer reading, sufficient or not: its words are no missing names
                    evidence = with_glosses if with_glosses.sufficient or glossed.spelt else evidence
            if translated and not evidence.sufficient and not unknown:
                with_translations = check_evidence(f"{glossed.as_named(norm)} {' '.join(translated)}", language.lang,
                                                   hits, self.kb.mentions, self.kb.texts_mentioning,
                                                   document_texts, today)
                evidence = with_translations if with_translations.sufficient else evidence
            # a fund whose every mention says its fees are announced separately (「017436的相关费率另行公告」)
            evidence.deferred = deferred_codes(norm, self.kb.texts_mentioning)
            # a topic whose every statement says its details are given elsewhere (「…REIT分派…请参阅另行发布的专项说明」)
            evidence.deferred += deferred_terms(evidence.found, self.kb.texts_mentioning, standalone, english_forms_of,
                                                lambda: document_texts().values())
            # the one paragraph naming Sorrel Bank says its reset rate is set out in the offering circular
            written = {*identifiers(standalone), *english_names(standalone)}
            subjects = naming_terms(evidence.found, written, proper_words(norm))
            evidence.deferred += deferred_asks(standalone, subjects, [t for t in evidence.terms if t not in subjects],
                                               self.kb.texts_mentioning, english_forms_of)
            if evidence.deferred and asked_beside(norm, evidence.deferred,
                                                  [t for t in evidence.nouns if t in evidence.found]):
                evidence.deferred = []  # the other parts are answered; the deferring line answers its own part
            # the retrieved paragraph closest to the question says what is asked comes elsewhere (「…本公告不提供」);
            # a FAQ's page names its subject somewhere, if not in its title: each page read once, not once per hit
            pages = {h.chunk.doc_id: f"{normalize_for_index(h.chunk.title or '')}\n{document_texts().get(h.chunk.doc_id, '')}"
                     for h in hits} if not evidence.deferred else {}
            if not evidence.deferred and (lead := deferring_lead(standalone, [*evidence.terms, *translated, *glossed],
                                                                 [h.chunk.norm_text for h in hits], english_forms_of,
                                                                 subjects, [pages[h.chunk.doc_id] for h in hits])):
                evidence.deferred.append(lead)
            # C类 asked of a fund whose documents write only its A类 and B类
            evidence.unoffered = unoffered_classes(standalone, (f"{c.title}\n{c.text}" for c in documents()))
            is_advice = named_call() or meant_advice()
            # Today's price or level: no article states it, so without computed figures the question is refused.
            # A yield or ratio of now: funds publish it with a date, so a passage that states it for the thing
            # asked about answers; one that defines the word for another thing does not.
            evidence.live = (needs_live_data(norm) or asks_current_published_figure(norm) and not stated_for_subject(
                norm, hits, measure_asked(norm, language.lang, evidence.focus))) and answer_type(norm) == "number" and not is_advice
            span.set_attribute("caiwen.evidence_sufficient", evidence.sufficient)
        if translated:
            norm = f"{norm} {' '.join(translated)}"  # the composer reads them like the question's own words
        if in_english and evidence.english_sources:
            norm = f"{norm} {' '.join(in_english)}"  # and a Chinese question's English words, where English text answers
        # A figure asked for in the words of a definition the sources give: the row stating the defined term's
        # value joins the hits, for the composer to quote with the definition.
        if evidence.sufficient:
            hits = screen_hits(with_lot_size(norm, hits, documents), self._flags_of)
            hits = screen_hits(with_security_table(norm, hits, documents), self._flags_of)
            hits = screen_hits(with_payout_tables(norm, hits, documents), self._flags_of)
            hits = screen_hits(with_priced_rows(norm, hits, documents), self._flags_of)
        defined = defined_terms(norm, hits, chunks_of) if evidence.sufficient else []
        retrieved = {h.chunk.chunk_id for h in hits}
        if defined:
            hits = screen_hits(with_defined_rows(hits, defined), self._flags_of)
        if evidence.sufficient:  # a worked example's lines past its chunk's end, for that example alone
            hits = screen_hits(with_example_continuations(norm, language.lang, hits, documents), self._flags_of)
        has_figures = bool(figure_answer and figure_answer.figures)
        # Advice on a product the sources cover (「應唔應該買3198」): what they state about it, with the disclaimer.
        # A company an English question names in Latin letters (Lanyu: 澜屿) is covered where a hit writes its name.
        # (a request only its neighbours call one is no reason to answer what the evidence check found unanswerable)
        advice_on_subject = named_call() and (not evidence.names and (subject_in(norm, hits) or bool(
            documents_naming(glossed.names, hits))) or evidence.on_known_subject)
        refuse = not has_figures and (not hits or not (evidence.sufficient or advice_on_subject))
        unstated = _topics_not_stated(evidence, norm, is_advice, normalize_for_index(standalone))
        return Prepared(question, standalone, norm, language, conversation_id, hits, figure_answer,
                        is_advice, refuse, history, started, caller, unstated,
                        frozenset(h.chunk.chunk_id for h in hits) - retrieved, glossed.names)

    def _part_terms(self, lang: str) -> Callable[[str], list[str]]:
        """The index words one part of a question maps to, as the whole question's are mapped for its search."""
        if lang != "en":
            return self.kb.english_forms

        def english(part: str) -> list[str]:
            glossed = self.kb.glossed_terms(part)
            return [*glossed, *self.kb.translated_terms(part, glossed)]
        return english

    def _with_table_rows(self, norm: str, hits: list[SearchHit],
                         chunks_of: Callable[[str], Sequence[ChunkRecord]]) -> list[SearchHit]:
        return with_table_rows(norm, hits, chunks_of)

    def _flags_of(self, doc_id: str) -> list[str]:
        doc = self.kb.document(doc_id)
        return doc.flags if doc is not None else []

    def _standalone(self, question: str, turns) -> str:
        if not turns:
            return question
        composer = getattr(self.composer, "primary", None)
        if composer is not None and getattr(composer, "llm", None) is not None:
            from assistant.composers.condense import condense_question

            try:
                return condense_question(composer.llm, [(t.question, t.answer) for t in turns], question)
            except Exception as exc:  # the LLM is down: fall back to carrying the subject over
                log.warning("follow-up rewrite failed (%s); carrying the subject over", exc)
        return carry_subject(question, turns[-1].subject)

    def _input(self, p: Prepared) -> CompositionInput:
        figures = p.figure_answer.figures if p.figure_answer else []
        meaning = KbUnitMeaning(self.kb, p.standalone) if self.options.meaning_weight > 0 else None
        return CompositionInput(p.standalone, p.norm, p.language, p.hits, figures, p.history, p.is_advice, meaning,
                                p.defined_rows, p.names)

    def _finish(self, p: Prepared, composition: Composition | None, remember: bool = True) -> AnswerResponse:
        a = assemble_answer(p, composition)
        message_id = new_id()
        if remember:
            self.conversations.append(p.conversation_id, message_id, p.question, p.standalone, a.answer,
                                      subject_of(p.standalone, p.norm), owner=p.caller)
        review = (["advice_request"] if p.is_advice else []) + (["screened"] if a.screened_out else [])
        return AnswerResponse(
            answer=a.answer,
            lang=p.language.lang,
            region=p.language.region if p.language.lang == "zh-Hant" else None,
            composer=composition.composer if composition is not None else "extractive",
            citations=a.citations,
            figures=a.figures,
            refused=a.refused and not a.figures,
            disclaimer=a.disclaimer,
            conversation_id=p.conversation_id,
            message_id=message_id,
            standalone_question=p.standalone if p.standalone != p.question else None,
            retrieved=[RetrievedChunk(rank=h.rank, doc_id=h.chunk.doc_id, chunk_id=h.chunk.chunk_id, score=h.score,
                                      title=h.chunk.title) for h in p.hits],
            warnings=a.warnings,
            review=review,
            latency_ms=round((time.perf_counter() - p.started) * 1000, 1),
        )

    # --- public --------------------------------------------------------------------------
    def ask(self, question: str, *, lang: str | None = None, k: int | None = None,
            conversation_id: str | None = None, filters: dict | None = None,
            history: list[tuple[str, str]] | None = None, caller: str | None = None,
            remember: bool = True) -> AnswerResponse:
        """`history`: earlier (question, answer) turns held by the caller; used when the conversation has none.
        `caller`: who owns the conversation (an API key name, "widget"; None for the CLI); another caller's
        conversation raises ConversationNotFoundError. `remember=False`: the caller stores the turn itself
        with `remember()` once the answer is safely recorded (the API does, after its audit write)."""
        p = self._prepare(question, lang, k, conversation_id, filters, history, caller)
        composition = None
        if not p.refuse:
            with tracer.start_as_current_span("compose", attributes={"caiwen.composer": getattr(self.composer, "name", "")}):
                composition = self.composer.compose(self._input(p))
        return self._finish(p, composition, remember)

    def stream(self, question: str, *, lang: str | None = None, k: int | None = None,
               conversation_id: str | None = None, filters: dict | None = None,
               history: list[tuple[str, str]] | None = None, caller: str | None = None,
               remember: bool = True) -> Iterator[StreamEvent]:
        p = self._prepare(question, lang, k, conversation_id, filters, history, caller)
        composition = None
        fa = p.figure_answer
        lead = fa and (fa.text or (fa.error if p.refuse or needs_live_data(p.norm) else ""))
        if lead:
            yield StreamEvent("token", to_asker_script(lead + "\n", p.language))
        gate = SentenceGate()  # no sentence leaves before the screen has seen it whole
        if not p.refuse:
            # Not made current: the generator resumes in other threads between tokens.
            span = tracer.start_span("compose", attributes={"caiwen.composer": getattr(self.composer, "name", "")})
            try:
                for piece in self.composer.stream(self._input(p)):
                    if isinstance(piece, Composition):
                        composition = piece
                    else:
                        for text in gate.feed(piece):
                            yield StreamEvent("token", to_asker_script(text, p.language))
                for text in gate.flush():
                    yield StreamEvent("token", to_asker_script(text, p.language))
            finally:
                span.end()
        response = self._finish(p, composition, remember)
        if gate.dropped and not gate.released.strip() and not response.refused:
            yield StreamEvent("token", template("safety.withheld", p.language))
        yield StreamEvent("citations", response.citations)
        yield StreamEvent("figures", response.figures)
        yield StreamEvent("done", response)

    def remember(self, question: str, response: AnswerResponse, caller: str | None = None) -> None:
        """Store a turn answered with `remember=False`, once the caller has recorded it."""
        question = self._validate(question)
        standalone = response.standalone_question or question
        self.conversations.append(response.conversation_id, response.message_id, question, standalone,
                                  response.answer, subject_of(standalone, normalize_query(standalone)), owner=caller)

    def warm(self) -> None:
        """Load what the first question would otherwise wait for (the API calls this at start-up)."""
        self.kb.warm()
        if self.advice_neighbours is not None:
            try:
                self.advice_neighbours.warm()
            except KnowledgeBaseError as exc:
                log.warning("advice examples not embedded at start-up: %s", exc)

    def _advice_by_meaning(self, question: str) -> bool:
        """A question whose nearest labelled questions request a call asks for one, in words no wording names. An
        embedder that is down leaves the wordings (`names_a_call`) to decide: the answer goes on."""
        return self._neighbours_vote(lambda n, q: n.asks_advice(q), question, unavailable=False)

    def _call_near(self, question: str) -> bool:
        """Whether a labelled question near this one in meaning requests a call; where none can be read a trading
        word keeps counting as one."""
        return self._neighbours_vote(lambda n, q: n.call_near(q), question, unavailable=True)

    def _neighbours_vote(self, vote: Callable[[Any, str], bool], question: str, unavailable: bool) -> bool:
        """`vote` of the advice neighbours on the question; `unavailable` where there are none or they cannot be
        read (an embedder that is down is logged, and the answer goes on)."""
        if self.advice_neighbours is None:
            return unavailable
        try:
            # the vector the composer's choice by meaning reads too (composers.meaning.KbUnitMeaning)
            return vote(self.advice_neighbours, normalize_for_index(question))
        except KnowledgeBaseError as exc:
            log.warning("advice neighbours unavailable: %s", exc)
            return unavailable

    def health(self) -> dict[str, Any]:
        index = self.kb.health()
        return {**index, "embedder": self.kb.embedder.id, "llm": self._llm_health(),
                "documents": len(self.kb.sources()) if index["store"] else None}

    def _llm_health(self) -> str:
        """Whether the LLM endpoint answers, asked at most once per LLM_HEALTH_TTL_S: /readyz is public, and
        each call must not make this server send a request (with its API key) to the LLM."""
        primary = getattr(self.composer, "primary", None)
        if primary is None:
            return "extractive"
        now = time.monotonic()
        if self._llm_checked is not None and now - self._llm_checked[0] < LLM_HEALTH_TTL_S:
            return self._llm_checked[1]
        import httpx

        try:
            httpx.get(f"{primary.base_url}/models", timeout=2.0, follow_redirects=False,
                      headers={"Authorization": f"Bearer {primary.api_key or 'not-needed'}"})
            status = "reachable"
        except httpx.HTTPError:
            status = "unreachable"
        self._llm_checked = (now, status)
        return status
