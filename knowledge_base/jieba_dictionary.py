"""jieba's dictionary as an SQLite file read word by word, so a cold process segments a question without
first loading 350,000 words.

Loading the dictionary (its prefix table, 0.8 s) and the part-of-speech tags (0.7 s) was 60 % of a cold
`caiwen ask`. A question needs a few hundred of those entries. The first process on a machine builds the
file from a fully loaded tokenizer (finance dictionary included, about 3 s) into the temp directory, as
jieba does with its own cache; every later process looks words up as it meets them and remembers them.
The segmentation is jieba's own code over the same frequencies, so tokens are identical (tested).
"""
from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import sys
import tempfile
import threading
from contextlib import closing
from pathlib import Path
from typing import Callable, Iterator

import jieba
from cachetools import LRUCache

log = logging.getLogger(__name__)

_FORMAT = "1"
_MISSING = object()


class LookupTable:
    """One column of the word table (frequency or tag) as the read-mostly mapping jieba expects: `in`, `[]`,
    `get`, and writes (jieba's `add_word`) kept in memory. Looked-up words, found or not, are remembered."""

    def __init__(self, connection: sqlite3.Connection, lock: threading.Lock, column: str, remembered: int = 400_000):
        self._connection = connection
        self._lock = lock
        self._sql = f"SELECT {column} FROM words WHERE word = ?"
        self._seen: LRUCache = LRUCache(maxsize=remembered)
        self._written: dict[str, object] = {}

    def _lookup(self, word: str) -> object:
        if word in self._written:
            return self._written[word]
        value = self._seen.get(word, _MISSING)
        if value is _MISSING:
            with self._lock:
                row = self._connection.execute(self._sql, (word,)).fetchone()
            value = row[0] if row else None
            self._seen[word] = value
        return value

    def get(self, word: str, default: object = None) -> object:
        value = self._lookup(word)
        return default if value is None else value

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._lookup(word) is not None

    def __getitem__(self, word: str) -> object:
        value = self._lookup(word)
        if value is None:
            raise KeyError(word)
        return value

    def __setitem__(self, word: str, value: object) -> None:
        self._written[word] = value

    def update(self, other: dict[str, object]) -> None:
        self._written.update(other)

    def __iter__(self) -> Iterator[str]:  # jieba never iterates; refusing beats a silent partial view
        raise TypeError("the on-disk jieba dictionary is not iterable")


def _fingerprint(extra_words: bytes) -> str:
    digest = hashlib.sha256(f"{_FORMAT}|{jieba.__version__}|".encode() + extra_words)
    return digest.hexdigest()[:16]


def dictionary_path(extra_words: bytes, directory: Path | None = None) -> Path:
    folder = directory or Path(tempfile.gettempdir())
    return folder / f"caiwen-jieba-{_fingerprint(extra_words)}.sqlite"


def build(path: Path, frequencies: dict[str, int], total: int, tags: dict[str, str]) -> None:
    """Write the table to a partial file, then rename: a failed or killed build leaves no half file behind."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    try:
        with closing(sqlite3.connect(partial)) as connection, connection:
            connection.execute(
                "CREATE TABLE words (word TEXT PRIMARY KEY, freq INTEGER NOT NULL, tag TEXT) WITHOUT ROWID")
            connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            connection.executemany("INSERT INTO words VALUES (?, ?, ?)",
                                   ((word, freq, tags.get(word)) for word, freq in frequencies.items()))
            connection.execute("INSERT INTO meta VALUES ('total', ?)", (str(total),))
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, path)


def lazy_tokenizer(path: Path) -> tuple[jieba.Tokenizer, LookupTable]:
    """A jieba tokenizer whose frequencies are read from `path` on demand, and the matching tag table."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    lock = threading.Lock()
    (total,) = connection.execute("SELECT value FROM meta WHERE key = 'total'").fetchone()
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ = LookupTable(connection, lock, "freq")
    tokenizer.total = int(total)
    tokenizer.initialized = True
    return tokenizer, LookupTable(connection, lock, "tag")


def load(extra_words: bytes, full_load: Callable[[], tuple[jieba.Tokenizer, dict[str, str]]],
         directory: Path | None = None) -> tuple[jieba.Tokenizer, LookupTable | dict[str, str]]:
    """The on-disk tokenizer, building its file first when this machine has none. `full_load` gives a loaded
    tokenizer and its tags; when the file can be neither read nor written, its result is used as it is."""
    path = dictionary_path(extra_words, directory)
    try:
        if not path.exists():
            tokenizer, tags = full_load()
            build(path, tokenizer.FREQ, tokenizer.total, tags)
        return lazy_tokenizer(path)
    except (OSError, sqlite3.Error) as error:
        log.warning("jieba dictionary file %s unusable (%s); loading the dictionary into memory", path, error)
        return full_load()


def default_word_tags() -> dict[str, str]:
    """The part-of-speech tag of every word of jieba's main dictionary (what `jieba.posseg` loads at import)."""
    tags: dict[str, str] = {}
    with jieba.dt.get_dict_file() as lines:
        for raw in lines:
            parts = raw.strip().decode("utf-8").split(" ")
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
    return tags


def import_posseg(tags: LookupTable | dict[str, str]):
    """`jieba.posseg` without the 0.7 s its import spends reading every word's tag: the module's default
    tagger gets `tags` instead (the same words and tags, looked up on demand)."""
    if "jieba.posseg" in sys.modules:
        return sys.modules["jieba.posseg"]
    saved = jieba.dt.dictionary
    jieba.dt.dictionary = os.devnull  # posseg reads its tags from jieba.dt's dictionary file at import
    try:
        import jieba.posseg as posseg
    finally:
        jieba.dt.dictionary = saved
    posseg.dt.word_tag_tab = tags
    return posseg
