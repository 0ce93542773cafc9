"""What the customer reads for one question: the composer's text verified, screened and cited, with
computed figures, refusals, notes and the advice disclaimer placed around it, in the asker's script.

    answer = assemble_answer(prepared, composition)    # the chain stores the turn and wraps it in a response
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.advice import disclaimer_for
from assistant.citations import build_citations
from assistant.composers.base import Composition
from assistant.language import QueryLanguage, to_asker_script
from assistant.live_data import needs_live_data
from assistant.messages import template
from assistant.prompts import NOT_IN_SOURCES, says_not_in_sources
from assistant.safety import screen_answer
from assistant.schemas import Citation, Figure
from assistant.verification import verify_answer
from caiwen.tracing import tracer
from knowledge_base.records import SearchHit

if TYPE_CHECKING:
    from assistant.figures.answering import FigureAnswer


@dataclass
class Prepared:
    """A question made ready to answer: its language, standalone form, evidence and computed figures."""

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
    caller: str | None = None
    not_stated: list[str] = field(default_factory=list)  # topic nouns of the question no source mentions
    defined_rows: frozenset[str] = frozenset()  # chunk ids among the hits that joined only as a definition's row
    names: frozenset[str] = frozenset()  # Chinese names an English question writes in Latin letters (Lanyu: 澜屿)


@dataclass
class AssembledAnswer:
    answer: str
    citations: list[Citation]
    figures: list[Figure]
    warnings: list[str]
    refused: bool
    disclaimer: str | None
    screened_out: bool


def assemble_answer(p: Prepared, composition: Composition | None) -> AssembledAnswer:
    key = p.language.key
    figures: list[Figure] = []
    warnings: list[str] = []
    parts: list[str] = []
    citations: list[Citation] = []
    fa = p.figure_answer
    if fa is not None:
        figures.extend(fa.figures)
    body = ""
    screened_out = False
    if composition is not None:
        warnings.extend(composition.warnings)
        figures.extend(f for f in composition.figures if f not in figures)
        with tracer.start_as_current_span("verify") as span:
            verified = verify_answer(composition.text, p.hits, figures, question=p.standalone)
            span.set_attribute("caiwen.warnings", len(verified.warnings))
        screened = screen_answer(verified.text.strip())  # whatever the composer wrote, whatever was asked
        body = screened.text
        citations = build_citations(body, p.hits)
        if composition.composer == "llm" and not citations and says_not_in_sources(body):
            body = ""  # the model said the sources do not hold the answer (in whatever script it wrote)
        else:
            warnings.extend(verified.warnings)
        if screened.warning:
            warnings.append(screened.warning)
            screened_out = True
    withheld = screened_out and not body  # every sentence carried a call or a pitch: say so plainly
    refused = p.refuse or (not body and not figures and not withheld)
    if refused:
        body, citations = "", []
    if withheld and not refused:
        parts.append(template("safety.withheld", p.language))
    if fa is not None and fa.error and (not body or needs_live_data(p.norm)):
        parts.append(fa.error)  # no data for a question that needs live figures (or nothing else to say)
    elif fa is not None and fa.text:
        parts.append(fa.text)
    if refused and not parts:
        parts.append(NOT_IN_SOURCES[key])
    if body:
        if p.is_advice:
            body = f"{template('advice.no_call', p.language)}{body}"
        parts.append(body)
        if p.not_stated:
            # the terms are index words (Simplified): in the asker's script before the Traditional template
            # sentence, which the script pass below leaves as it is
            parts.append(template("not_stated", p.language).format(
                terms=to_asker_script("、".join(p.not_stated), p.language) if key != "en" else ", ".join(p.not_stated)))
        published = max((c.published for c in citations if c.published), default=None)
        if fa is not None and fa.figures and published:
            from assistant.figures.answering import newer_note

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
    return AssembledAnswer(answer, citations, figures, warnings, refused, disclaimer, screened_out)
