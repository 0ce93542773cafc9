"""Document metadata on the real corpus: published date, script, title; and the dateline rules."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.documents import prepare_document, read_document
from ingest.loaders import LoadOptions
from ingest.metadata import find_published_date, find_title
from knowledge_base.records import DocumentRecord

EXPECTED = {
    # file: (published, script, title)
    "000_4b08b8b848a4e809.txt": (None, "zh-Hant", "當大多數香港投資者將目光鎖定在輝達(Nvidia)或蘋果(Apple)等大型權值…"),
    "001_aab619b458c5b363.txt": ("2026-01-17", "zh-Hans", "罗素2000指数创下历史新高,连续11日跑赢标普500指数"),
    "002_9dbfc5c8b08aa693.txt": (None, "zh-Hans", "近期Russell 2000 指数(以ETF IWM为代表)出现显著上行…"),
    "003_50d57fdeb84ad35c.txt": (None, "zh-Hant", "想投資美股…"),
    "004_07ababd27a3295c0.txt": ("2025-09-30", "zh-Hant", "美股市場出現的新機會"),
}


def record(corpus_dir: Path, name: str) -> DocumentRecord:
    path = corpus_dir / name
    return prepare_document(path, name, read_document(path, name, LoadOptions(), 300, 60), 300, 60).record


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_document_metadata(corpus_dir: Path, name: str) -> None:
    published, script, title = EXPECTED[name]
    doc = record(corpus_dir, name)
    assert doc.doc_id == name
    assert doc.published == published
    assert doc.script == script
    assert doc.title == title
    assert len(doc.content_hash) == 64 and doc.chunk_count > 0


def test_content_hash_is_stable_and_tracks_text_and_chunking(corpus_dir: Path, tmp_path: Path) -> None:
    name = "002_9dbfc5c8b08aa693.txt"
    first = read_document(corpus_dir / name, name, LoadOptions(), 300, 60).digest
    assert read_document(corpus_dir / name, name, LoadOptions(), 300, 60).digest == first
    assert read_document(corpus_dir / name, name, LoadOptions(), 500, 100).digest != first  # new chunking: re-chunk
    edited = tmp_path / name
    edited.write_text((corpus_dir / name).read_text(encoding="utf-8") + "\n新增一句。", encoding="utf-8")
    assert read_document(edited, name, LoadOptions(), 300, 60).digest != first
    # boilerplate-only edits do not count as a change
    edited.write_text((corpus_dir / name).read_text(encoding="utf-8") + "\n\n\nImage Source: unsplash\n", encoding="utf-8")
    assert read_document(edited, name, LoadOptions(), 300, 60).digest == first


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026年1月17日", "2026-01-17"),
        ("2025年09月30日 22:00 GMT", "2025-09-30"),
        ("發布時間:2025-09-30", "2025-09-30"),
        ("September 30, 2025", "2025-09-30"),
        ("Published: Sep 30, 2025 10:00 AM", "2025-09-30"),
        ("2024/02/29", "2024-02-29"),
        ("美聯儲在2025年9月17日宣布降息。", None),  # a date inside a sentence is content
        ("2025年13月40日", None),  # not a calendar date
        ("2023/02/29", None),
    ],
)
def test_dateline_rules(text: str, expected: str | None) -> None:
    assert find_published_date(f"標題\n{text}\n內文第一句話,說了一些事情。") == expected


def test_date_far_below_the_top_is_not_a_dateline() -> None:
    body = "\n".join(f"第{i}段內文,說了一些事情。" for i in range(40))
    assert find_published_date(f"{body}\n2026年1月17日") is None


def test_title_prefers_html_title_then_heading_then_clipped_first_sentence() -> None:
    assert find_title("# 羅素2000指數\n內文。", html_title="網頁標題") == "網頁標題"
    assert find_title("# 羅素2000指數\n內文。") == "羅素2000指數"
    long_first = "當大多數香港投資者將目光鎖定在大型權值股時,聰明的資金早已開始佈局美國的經濟縮影,也就是羅素 2000 指數與它的成分股。"
    title = find_title(long_first)
    assert title.endswith("…") and len(title) <= 41 and long_first.startswith(title[:-1])
    assert find_title("| a | b |\n|---|---|\n短標題\n內文") == "短標題"


def test_title_skips_what_names_no_document() -> None:
    # front matter, a quoted notice and a breadcrumb come before the page's heading
    text = ("source: https://example.org/page (mirror)\n> 本文件为虚构内容，仅供测试。\n首页 > 信用业务 > 融资融券\n"
            "# 衡睿证券融资融券业务指南\n正文第一段，说明业务规则。")
    assert find_title(text) == "衡睿证券融资融券业务指南"
    link_heading = "## [Federal Reserve issues FOMC statement](https://example.org/a)\nJune 18, 2025\nBody text."
    assert find_title(link_heading) == "Federal Reserve issues FOMC statement"


def test_a_section_heading_after_the_first_paragraph_is_no_title() -> None:
    text = ("source: https://example.org/wiki\n**恒生指數**是香港股市的重要指標，由五十隻恒指成份股的市值計算出來，"
            "代表了香港交易所所有上市公司的十二個月平均市值涵蓋率的63%。\n## 歷史\n內文。")
    assert find_title(text) == "恒生指數是香港股市的重要指標…"
    assert find_title("Intro line of a page.\n# Real Title\nBody.") == "Real Title"  # level one: the page's own
