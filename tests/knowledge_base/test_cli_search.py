"""`caiwen search` and `caiwen sources` over the ingested corpus."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from caiwen.cli.main import app

runner = CliRunner()


@pytest.fixture
def corpus_env(ingested_corpus, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CAIWEN_DATA_DIR", str(ingested_corpus.settings.data_dir))
    monkeypatch.delenv("CAIWEN_CHROMA_URL", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    return ingested_corpus


def test_search_prints_doc_title_score_and_original_text(corpus_env) -> None:
    result = runner.invoke(app, ["search", "羅素2000係邊間公司編製㗎?", "--k", "3"])
    assert result.exit_code == 0, result.output
    assert result.output.count("score ") == 3
    assert "000_4b08b8b848a4e809.txt" in result.output
    assert "由富時羅素(FTSE Russell)編製" in result.output  # the original Traditional text, not the t2s index text


def test_search_json_lists_hits_with_spans(corpus_env) -> None:
    result = runner.invoke(app, ["search", "罗素2000指数日波动率标准差", "--k", "2", "--json"])
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert [h["rank"] for h in hits] == [1, 2]
    top = hits[0]["chunk"]
    assert top["doc_id"] == "001_aab619b458c5b363.txt" and "日波动率标准差为0.86%" in top["text"]
    original = corpus_env.kb.catalog.cleaned_text(top["doc_id"])
    assert original[top["start"]: top["end"]] == top["text"]
    assert isinstance(hits[0]["score"], float)


def test_sources_lists_the_documents(corpus_env) -> None:
    result = runner.invoke(app, ["sources"])
    assert result.exit_code == 0, result.output
    assert "5 documents" in result.output
    for expected in ("001_aab619b458c5b363.txt", "2026-01-17", "2025-09-30", "zh-Hant", "zh-Hans", "美股市場出現的新機會"):
        assert expected in result.output
    docs = json.loads(runner.invoke(app, ["sources", "--json"]).stdout)
    assert len(docs) == 5 and {d["script"] for d in docs} == {"zh-Hant", "zh-Hans"}
    assert sum(d["chunk_count"] for d in docs) == corpus_env.kb.catalog.chunk_count()


def test_bad_search_input(corpus_env) -> None:
    empty = runner.invoke(app, ["search", "   "])
    assert empty.exit_code == 2 and "query is empty" in empty.output
    assert runner.invoke(app, ["search", "羅素", "--k", "0"]).exit_code != 0


def test_search_on_an_empty_knowledge_base_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAIWEN_DATA_DIR", str(tmp_path / "empty"))
    monkeypatch.delenv("CAIWEN_CHROMA_URL", raising=False)
    result = runner.invoke(app, ["search", "羅素2000", "--k", "3"])
    assert result.exit_code == 0 and "no matching chunks" in result.output
    assert "0 documents" in runner.invoke(app, ["sources"]).output
