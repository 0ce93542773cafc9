"""Keeping calls, guarantees, pitches and planted instructions away from customers, at both ends:

- before composing, `screen_hits` drops passages of documents that carry instructions to the assistant and
  blanks every flagged sentence of the others, so no composer (extractive or LLM) can quote them;
- after composing, `screen_answer` removes any sentence of the answer that still carries one (an LLM can
  write a buy call the sources never made), and `SentenceGate` does the same for a stream, sentence by
  sentence, before a token leaves the server.

The detector is `knowledge_base.screening`; this module only applies it.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from knowledge_base.records import SearchHit
from knowledge_base.screening import blank_flagged, flag_sentences, merge_flags

QUARANTINE = "instruction"  # a document that instructs the assistant is not trusted for anything


@dataclass
class ScreenedAnswer:
    text: str
    removed: int = 0
    kinds: list[str] = field(default_factory=list)

    @property
    def warning(self) -> str | None:
        if not self.removed:
            return None
        return f"screened: removed {self.removed} sentence(s) carrying {', '.join(self.kinds)}"


def _without(text: str) -> ScreenedAnswer:
    flagged = flag_sentences(text)
    if not flagged:
        return ScreenedAnswer(text)
    kept, previous = [], 0
    for f in flagged:
        kept.append(text[previous:f.start])
        previous = f.end
    kept.append(text[previous:])
    return ScreenedAnswer("".join(kept), len(flagged), merge_flags(f.kinds for f in flagged))


def screen_answer(text: str) -> ScreenedAnswer:
    """`text` without the sentences that carry a call, a guarantee, a pitch or an instruction."""
    screened = _without(text)
    screened.text = screened.text.strip() if screened.removed else text
    return screened


def screen_hits(hits: list[SearchHit], flags_of: Callable[[str], list[str]]) -> list[SearchHit]:
    """Passages fit to compose from: quarantined documents dropped, flagged sentences blanked (same length,
    so citation offsets stay valid)."""
    out = []
    for hit in hits:
        if QUARANTINE in flags_of(hit.chunk.doc_id):
            continue
        text, norm = blank_flagged(hit.chunk.text), blank_flagged(hit.chunk.norm_text)
        if text != hit.chunk.text or norm != hit.chunk.norm_text:
            hit = hit.model_copy(update={"chunk": hit.chunk.model_copy(update={"text": text, "norm_text": norm})})
        out.append(hit)
    return out


_ENDS = "。！？!?；;\n"


class SentenceGate:
    """Holds streamed text until a sentence is complete, then lets it through only if it is clean."""

    def __init__(self) -> None:
        self._buffer = ""
        self.released = ""
        self.dropped = 0

    def feed(self, piece: str) -> Iterator[str]:
        self._buffer += piece
        cut = max(self._buffer.rfind(ch) for ch in _ENDS)
        for marker in (". ", ".\n"):
            cut = max(cut, self._buffer.rfind(marker))
        if cut < 0:
            return
        ready, self._buffer = self._buffer[: cut + 1], self._buffer[cut + 1:]
        yield from self._release(ready)

    def flush(self) -> Iterator[str]:
        ready, self._buffer = self._buffer, ""
        yield from self._release(ready)

    def _release(self, text: str) -> Iterator[str]:
        screened = _without(text)
        self.dropped += screened.removed
        if screened.text:
            self.released += screened.text
            yield screened.text
