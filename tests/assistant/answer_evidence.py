"""Small documents cut into chunks the way ingest records them (original span + offset), as SearchHits."""
from __future__ import annotations

from knowledge_base.records import ChunkRecord, SearchHit
from knowledge_base.scripts import normalize_for_index

RUSSELL = (
    "羅素 2000 指數概述。"
    "羅素 2000 指數(Russell 2000 Index)是由富時羅素(FTSE Russell)編製,專門追蹤美國市場中 2,000 家小型上市公司表現的股票指數。"
    "它由羅素 3000 指數(涵蓋美股 98% 可投資市值)中市值排名最後的 2,000 隻股票組成。"
    "雖然這 2,000 家公司的總市值僅佔美股約 7%,但它們對國內經濟波動極為敏感。"
)
RECONSTITUTION = (
    "重組機制。富時羅素每年六月進行年度重組,以五月的市值排名為準。"
    "自 2026 年起,重組改為每半年一次,分別在六月和十二月進行。"
)
PERFORMANCE = (
    "市場回顧:2025 年羅素 2000 指數全年上漲 7.88%,收報 2,692.23 點,漲幅達 195.51 點。"
    "同期標普 500 指數上漲 16.39%。截至 2024 年 4 月 30 日,最大成分股市值 71 億美元。"
)

DOCS = {"russell.txt": RUSSELL, "reconstitution.txt": RECONSTITUTION, "performance.txt": PERFORMANCE}
TITLES = {"russell.txt": "羅素2000指數全攻略", "reconstitution.txt": "羅素指數重組", "performance.txt": "2025年市場回顧"}
PUBLISHED = {"russell.txt": "2026-01-15", "reconstitution.txt": "2025-11-02", "performance.txt": None}


def hit(doc_id: str, start: int = 0, end: int | None = None, text: str | None = None, rank: int = 1) -> SearchHit:
    """A hit on doc_id's span [start, end) — or on arbitrary `text` (a planted document)."""
    full = text if text is not None else DOCS[doc_id]
    end = len(full) if end is None else end
    span = full[start:end]
    chunk = ChunkRecord(
        chunk_id=f"{doc_id}#{start}",
        doc_id=doc_id,
        ordinal=0,
        start=start,
        end=end,
        text=span,
        norm_text=normalize_for_index(span),
        title=TITLES.get(doc_id, doc_id),
        published=PUBLISHED.get(doc_id),
        script="zh-Hant",
    )
    return SearchHit(chunk=chunk, score=1.0 / rank, rank=rank)


def three_contexts() -> list[SearchHit]:
    """[1] Russell overview (from offset 10: a chunk that does not start the document), [2] reconstitution,
    [3] performance."""
    return [hit("russell.txt", start=10, rank=1), hit("reconstitution.txt", rank=2), hit("performance.txt", rank=3)]
