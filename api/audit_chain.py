"""The audit record's hash chain, apart from any database: each row carries the SHA-256 of its canonical
JSON chained to the previous row's hash, so `caiwen audit verify` (on the database or on an export) finds the
first row that was changed, removed or slipped in — triggers do not stop someone with the database file
(SQLite's INSERT OR REPLACE deletes without firing them)."""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64  # the prev_hash of the first row
# Covered by each row's hash, in this canonical JSON: everything but the database id and the hash itself.
_HASHED = ("recorded_at", "conversation_id", "message_id", "channel", "endpoint", "question", "answer", "lang",
           "refused", "disclaimer", "citations", "figures", "composer", "model", "kind", "needs_review", "detail",
           "prev_hash")


def row_hash(row: dict[str, Any]) -> str:
    """SHA-256 of the row's canonical JSON (sorted keys, no spaces, UTF-8), chained through prev_hash."""
    canonical = json.dumps({k: row.get(k) for k in _HASHED}, sort_keys=True, ensure_ascii=False,
                           separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainReport:
    """The outcome of verifying a chain: ok, or the first broken link."""

    rows: int
    head: str
    broken_at: int | None = None  # the id (or line number of an export) of the first row that fails
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def verify_rows(rows: Iterable[dict[str, Any]], start: str | None = GENESIS) -> ChainReport:
    """Walk rows in order: each must name the previous row's hash and hash to its own row_hash. Rows from before
    the chain (no row_hash) are hashed here, so the first chained row vouches for them. `start=None` accepts the
    first row's prev_hash as given (an export that begins mid-chain)."""
    expected, count, chained = start, 0, False
    for count, row in enumerate(rows, start=1):
        where = row.get("id") or count
        if row.get("row_hash") is None:
            if chained:
                return ChainReport(count, expected or "", where, "a row without a hash after the chain began")
            expected = row_hash({**row, "prev_hash": expected})
            continue
        chained = True
        if expected is not None and row.get("prev_hash") != expected:
            return ChainReport(count, expected, where, "prev_hash does not match the previous row (a row was "
                               "removed, inserted or changed before this one)")
        if row_hash(row) != row["row_hash"]:
            return ChainReport(count, expected or "", where, "the row's content does not match its hash (changed)")
        expected = row["row_hash"]
    return ChainReport(count, expected or GENESIS)


def verify_export(lines: Iterable[str]) -> ChainReport:
    """Verify an exported JSON Lines file offline (`caiwen audit verify --file`). A file exported with --since
    starts mid-chain: its first row's prev_hash is taken as given."""
    return verify_rows((json.loads(line) for line in lines if line.strip()), start=None)
