"""Check an answer against its evidence: citation markers, uncited sentences and grounded numbers.

Used for every composer's output (LLM or extractive), so nothing here knows about models:

    result = verify_answer(text, contexts, figures, question=question)
    result.text          # markers outside 1..k removed, altered figures repaired where the evidence is clear
    result.findings      # what was caught, repaired or only flagged
    citations = build_citations(result.text, contexts)

Conventions: a sentence owns the markers inside it and those right after its end punctuation
("…重組[1]。" and "…重組。[1]" both cite [1] for that sentence). Numbers are compared after width
folding and canonicalisation (2,692.23 == 2692.23, 87% == 87 %, ８７ == 87, 71億 == 7.1 billion).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from typing import Literal

from assistant.schemas import Citation, Figure
from knowledge_base.records import SearchHit
from knowledge_base.scripts import fold_width, normalize_for_index

FindingKind = Literal["invalid_citation", "uncited_sentence", "ungrounded_number", "repaired_number"]

# [1], [1,2], [1][2], [1-3], full-width ［１］ and 【1】.
_MARKER = re.compile(
    r"[\[［【]\s*([0-9０-９]+(?:\s*[-–,，、;；]\s*[0-9０-９]+)*)\s*[\]］】]"
)
_TERMINATORS = "。！？!?\n"  # newline last
_CLOSERS = "」』”’\"')）》"
_TRAILING_MARKER = re.compile(r"[ \t]*" + _MARKER.pattern)
_CONTENT = re.compile(r"[A-Za-z0-9\u3400-\u4dbf\u4e00-\u9fff]")
_BIGRAM_DROP = re.compile(r"[\s\W_]+", re.UNICODE)

# Applied to width-folded text; the digits group is group 1.
_NUMBER = re.compile(
    r"(?<![A-Za-z0-9.])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![0-9])"
    r"(?:\s*(亿|億|万|萬|兆|(?:trillion|billion|million|thousand|bn|mn)(?![A-Za-z])))?"
    r"(?:\s*(%|percent(?:age points?)?(?![A-Za-z])|per cent(?![A-Za-z])|个百分点|個百分點|百分点|百分點|pp(?![A-Za-z])))?",
    re.IGNORECASE,
)
_SCALES = {
    "亿": 10**8, "億": 10**8, "万": 10**4, "萬": 10**4, "兆": 10**12,
    "trillion": 10**12, "billion": 10**9, "bn": 10**9, "million": 10**6, "mn": 10**6, "thousand": 10**3,
}
# Numbers that are part of a name (羅素2000, S&P 500, Nasdaq-100) are not figures; matched on the
# width-folded, lower-cased text just before the number, in either script.
_NAME_BEFORE = re.compile(
    r"(罗素|羅素|russell|标普|標普|s&p|纳斯达克|納斯達克|那斯达克|那斯達克|nasdaq|道琼斯|道瓊斯|道指|dow jones|dow|"
    r"恒生|恆生|msci|ftse|富时|富時|日经|日經|nikkei|stoxx|沪深|滬深|中证|中證|上证|上證|csi|wilshire|威尔希尔|威爾希爾)"
    r"\s*-?\s*$"
)
_ENUMERATOR_AFTER = re.compile(r"^\s*[.)、)]\s")


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


# --- sentences and markers ----------------------------------------------------------------------
def parse_marker_group(body: str) -> list[int]:
    """'1, 3-4' -> [1, 3, 4]; full-width digits allowed."""
    out: list[int] = []
    for part in re.split(r"\s*[,，、;；]\s*", fold_width(body).strip()):
        if not part:
            continue
        bounds = re.split(r"\s*[-–]\s*", part)
        if len(bounds) == 2 and all(b.isdigit() for b in bounds) and int(bounds[0]) <= int(bounds[1]) <= int(bounds[0]) + 20:
            out.extend(range(int(bounds[0]), int(bounds[1]) + 1))
        elif part.isdigit():
            out.append(int(part))
    return out


def markers_in(text: str) -> list[int]:
    """Every marker number in order of appearance (duplicates kept)."""
    return [n for m in _MARKER.finditer(text) for n in parse_marker_group(m.group(1))]


def strip_markers(text: str) -> str:
    return _MARKER.sub("", text)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of sentences; markers and closing quotes right after the end punctuation stay
    with the sentence. A '.' ends a sentence only before whitespace, a marker or the end (2692.23 does not)."""
    spans: list[tuple[int, int]] = []
    start, i, n = 0, 0, len(text)
    while i < n:
        ch = text[i]
        if ch == ".":
            follows = text[i + 1] if i + 1 < n else " "
            end_here = (follows.isspace() or _MARKER.match(text, i + 1) is not None) and not _is_abbrev(text, i)
        else:
            end_here = ch in _TERMINATORS
        if not end_here:
            i += 1
            continue
        j = i + 1
        while j < n and ch != "\n":  # absorb repeated end punctuation, closing quotes and trailing markers
            if text[j] in _TERMINATORS[:-1] or text[j] in _CLOSERS or text[j] == ".":
                j += 1
                continue
            m = _TRAILING_MARKER.match(text, j)
            if m is None:
                break
            j = m.end()
        if text[start:j].strip():
            spans.append(_trim(text, start, j))
        start = i = j
    if text[start:].strip():
        spans.append(_trim(text, start, n))
    return spans


