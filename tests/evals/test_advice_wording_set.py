"""The advice-wording set: the committed TSV is well formed and balanced; a malformed file is rejected with
every bad line named; the benchmark prints dev misclassifications and never a heldout row."""
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from evals.advice_set import COLUMNS, DEFAULT_PATH, LABELS, LANGS, SPLITS, AdviceSetError, load_items, split_of

REPO = Path(__file__).resolve().parents[2]
HEADER = "\t".join(COLUMNS)


def _write(tmp_path: Path, rows: list[str], header: str = HEADER) -> Path:
    path = tmp_path / "q.tsv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def _id_in(split: str, prefix: str) -> str:
    return next(f"{prefix}-{n}" for n in range(1000) if split_of(f"{prefix}-{n}") == split)


SECOND_SET = DEFAULT_PATH.parent.parent / "advice_wording2" / "questions.tsv"


@pytest.mark.parametrize("path, at_least", [(DEFAULT_PATH, 200), (SECOND_SET, 180)])
def test_committed_sets_parse_with_valid_unique_fields(path, at_least):
    items = load_items(path)
    assert len(items) >= at_least
    assert len({i.id for i in items}) == len(items)
    assert {i.label for i in items} == set(LABELS)
    assert {i.lang for i in items} == set(LANGS)
    assert {i.split for i in items} == set(SPLITS)
    assert all(i.split == split_of(i.id) for i in items)
    by_lang = Counter(i.lang for i in items)
    assert all(len(items) / 4 <= n <= len(items) / 2 for n in by_lang.values()), by_lang
    for lang in LANGS:  # advice and fact look-alikes roughly balanced in every language
        labels = Counter(i.label for i in items if i.lang == lang)
        assert 0.4 <= labels["advice"] / by_lang[lang] <= 0.6, (lang, labels)
    assert all(0.4 <= n / len(items) <= 0.6 for n in Counter(i.split for i in items).values())


def test_split_depends_on_the_id_only():
    assert split_of("aw-en-001") == split_of("aw-en-001")
    assert {split_of(f"x-{n}") for n in range(50)} == {"dev", "heldout"}


def test_every_bad_line_is_reported_with_its_number(tmp_path):
    ok = _id_in("dev", "ok")
    wrong_split = "heldout" if split_of("w1") == "dev" else "dev"
    path = _write(tmp_path, [
        f"{ok}\tdev\ten\tadvice\tShould I buy?\t",
        f"{ok}\tdev\ten\tfact\tdup id\t",
        "short\tdev\ten\tfact",
        f"{_id_in('dev', 'l')}\tdev\tfr\tfact\tQuestion?\t",
        f"{_id_in('dev', 'b')}\tdev\ten\topinion\tQuestion?\t",
        f"w1\t{wrong_split}\ten\tfact\tQuestion?\t",
        f"{_id_in('dev', 'e')}\tdev\ten\tfact\t \t",
    ])
    with pytest.raises(AdviceSetError) as err:
        load_items(path)
    message = str(err.value)
    for line, reason in ((3, "already used on line 2"), (4, "4 tab-separated fields"), (5, "lang 'fr'"),
                         (6, "label 'opinion'"), (7, "disagrees with the id hash"), (8, "empty question")):
        assert f"q.tsv:{line}: " in message and reason in message, (line, reason, message)
    assert "q.tsv:2:" not in message


def test_bad_header_and_unreadable_file_are_named(tmp_path):
    with pytest.raises(AdviceSetError, match="header must be"):
        load_items(_write(tmp_path, [], header="id\tquestion"))
    with pytest.raises(AdviceSetError, match="cannot read"):
        load_items(tmp_path / "missing.tsv")
    binary = tmp_path / "bin.tsv"
    binary.write_bytes(b"\xff\xfe\x00id")
    with pytest.raises(AdviceSetError, match="cannot read"):
        load_items(binary)


def _bench(tsv: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "benchmarks" / "advice_wording.py"), "--tsv", str(tsv)],
                          cwd=REPO, capture_output=True, text=True, timeout=120)


def test_benchmark_prints_dev_errors_and_hides_heldout_rows(tmp_path):
    # Labels deliberately wrong, so the real detector misclassifies both rows.
    dev_q, held_q = "What is the lot size of HSBC shares?", "What are the trading hours of the Hong Kong market?"
    path = _write(tmp_path, [f"{_id_in('dev', 'd')}\tdev\ten\tadvice\t{dev_q}\tmislabelled",
                             f"{_id_in('heldout', 'h')}\theldout\ten\tadvice\t{held_q}\tmislabelled"])
    run = _bench(path)
    assert run.returncode == 0, run.stderr
    assert dev_q in run.stdout and "missed advice" in run.stdout
    assert held_q not in run.stdout
    assert "| heldout all | 1 | 1 | " in run.stdout and run.stdout.count("| 0.000 |") >= 2


def test_benchmark_exits_2_on_a_malformed_file(tmp_path):
    run = _bench(_write(tmp_path, ["only\ttwo"]))
    assert run.returncode == 2
    assert "q.tsv:2: 2 tab-separated fields" in run.stderr


def test_default_path_is_the_committed_file():
    assert DEFAULT_PATH == REPO / "evals" / "advice_wording" / "questions.tsv"


def test_benchmark_exits_2_when_the_data_dir_is_missing(tmp_path):
    run = subprocess.run([sys.executable, str(REPO / "benchmarks" / "advice_wording.py"), "--data-dir",
                          str(tmp_path / "nowhere")], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert "nowhere: not a directory" in run.stderr
