"""Evidence written in another language than the asker's is quoted as written, inside a frame in the
asker's language (no LLM to translate): English askers get an English frame around Chinese quotes, and
Chinese askers get a Chinese frame around English quotes."""
from __future__ import annotations

from assistant.composers.extractive import ExtractiveComposer
from assistant.composers.extractive_candidates import Candidate
from assistant.language import QueryLanguage
from knowledge_base.records import ChunkRecord, SearchHit

ENGLISH = "Redemption requests received after 4 p.m. are processed at the next day's net asset value."
CHINESE = "北辰基金的申購款項於交易日後兩個營業日內扣款。"


def candidate(n: int, text: str) -> Candidate:
    return Candidate(n=n, start=0, end=len(text), text=text, tokens=frozenset(), position=0)


def contexts(*texts: str) -> list[SearchHit]:
    """The numbered sources the candidates come from, one document each."""
    return [SearchHit(chunk=ChunkRecord(chunk_id=f"d{n}#0", doc_id=f"d{n}", ordinal=0, start=0, end=len(t), text=t,
                                        norm_text=t, title="t"), score=1.0, rank=n)
            for n, t in enumerate(texts, start=1)]


def test_a_chinese_asker_gets_the_english_sentence_quoted_in_a_chinese_frame():
    composer = ExtractiveComposer()
    for language, frame in ((QueryLanguage("zh-Hans", "CN"), "资料来源（英文原文）："),
                            (QueryLanguage("zh-Hant", "TW"), "資料來源（英文原文）：")):
        text = composer.render([candidate(1, ENGLISH)], language, contexts(ENGLISH))
        assert text == f"{frame}「{ENGLISH}」[1]。"


def test_chinese_sentences_for_chinese_askers_are_not_framed():
    text = ExtractiveComposer().render([candidate(2, CHINESE)], QueryLanguage("zh-Hant", "TW"), contexts(ENGLISH, CHINESE))
    assert text == "北辰基金的申購款項於交易日後兩個營業日內扣款[2]。"


def test_an_english_asker_gets_english_evidence_without_a_translation_frame():
    text = ExtractiveComposer().render([candidate(1, ENGLISH)], QueryLanguage("en"), contexts(ENGLISH))
    assert text == f"From the sources: “{ENGLISH}” [1]"
