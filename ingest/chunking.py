"""Chinese-aware chunking with exact character spans into the cleaned original text.

Units are sentences (knowledge_base.sentences: the rule quotes and screening use too), never inside a
number (7.88, 2,692.23) or a ticker; Markdown/pipe tables are units of one row each and carry their header
row into every chunk they span. Units are packed up to `size` characters with about `overlap` characters of
trailing sentences repeated at the start of the next chunk. Each chunk knows the nearest heading above it.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from knowledge_base.sentences import split_sentences, trim_span

_HEADING_MD = re.compile(r"^#{1,6}\s+\S")
_NUMBERED_HEADING = re.compile(r"^(\d{1,2}[.、]|[一二三四五六七八九十]+、)\s*\S.{0,30}$")
_ENDS_STATEMENT = re.compile(r"[。！!；;]\s*$")
_TABLE_ROW = re.compile(r"^\|.*\|\s*$")
_TABLE_SEP = re.compile(r"^\|[\s:\-|]+\|\s*$")


@dataclass(frozen=True)
class Unit:
    start: int
    end: int
    kind: str  # sentence | row | heading
    table_header: tuple[int, int] | None = None  # span of header (+ separator) lines for table rows


@dataclass(frozen=True)
class Chunk:
    ordinal: int
    start: int
    end: int
    text: str  # text[start:end] of the cleaned document
    heading: str
    table_header: str  # repeated header for table continuation chunks ("" otherwise)


def _is_heading(line: str, next_line: str | None) -> bool:
    line = line.strip()
    if _HEADING_MD.match(line):
        return True
    if not line or _TABLE_ROW.match(line) or len(line) > 30:
        return False
    if re.search(r"[。！？!?；;，,:：]$", line) and not line.endswith(("?", "？")):
        return False
    if line.endswith(("?", "？")) and len(line) > 25:
        return False
    # A short line with no sentence punctuation followed by body text reads as a heading.
    return next_line is not None and len(next_line.strip()) > len(line)


def split_units(text: str) -> list[Unit]:
    units: list[Unit] = []
    lines = text.split("\n")
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    header_span: tuple[int, int] | None = None
    for i, line in enumerate(lines):
        start, end = offsets[i], offsets[i] + len(line)
        if not line.strip():
            header_span = None
            continue
        if _TABLE_ROW.match(line):
            prev_is_row = i > 0 and _TABLE_ROW.match(lines[i - 1])
            next_is_sep = i + 1 < len(lines) and _TABLE_SEP.match(lines[i + 1])
            if not prev_is_row and next_is_sep:  # header row
                header_span = (start, offsets[i + 1] + len(lines[i + 1]))
                continue
            if _TABLE_SEP.match(line):
                if header_span is None:
                    header_span = (start, end)
                continue
            units.append(Unit(*trim_span(text, start, end), "row", header_span))
            continue
        header_span = None
        next_line = lines[i + 1] if i + 1 < len(lines) else None
        # 「1. 概覽」 is a numbered heading; 「3. 公司拟每10股派发现金红利4.60元。」 is a list item that states a fact
        if _is_heading(line, next_line) or _NUMBERED_HEADING.match(line.strip()) and not _ENDS_STATEMENT.search(line):
            units.append(Unit(*trim_span(text, start, end), "heading"))
            continue
        units.extend(Unit(start + a, start + b, "sentence") for a, b in split_sentences(line, clauses=True))
    return units


def chunk_text(text: str, size: int, overlap: int) -> list[Chunk]:
    units = split_units(text)
    chunks: list[Chunk] = []
    current: list[Unit] = []
    heading = ""
    chunk_heading = ""

    def flush() -> None:
        nonlocal current
        body = [u for u in current if u.kind != "heading"]
        if not body:
            return
        start, end = current[0].start, current[-1].end
        header = ""
        first_row = next((u for u in current if u.kind == "row"), None)
        if first_row is not None and first_row.table_header and first_row.table_header[1] < start:
            header = text[first_row.table_header[0]: first_row.table_header[1]]
        chunks.append(Chunk(len(chunks), start, end, text[start:end], chunk_heading, header))
        # Overlap: carry trailing sentences (not headings) worth about `overlap` characters.
        carried: list[Unit] = []
        length = 0
        for unit in reversed(body):
            if length + (unit.end - unit.start) > overlap or len(carried) == len(body) - 1:
                break
            carried.insert(0, unit)
            length += unit.end - unit.start
        current = carried

    for unit in units:
        unit_len = unit.end - unit.start
        span_len = (unit.end - current[0].start) if current else unit_len
        if unit.kind == "heading":
            if current and (span_len > size or (current[-1].end - current[0].start) > size * 0.5):
                flush()
                current = []
            heading = text[unit.start: unit.end].strip().lstrip("#").strip()
            if not current:
                chunk_heading = heading
            current.append(unit)
            continue
        if current and span_len > size and any(u.kind != "heading" for u in current):
            flush()
            if not current or current[0].kind == "heading":
                chunk_heading = heading
            else:
                chunk_heading = heading
        if not current:
            chunk_heading = heading
        current.append(unit)
    if current:
        flush()
    return _drop_contained(chunks)


def _drop_contained(chunks: list[Chunk]) -> list[Chunk]:
    """A final chunk made only of carried-over overlap adds nothing."""
    out: list[Chunk] = []
    for chunk in chunks:
        if out and chunk.start >= out[-1].start and chunk.end <= out[-1].end:
            continue
        out.append(Chunk(len(out), chunk.start, chunk.end, chunk.text, chunk.heading, chunk.table_header))
    return out


def chunk_id(doc_id: str, ordinal: int, text: str) -> str:
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
    return f"{doc_id}#{ordinal:04d}-{digest}"
