"""Check an answer against its evidence: citation markers, uncited sentences and grounded numbers.

Used for every composer's output (LLM or extractive), so nothing here knows about models:

    result = verify_answer(text, contexts, figures, question=question)
    result.text          # markers outside 1..k removed, altered figures repaired where the evidence is clear
    result.findings      # what was caught, repaired or only flagged
    citations = build_citations(result.text, contexts)   # assistant/citations.py

Sentences (assistant/sentences.py) own the markers inside them and right after their end punctuation;
numbers are compared as in assistant/number_tokens.py (2,692.23 == 2692.23, 71億 == 7.1 billion).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Literal

from assistant.bigram_overlap import coverage, grams, squash
from assistant.citation_markers import MARKER, markers_in, parse_marker_group, strip_markers
from assistant.number_tokens import NumberToken, chinese_numbers_in, numbers_in, rounds_to, same_number
from assistant.schemas import Figure
from assistant.sentences import split_sentences
from knowledge_base.records import SearchHit
from knowledge_base.scripts import normalize_for_index

FindingKind = Literal["invalid_citation", "uncited_sentence", "ungrounded_number", "repaired_number"]

_CONTENT = re.compile(r"[A-Za-z0-9\u3400-\u4dbf\u4e00-\u9fff]")


@dataclass
class Finding:
    kind: FindingKind
    detail: str
    sentence: str = ""
    marker: int | None = None
    number: str | None = None
    replacement: str | None = None

    @property
    def repaired(self) -> bool:
        return self.kind in ("invalid_citation", "repaired_number")


@dataclass
class VerificationResult:
    text: str  # the repaired answer
    findings: list[Finding] = field(default_factory=list)
    markers: list[int] = field(default_factory=list)  # valid markers in order of first use

    @property
    def ok(self) -> bool:
        """No findings at all: every marker valid, every sentence cited, every number grounded."""
        return not self.findings

    def of_kind(self, kind: FindingKind) -> list[Finding]:
        return [f for f in self.findings if f.kind == kind]

    @property
    def warnings(self) -> list[str]:
        return [f.detail for f in self.findings]


_OPERATORS = set("÷×*/^−+-=()（）")


def _formula_constant(text: str, token: NumberToken) -> bool:
    """The 1 in "31÷18−1" or "(1+187%)^(1/5)−1": a constant of written arithmetic, not a claimed figure."""
    if token.value not in (0, 1):
        return False
    before, after = text[: token.start].rstrip()[-1:], text[token.end :].lstrip()[:1]
    return before in _OPERATORS and before not in "()（）" or after in _OPERATORS and after not in "()（）"


def _in_figures(token: NumberToken, figures: Sequence[Figure]) -> bool:
    """A computed figure states this number (rounded as shown; 71億 matches a usd value of 7.1e9)."""
    for fig in figures:
        try:
            value = abs(Decimal(repr(float(fig.value))))
        except (InvalidOperation, ValueError):
            continue
        for candidate in {value, value / token.scale}:
            if candidate == token.value or rounds_to(candidate, token.value, token.decimals):
                return True
    return False


# --- the verifier ------------------------------------------------------------------------------
@dataclass
class _Passage:
    n: int
    norm: str
    numbers: list[NumberToken]  # every number, for grounding
    figures: list[NumberToken]  # numbers that are not part of a name, for repairs


@lru_cache(maxsize=4096)
def _passage_numbers(text: str) -> tuple[str, tuple[NumberToken, ...], tuple[NumberToken, ...]]:
    norm = normalize_for_index(text)
    return norm, tuple(numbers_in(norm, skip_names=False) + chinese_numbers_in(norm)), tuple(numbers_in(norm))


def _passages(contexts: Sequence[SearchHit]) -> dict[int, _Passage]:
    out = {}
    for n, hit in enumerate(contexts, start=1):
        # A row is quoted with its table's header ("Segment results 2025: 1,096.8"), which a chunk holding only
        # rows lacks: the header's numbers are the source's too, and no "repair" may turn 2025 into a value.
        headers = dict.fromkeys(u.header for u in hit.chunk.units if u.header)
        norm, numbers, figures = _passage_numbers("\n".join([hit.chunk.text, *headers]))
        out[n] = _Passage(n, norm, list(numbers), list(figures))
    return out


def _repair_markers(text: str, k: int, findings: list[Finding]) -> str:
    """Rewrite every marker group as [a][b] with only numbers in 1..k; report and drop the rest."""
    pieces: list[str] = []
    last = 0
    for m in MARKER.finditer(text):
        numbers = parse_marker_group(m.group(1))
        valid: list[int] = []
        for n in numbers:
            if 1 <= n <= k:
                if n not in valid:
                    valid.append(n)
            else:
                findings.append(
                    Finding(
                        "invalid_citation",
                        f"citation [{n}] does not match any of the {k} sources: removed",
                        marker=n,
                    )
                )
        head = text[last : m.start()]
        if not valid:
            head = head.rstrip(" \t")
        pieces.append(head + "".join(f"[{n}]" for n in valid))
        last = m.end()
    pieces.append(text[last:])
    return "".join(pieces)


def _context_window(text: str, start: int, end: int, width: int = 8) -> tuple[set[str], set[str]]:
    """Bigrams of the words just before and just after a number (its unit and scale left out)."""
    left = squash(text[:start])[-width:]
    right = re.sub(r"^(亿|万|兆|trillion|billion|million|thousand|bn|mn)?(%|个百分点|百分点|percent|pp)?", "",
                   squash(text[end:]))[:width]
    return grams(left), grams(right)


def _find_repair(sentence: str, token: NumberToken, passages: Iterable[_Passage]) -> tuple[_Passage, NumberToken] | None:
    """The one number in the cited passages that sits in the same wording as the altered one."""
    a_left, a_right = _context_window(sentence, token.start, token.end)
    scored: list[tuple[float, int, _Passage, NumberToken]] = []
    for passage in passages:
        for cand in passage.figures:
            if cand.percent != token.percent or cand.scale != token.scale or cand.value == token.value:
                continue
            p_left, p_right = _context_window(passage.norm, cand.start, cand.end)
            sides = [(a_left, p_left), (a_right, p_right)]
            used = [(a, p) for a, p in sides if len(a) >= 2]
            if not used:
                continue
            shared = sum(len(a & p) for a, p in used)
            score = sum(coverage(a, p) for a, p in used) / len(used)
            scored.append((score, shared, passage, cand))
    if not scored:
        return None
    scored.sort(key=lambda s: s[0], reverse=True)
    best_score, best_shared, passage, cand = scored[0]
    runner_up = next((s[0] for s in scored[1:] if s[3].value != cand.value), 0.0)
    if best_score >= 0.5 and best_shared >= 2 and best_score - runner_up >= 0.25:
        return passage, cand
    return None


def verify_answer(
    text: str,
    contexts: Sequence[SearchHit],
    figures: Sequence[Figure] = (),
    *,
    question: str = "",
    min_claim_chars: int = 6,
) -> VerificationResult:
    """Catch invalid citation markers, uncited sentences and numbers that no cited passage, computed
    figure or the question itself holds; repair what the evidence makes unambiguous.

    Numbers the asker wrote in the question count as given (a "what is 7.88% of 2692.23" answer repeats
    them). An ungrounded number is replaced only when a cited passage holds a different number of the same
    kind in the same wording (87 % → 85 % next to the same words); otherwise it is flagged.
    """
    findings: list[Finding] = []
    k = len(contexts)
    text = _repair_markers(text, k, findings)
    passages = _passages(contexts)
    question_numbers = numbers_in(question, skip_names=False) if question else []
    spans = split_sentences(text)
    cited_anywhere = sorted({n for n in markers_in(text)})
    replacements: list[tuple[int, int, str]] = []

    for s_start, s_end in spans:
        sentence = text[s_start:s_end]
        own = sorted(set(markers_in(sentence)))
        body = strip_markers(sentence).strip()
        content = len(_CONTENT.findall(body))
        evidence = [passages[n] for n in (own or cited_anywhere)]
        blanked = MARKER.sub(lambda m: " " * len(m.group(0)), sentence)  # keep offsets, hide marker digits
        computed = False  # states a computation-tool figure: needs no [n]
        for token in numbers_in(blanked):
            if any(same_number(token, p) for passage in evidence for p in passage.numbers):
                continue
            if _in_figures(token, figures):
                computed = True
                continue
            if any(same_number(token, q) or token.value == q.value for q in question_numbers):
                continue
            if _formula_constant(blanked, token):
                continue
            shown = sentence[token.start : token.end]
            repair = _find_repair(blanked, token, evidence) if evidence else None
            if repair is not None:
                passage, cand = repair
                replacements.append((s_start + token.start, s_start + token.end, cand.raw))
                findings.append(
                    Finding(
                        "repaired_number",
                        f"number {shown} is not in source [{passage.n}], which gives {cand.raw} in the same place: corrected",
                        sentence=body, marker=passage.n, number=shown, replacement=cand.raw,
                    )
                )
                continue
            elsewhere = [p.n for p in passages.values() if p.n not in own and any(same_number(token, q) for q in p.numbers)]
            where = f"; it appears in [{'], ['.join(map(str, elsewhere))}], which this sentence does not cite" if elsewhere else ""
            findings.append(
                Finding(
                    "ungrounded_number",
                    f"number {shown} appears in no cited source or computed figure{where}",
                    sentence=body, number=shown,
                )
            )
        if k and not own and not computed and content >= min_claim_chars and not body.endswith((":", "：")):
            findings.append(Finding("uncited_sentence", f"sentence has no citation: {body[:60]!r}", sentence=body))

    for start, end, new in sorted(replacements, reverse=True):
        text = text[:start] + new + text[end:]
    used: list[int] = []
    for n in markers_in(text):
        if n not in used:
            used.append(n)
    return VerificationResult(text=text, findings=findings, markers=used)
