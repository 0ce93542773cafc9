"""The on-disk jieba dictionary segments and tags exactly as the in-memory one, on real corpus text."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from knowledge_base import jieba_dictionary
from knowledge_base.lexical_tokens import _finance_words, _loaded_finance_tokenizer
from knowledge_base.scripts import normalize_for_index

REPO = Path(__file__).resolve().parents[2]
CORPORA = [REPO.parent / "shared" / "corpus", REPO.parent / "shared" / "corpus2"]


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    loaded, tags = _loaded_finance_tokenizer()
    folder = tmp_path_factory.mktemp("jieba")
    lazy, lazy_tags = jieba_dictionary.load(_finance_words(), _loaded_finance_tokenizer, folder)
    return loaded, tags, lazy, lazy_tags, folder


def corpus_lines() -> list[str]:
    lines = []
    for corpus in CORPORA:
        for path in sorted(corpus.iterdir()):
            lines += [normalize_for_index(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines


def test_segmentation_is_identical_on_both_corpora(both):
    loaded, _, lazy, _, _ = both
    lines = corpus_lines()
    assert len(lines) > 200
    for line in lines:
        assert lazy.lcut(line, HMM=True) == loaded.lcut(line, HMM=True), line
    assert isinstance(lazy.FREQ, jieba_dictionary.LookupTable)


def test_finance_words_and_tags_come_from_the_file(both):
    loaded, tags, lazy, lazy_tags, _ = both
    assert "罗素2000" in lazy.lcut("罗素2000指数的市盈率")
    assert lazy.total == loaded.total
    for word in ["罗素2000", "市盈率", "指数", "重组", "不存在的词语组合"]:
        assert lazy_tags.get(word, "x") == tags.get(word, "x")
        assert lazy.FREQ.get(word) == loaded.FREQ.get(word)


def test_add_word_still_works_in_memory(both):
    _, _, lazy, _, _ = both
    lazy.add_word("彭博巴克莱综合", freq=50_000)
    assert "彭博巴克莱综合" in lazy.lcut("彭博巴克莱综合债券指数")


def test_an_unwritable_folder_falls_back_to_memory(tmp_path: Path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    tokenizer, tags = jieba_dictionary.load(b"extra", _loaded_finance_tokenizer, blocker)
    assert isinstance(tokenizer.FREQ, dict) and tags.get("指数") == "n"


def test_a_cold_process_reads_the_file_instead_of_the_whole_dictionary(both):
    """Once the file exists, a new process tokenizes and tags without jieba's full load or posseg's tag read."""
    _, _, _, _, folder = both
    code = (
        "import tempfile\n"
        f"tempfile.tempdir = {str(folder)!r}\n"
        "import jieba\n"
        "calls = []\n"
        "original = jieba.Tokenizer.initialize\n"
        "jieba.Tokenizer.initialize = lambda self, *a, **k: (calls.append(1), original(self, *a, **k))\n"
        "from assistant.evidence import topic_nouns\n"
        "print(sorted(topic_nouns('罗素2000怎样重组')), len(calls))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["['罗素2000']", "0"]