def _is_abbrev(text: str, i: int) -> bool:
    """'e.g.', 'U.S.', 'approx.', 'No.' do not end a sentence."""
    word = re.search(r"(\S+)$", text[:i])
    if word and word.group(1).isdigit():
        before = text[: word.start()].rstrip(" \t")
        return not before or before.endswith("\n")  # "1. " opening a list item
    return bool(word and re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]|e\.g|i\.e|vs|approx|etc|No|Inc|Co|Corp|Ltd|St|Mr|Ms|Dr", word.group(1)))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# --- numbers ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class NumberToken:
    raw: str  # the digits as written (after width folding), e.g. "2,692.23"
    value: Decimal
    decimals: int
    scale: int  # 10**8 for 億 …, else 1
    percent: bool
    start: int  # span of the digits in the text it was found in
    end: int

    @property
    def canonical(self) -> str:
        return _canon(self.value)

    @property
    def scaled(self) -> Decimal:
        return self.value * self.scale


def _canon(value: Decimal) -> str:
    return format(value.normalize(), "f")


def numbers_in(text: str, *, skip_names: bool = True) -> list[NumberToken]:
    """Numbers in `text` (any script, full-width digits allowed) with their unit and scale.

    Skips numbers that belong to a name (羅素2000, S&P 500) and list enumerators ("1. ", "2) ").
    Spans refer to `text` itself: width folding keeps every character in place.
    """
    folded = fold_width(text)
    tokens: list[NumberToken] = []
    for m in _NUMBER.finditer(folded):
        raw = m.group(1)
        before = folded[max(0, m.start() - 12) : m.start()]
        if skip_names and _NAME_BEFORE.search(before.lower()):
            continue
        line_start = folded.rfind("\n", 0, m.start()) + 1
        if not folded[line_start : m.start()].strip() and _ENUMERATOR_AFTER.match(folded[m.end(1) : m.end(1) + 3]):
            continue
        try:
            value = Decimal(raw.replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the pattern only admits digits
            continue
        percent = bool(m.group(3)) or folded[max(0, m.start() - 3) : m.start()] in ("百分之",)
        decimals = len(raw.split(".")[1]) if "." in raw else 0
        scale = _SCALES.get((m.group(2) or "").lower(), 1)
        tokens.append(NumberToken(raw, value, decimals, scale, percent, m.start(1), m.end(1)))
    return tokens


_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
# Chinese numerals before a counter or calendar word (六月, 十二月, 三年, 两千家): passages write small
# numbers this way while answers often use digits. Used for grounding only, never as a repair.
_CN_NUMBER = re.compile(r"([零〇一二两三四五六七八九十百千]+)(?=[个月年日号倍次家只成天周季期名位])")


def _cn_value(numeral: str) -> int | None:
    total, digit = 0, None
    for ch in numeral:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
    return total + (digit or 0) if numeral.strip("零〇") else None


def chinese_numbers_in(norm_text: str) -> list[NumberToken]:
    """Numbers written in Chinese numerals in t2s-normalized text (六月 -> 6, 十二月 -> 12, 两千家 -> 2000)."""
    tokens = []
    for m in _CN_NUMBER.finditer(norm_text):
        value = _cn_value(m.group(1))
        if value is not None:
            tokens.append(NumberToken(m.group(1), Decimal(value), 0, 1, False, m.start(1), m.end(1)))
    return tokens


_OPERATORS = set("÷×*/^−+-=()（）")


def _formula_constant(text: str, token: NumberToken) -> bool:
    """The 1 in "31÷18−1" or "(1+187%)^(1/5)−1": a constant of written arithmetic, not a claimed figure."""
    if token.value not in (0, 1):
        return False
    before, after = text[: token.start].rstrip()[-1:], text[token.end :].lstrip()[:1]
    return before in _OPERATORS and before not in "()（）" or after in _OPERATORS and after not in "()（）"


def _rounds_to(precise: Decimal, shown: Decimal, decimals: int) -> bool:
    quantum = Decimal(1).scaleb(-decimals)
    return precise.quantize(quantum, rounding=ROUND_HALF_UP) == shown


def _same_number(answer: NumberToken, source: NumberToken) -> bool:
    if answer.percent and not source.percent:
        return False
    if answer.value == source.value and (answer.scale == source.scale or source.scale == 1 or answer.scale == 1):
        return True
    if answer.scale != source.scale and answer.scaled == source.scaled:
        return True  # 71億 == 7.1 billion
    if answer.scale == source.scale and source.decimals > answer.decimals:
        return _rounds_to(source.value, answer.value, answer.decimals)  # 2,692 for 2,692.23
    return False


def _in_figures(token: NumberToken, figures: Sequence[Figure]) -> bool:
    """A computed figure states this number (rounded as shown; 71億 matches a usd value of 7.1e9)."""
    for fig in figures:
        try:
            value = abs(Decimal(repr(float(fig.value))))
        except (InvalidOperation, ValueError):
            continue
        for candidate in {value, value / token.scale}:
            if candidate == token.value or _rounds_to(candidate, token.value, token.decimals):
                return True
    return False


# --- text similarity (script-independent: both sides are t2s-normalized) --------------------------
def _squash(text: str) -> str:
    return _BIGRAM_DROP.sub("", normalize_for_index(strip_markers(text)).lower())


def _grams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _bigrams(text: str) -> set[str]:
    return _grams(_squash(text))


def _coverage(needle: set[str], hay: set[str]) -> float:
    return len(needle & hay) / len(needle) if needle else 0.0


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
        norm, numbers, figures = _passage_numbers(hit.chunk.text)
        out[n] = _Passage(n, norm, list(numbers), list(figures))
    return out


def _repair_markers(text: str, k: int, findings: list[Finding]) -> str:
    """Rewrite every marker group as [a][b] with only numbers in 1..k; report and drop the rest."""
    pieces: list[str] = []
    last = 0
    for m in _MARKER.finditer(text):
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
    left = _squash(text[:start])[-width:]
    right = re.sub(r"^(亿|万|兆|trillion|billion|million|thousand|bn|mn)?(%|个百分点|百分点|percent|pp)?", "",
                   _squash(text[end:]))[:width]
    return _grams(left), _grams(right)


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
            score = sum(_coverage(a, p) for a, p in used) / len(used)
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
        blanked = _MARKER.sub(lambda m: " " * len(m.group(0)), sentence)  # keep offsets, hide marker digits
        computed = False  # states a computation-tool figure: needs no [n]
        for token in numbers_in(blanked):
            if any(_same_number(token, p) for passage in evidence for p in passage.numbers):
                continue
            if _in_figures(token, figures):
                computed = True
                continue
            if any(_same_number(token, q) or token.value == q.value for q in question_numbers):
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
            elsewhere = [p.n for p in passages.values() if p.n not in own and any(_same_number(token, q) for q in p.numbers)]
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


# --- citations ---------------------------------------------------------------------------------
@lru_cache(maxsize=8192)
def _features(sentence: str) -> tuple[frozenset[str], tuple[NumberToken, ...]]:
    """Bigrams and numbers of a source sentence; cached, since the same chunks come back query after query."""
    return frozenset(_bigrams(sentence)), tuple(numbers_in(sentence, skip_names=False))


def _score_support(claim_grams: set[str], claim_numbers: list[NumberToken], sentence: str) -> float:
    grams, sentence_numbers = _features(sentence)
    score = _coverage(claim_grams, grams)
    if claim_numbers:
        hits = sum(1 for t in claim_numbers if any(_same_number(t, s) for s in sentence_numbers))
        score += 0.5 * hits / len(claim_numbers)
    return score


def best_quote(claims: Sequence[str], hit: SearchHit) -> tuple[int, int]:
    """(start, end) in hit.chunk.text of the original sentence(s) that best support the claims.

    Each claim picks its best chunk sentence; when the picks lie within three consecutive sentences the
    quote spans them, else the single best-supported sentence is quoted.
    """
    chunk_text = hit.chunk.text
    sentences = split_sentences(chunk_text) or [_trim(chunk_text, 0, len(chunk_text))]
    picks: list[tuple[float, int]] = []
    for claim in claims:
        body = strip_markers(claim)
        claim_grams, claim_numbers = _bigrams(body), numbers_in(body)
        scores = [_score_support(claim_grams, claim_numbers, chunk_text[s:e]) for s, e in sentences]
        best = max(range(len(sentences)), key=lambda i: (scores[i], -i))
        picks.append((scores[best], best))
    if not picks or max(p[0] for p in picks) == 0:
        # nothing shared (e.g. an English claim on a Chinese passage with no names or numbers in common)
        first = next((i for i, (s, e) in enumerate(sentences) if e - s >= 10), 0)
        return sentences[first]
    chosen = sorted({i for score, i in picks if score > 0})
    if chosen[-1] - chosen[0] <= 2:
        return sentences[chosen[0]][0], sentences[chosen[-1]][1]
    top = max(picks)[1]
    return sentences[top]


def build_citations(text: str, contexts: Sequence[SearchHit]) -> list[Citation]:
    """One Citation per marker actually used in `text` (in order of first use), quoting the chunk's
    original sentence(s) that best support the sentences carrying that marker. Offsets are document
    offsets (chunk.start + offset in the chunk); quote_display is left for the chain to fill."""
    claims: dict[int, list[str]] = {}
    for s, e in split_sentences(text):
        sentence = text[s:e]
        for n in markers_in(sentence):
            if 1 <= n <= len(contexts):
                claims.setdefault(n, [])
                if sentence not in claims[n]:
                    claims[n].append(sentence)
    citations = []
    for n, claim_sentences in claims.items():
        hit = contexts[n - 1]
        start, end = best_quote(claim_sentences, hit)
        chunk = hit.chunk
        citations.append(
            Citation(
                n=n,
                doc_id=chunk.doc_id,
                title=chunk.title,
                published=chunk.published,
                chunk_id=chunk.chunk_id,
                quote=chunk.text[start:end],
                start=chunk.start + start,
                end=chunk.start + end,
                page=chunk.page_at(chunk.start + start),
            )
        )
    return citations
