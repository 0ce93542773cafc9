"""Chunking: exact spans, no split inside a number or ticker, tables keep their header, stable ids."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.chunking import Chunk, chunk_id, chunk_text, split_units
from ingest.cleaning import clean_text
from ingest.documents import prepare_document, read_document
from ingest.loaders import LoadOptions
from knowledge_base.scripts import normalize_for_index

# Numbers (7.88, 2,692.23, 1,001), tickers (IWM, BRK.B, ^RUT) and words: a boundary may not fall inside one.
TOKEN = re.compile(r"[A-Za-z0-9^$]+(?:[.,&\-/][A-Za-z0-9]+)*%?")


def assert_no_split_inside_tokens(text: str, chunks: list[Chunk]) -> None:
    spans = [m.span() for m in TOKEN.finditer(text)]
    for chunk in chunks:
        for boundary in (chunk.start, chunk.end):
            inside = [text[s:e] for s, e in spans if s < boundary < e]
            assert not inside, f"chunk {chunk.ordinal} boundary {boundary} splits {inside}"


def assert_exact_spans(text: str, chunks: list[Chunk]) -> None:
    assert [c.ordinal for c in chunks] == list(range(len(chunks)))
    for chunk in chunks:
        assert chunk.text == text[chunk.start: chunk.end]
        assert chunk.text == chunk.text.strip() and chunk.text


def prepared(corpus_dir: Path, name: str, size: int = 300, overlap: int = 60):
    path = corpus_dir / name
    read = read_document(path, name, LoadOptions(), size, overlap)
    return prepare_document(path, name, read, size, overlap)


def test_every_ingested_chunk_is_the_exact_span_of_the_stored_original_text(ingested_corpus) -> None:
    kb = ingested_corpus.kb
    docs = kb.sources()
    assert len(docs) == 5
    for doc in docs:
        original = kb.catalog.cleaned_text(doc.doc_id)
        chunks = kb.chunks(doc.doc_id)
        assert len(chunks) == doc.chunk_count > 0
        for chunk in chunks:
            assert chunk.text == original[chunk.start: chunk.end], chunk.chunk_id
            assert chunk.title == doc.title and chunk.script == doc.script and chunk.published == doc.published
        # the chunks cover the whole document, in order
        assert chunks[0].start <= original.index(chunks[0].text[:5])
        assert max(c.end for c in chunks) == len(original)
        assert [c.start for c in chunks] == sorted(c.start for c in chunks)


@pytest.mark.parametrize("size,overlap", [(300, 60), (120, 30), (750, 150)])
def test_corpus_chunks_never_split_a_number_or_ticker(corpus_dir: Path, size: int, overlap: int) -> None:
    for path in sorted(corpus_dir.iterdir()):
        doc = prepared(corpus_dir, path.name, size, overlap)
        text = doc.cleaned_text
        chunks = chunk_text(text, size, overlap)
        assert_exact_spans(text, chunks)
        assert_no_split_inside_tokens(text, chunks)


def test_sentence_splitter_keeps_decimals_thousands_and_dotted_tickers_whole() -> None:
    text = (
        "罗素2000指数收报2,692.23点,累计上涨约7.88%。BRK.B与IWM同步走高! "
        "The index closed at 2,692.23 on Jan. 16, up 7.88% in U.S. trading. Was it a top? Nobody knows; wait."
    )
    units = [text[u.start: u.end] for u in split_units(text)]
    assert units == [
        "罗素2000指数收报2,692.23点,累计上涨约7.88%。",
        "BRK.B与IWM同步走高!",
        "The index closed at 2,692.23 on Jan.",
        "16, up 7.88% in U.S. trading.",
        "Was it a top?",
        "Nobody knows;",
        "wait.",
    ]


@pytest.mark.parametrize("size", range(20, 140, 9))
def test_small_chunk_sizes_do_not_cut_numbers(size: int) -> None:
    text = "\n".join([
        "2026年1月16日,罗素2000指数收报2,692.23点,创下历史新高。过去11个交易日累计上涨约7.88%,对应195.51点。",
        "IWM与VTWO同步上涨,^RUT期货(RTY)成交放大;标普500则仅上涨1.20%。",
        "The Russell 2000 closed at 2,692.23 after rising 7.88% in 11 sessions. IWM and VTWO tracked it closely.",
    ])
    chunks = chunk_text(text, size, size // 4)
    assert_exact_spans(text, chunks)
    assert_no_split_inside_tokens(text, chunks)
    for number in ("2,692.23", "7.88%", "195.51", "^RUT", "VTWO"):
        assert any(number in c.text for c in chunks)


def test_a_sentence_longer_than_the_chunk_size_is_kept_whole() -> None:
    sentence = "罗素2000指数" + "持续上涨" * 40 + "至2,692.23点。"
    chunks = chunk_text(sentence + "下一句。", 50, 10)
    assert chunks[0].text == sentence


TABLE = "\n".join(
    ["美股四大指數超級比一比", "| 指數名稱 | 成分股數量 | 計算方式 |", "|---|---|---|"]
    + [f"| 指數{i:02d} | {i * 100:,} 家 | 市值加權,說明文字{i:02d} |" for i in range(1, 31)]
    + ["表格之後的一段說明文字,講述這些指數的差異。"]
)


def test_tables_spanning_chunks_repeat_the_header_in_the_index_text() -> None:
    chunks = chunk_text(TABLE, 200, 40)
    assert_exact_spans(TABLE, chunks)
    header = "| 指數名稱 | 成分股數量 | 計算方式 |\n|---|---|---|"
    rows = [c for c in chunks if "| 指數" in c.text and "市值加權" in c.text]
    assert len(rows) >= 4
    for chunk in rows:
        if header in chunk.text:
            assert chunk.table_header == ""  # the first chunk has the header in its own text
        else:
            assert chunk.table_header == header
            assert not chunk.text.startswith("|---")
    # every row line is whole and lands in some chunk
    for i in range(1, 31):
        assert any(f"| 指數{i:02d} |" in c.text for c in chunks)
    for chunk in chunks:
        for line in chunk.text.split("\n"):
            assert not line.startswith("|") or line.endswith("|"), "a table row was cut"


def test_corpus_table_continuation_chunk_repeats_the_header_in_norm_text(ingested_corpus) -> None:
    kb = ingested_corpus.kb
    original = kb.catalog.cleaned_text("003_50d57fdeb84ad35c.txt")
    header = "| 指數名稱 | 成分股數量 | 計算方式 | 市場意義 |\n|---|---|---|---|"
    assert header in original
    continuations = [
        c for c in kb.chunks("003_50d57fdeb84ad35c.txt")
        if "| 道瓊 (道瓊工業平均指數) |" in c.text and "| 指數名稱 |" not in c.text
    ]
    assert continuations, "the four-index table should span two chunks at the default size"
    for chunk in continuations:
        assert chunk.norm_text.startswith(normalize_for_index(header) + "\n")
        assert chunk.norm_text.endswith(normalize_for_index(chunk.text))
        assert chunk.text == original[chunk.start: chunk.end]  # the citation span is still the original rows
    # every chunk holding rows of a table has that table's header either in its text or in norm_text
    for chunk in kb.chunks("003_50d57fdeb84ad35c.txt"):
        if "| 時間段 |" in original and re.search(r"^\| \d+ 年 \(", chunk.text, re.M):
            assert "| 时间段 |" in chunk.norm_text


def test_chunks_carry_title_and_nearest_heading(corpus_dir: Path) -> None:
    doc = prepared(corpus_dir, "000_4b08b8b848a4e809.txt")
    by_text = {c.text[:20]: c for c in doc.chunks}
    assert all(c.title == doc.record.title for c in doc.chunks)
    semi = next(c for c in doc.chunks if c.text.startswith("2. 半年度重組機制"))
    assert semi.heading == normalize_for_index("2. 半年度重組機制")
    top10 = [c for c in doc.chunks if "| Bloom Energy |" in c.text or "| Hecla Mining |" in c.text]
    assert top10 and all(c.heading == normalize_for_index("羅素 2000 前 10 大成分股有哪些?") for c in top10)
    assert by_text  # (keeps the lookup honest if chunk texts change)


def test_chunk_ids_are_deterministic_and_content_addressed(corpus_dir: Path, ingested_corpus) -> None:
    name = "001_aab619b458c5b363.txt"
    first = [c.chunk_id for c in prepared(corpus_dir, name).chunks]
    again = [c.chunk_id for c in prepared(corpus_dir, name).chunks]
    stored = [c.chunk_id for c in ingested_corpus.kb.chunks(name)]
    assert first == again == stored
    assert len(set(first)) == len(first)
    assert all(re.fullmatch(re.escape(name) + r"#\d{4}-[0-9a-f]{12}", i) for i in first)
    assert chunk_id("a.txt", 3, "同一段文字") == chunk_id("a.txt", 3, "同一段文字") == "a.txt#0003-" + chunk_id(
        "b.txt", 3, "同一段文字").split("-")[-1]
    assert chunk_id("a.txt", 3, "同一段文字") != chunk_id("a.txt", 3, "另一段文字")
    assert chunk_id("a.txt", 3, "同一段文字") != chunk_id("a.txt", 4, "同一段文字")


def test_overlap_repeats_trailing_sentences_and_size_is_respected(corpus_dir: Path) -> None:
    text = prepared(corpus_dir, "002_9dbfc5c8b08aa693.txt").cleaned_text
    chunks = chunk_text(text, 300, 60)
    overlaps = [max(0, a.end - b.start) for a, b in zip(chunks, chunks[1:])]
    assert any(o > 0 for o in overlaps)
    assert all(o <= 300 for o in overlaps)
    units = split_units(text)
    longest_unit = max(u.end - u.start for u in units)
    assert all(len(c.text) <= 300 + longest_unit for c in chunks)
    assert not any(a.start <= b.start and b.end <= a.end for a, b in zip(chunks, chunks[1:]))


PIECES = st.sampled_from([
    "罗素2000指数收报2,692.23点", "累计上涨约7.88%", "羅素 2000 指數", "IWM", "BRK.B", "^RUT", "U.S.", "Jan. 16",
    "。", "!", "?", ";", "…", "」", ". ", "! ", ", ", " ", "\n", "\n\n", "# 標題\n", "小標題\n",
    "| 指數 | 漲幅 |\n|---|---|\n", "| 羅素2000 | 7.88% |\n", "The index rose 7.88% to 2,692.23", "標普500",
])


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(pieces=st.lists(PIECES, min_size=1, max_size=60), size=st.integers(30, 400), overlap=st.integers(0, 120))
def test_chunking_invariants_hold_for_arbitrary_texts(pieces: list[str], size: int, overlap: int) -> None:
    text = clean_text("".join(pieces))  # the chunker always receives cleaned text (lines stripped)
    chunks = chunk_text(text, size, overlap)
    assert_exact_spans(text, chunks)
    assert_no_split_inside_tokens(text, chunks)
    # nothing but headings/table headers/separators is lost: every other unit lies inside some chunk
    for unit in split_units(text):
        if unit.kind != "heading":
            assert any(c.start <= unit.start and unit.end <= c.end for c in chunks)
    assert chunk_text(text, size, overlap) == chunks
