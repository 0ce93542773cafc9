"""The advice-wording set (evals/advice_wording/questions.tsv): customer questions labelled `advice` (asks for
a buy/sell/hold/timing/allocation call or a price prediction) or `fact`, for measuring the advice detector.

Each row's split is fixed by its id alone (SHA-256, first byte even → dev, odd → heldout), so it does not
move when rows are added and nobody chooses it. Tune on dev; read heldout only as aggregates.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from evals.split import id_hash_byte

DEFAULT_PATH = Path(__file__).resolve().parent / "advice_wording" / "questions.tsv"
COLUMNS = ("id", "split", "lang", "label", "question", "note")
LABELS = ("advice", "fact")
SPLITS = ("dev", "heldout")
LANGS = ("zh-Hans", "zh-Hant", "en")


@dataclass(frozen=True)
class WordingItem:
    id: str
    split: str
    lang: str
    label: str
    question: str
    note: str


class AdviceSetError(ValueError):
    """The TSV is malformed; the message names the file and line."""


def split_of(item_id: str) -> str:
    return "dev" if id_hash_byte(item_id) % 2 == 0 else "heldout"


def load_items(path: Path = DEFAULT_PATH) -> list[WordingItem]:
    """Every row, checked; raises AdviceSetError listing every bad line (not only the first)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise AdviceSetError(f"{path}: cannot read: {exc}") from exc
    if not lines or tuple(lines[0].split("\t")) != COLUMNS:
        raise AdviceSetError(f"{path}:1: header must be {'<TAB>'.join(COLUMNS)}")
    items: list[WordingItem] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != len(COLUMNS):
            errors.append(f"{path}:{number}: {len(fields)} tab-separated fields, expected {len(COLUMNS)}")
            continue
        item = WordingItem(*(f.strip() for f in fields))
        problems = []
        if not item.id:
            problems.append("empty id")
        elif item.id in seen:
            problems.append(f"id {item.id!r} already used on line {seen[item.id]}")
        if item.label not in LABELS:
            problems.append(f"label {item.label!r} is not one of {', '.join(LABELS)}")
        if item.lang not in LANGS:
            problems.append(f"lang {item.lang!r} is not one of {', '.join(LANGS)}")
        if item.split not in SPLITS:
            problems.append(f"split {item.split!r} is not one of {', '.join(SPLITS)}")
        elif item.id and item.split != split_of(item.id):
            problems.append(f"split {item.split!r} disagrees with the id hash ({split_of(item.id)!r})")
        if not item.question:
            problems.append("empty question")
        if problems:
            errors.extend(f"{path}:{number}: {p}" for p in problems)
            continue
        seen[item.id] = number
        items.append(item)
    if errors:
        raise AdviceSetError("\n".join(errors))
    return items
