"""A word only a document's title writes (the publisher a page names only in its masthead and footer) is one the
catalog mentions, and stops being one when the document is re-ingested without it or deleted. Real SQLite catalog."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from knowledge_base.catalog import Catalog
from knowledge_base.records import ChunkRecord, DocumentRecord
from knowledge_base.scripts import normalize_for_index

if TYPE_CHECKING:
    from knowledge_base.catalog_pg import PgCatalog


def put(cat: "Catalog | PgCatalog", doc_id: str, title: str, text: str) -> None:
    doc = DocumentRecord(doc_id=doc_id, title=title, script="en", content_hash=title, source_path=doc_id, chunk_count=1)
    cat.replace_document(doc, text, [ChunkRecord(chunk_id=f"{doc_id}#0", doc_id=doc_id, ordinal=0, start=0,
                                                 end=len(text), text=text, norm_text=normalize_for_index(text),
                                                 title=title, script="en")])


def test_a_word_only_a_title_writes_is_mentioned_until_the_title_changes(tmp_path: Path) -> None:
    cat = Catalog(tmp_path / "catalog.sqlite3")
    put(cat, "fx.html", "Currency Exchange | Brightwater Crest Securities Limited", "Convert between HKD and USD.")
    put(cat, "heirs.html", "客戶身故之證券帳戶繼承公告 | 晟岱證券股份有限公司", "繼承人須提供除戶謄本。")
    assert cat.mentions("brightwater", whole_token=True) and cat.documents_titled("brightwater") == ["fx.html"]
    assert not cat.mentions("bright", whole_token=True)  # a part of a word is none
    assert cat.documents_titled("账户") == ["heirs.html"]  # 帳戶 in index form, as a question is read
    put(cat, "fx.html", "Currency Exchange", "Convert between HKD and USD.")  # re-ingested without its publisher
    assert not cat.mentions("brightwater", whole_token=True)
    cat.delete_document("heirs.html")
    assert cat.documents_titled("账户") == []
