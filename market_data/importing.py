"""`caiwen prices import FILE --symbol ^RUT`: read a CSV or Parquet file of daily bars, validate it, merge it
with what is stored, and replace the stored file atomically. A file that fails any check changes nothing.

Checks: a date and a close column; dates that parse, are unique and are NYSE sessions; closes present and
above zero (adjusted close optional, checked the same way when present). Rows in the wrong order are sorted;
gaps of more than five trading days are reported, not refused.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from market_data import calendar
from market_data.bars import MAX_LISTED, validate_bars
from market_data.errors import ImportValidationError
from market_data.providers.files import PriceStore
from market_data.symbols import symbol_for_storage

GAP_REPORT_SESSIONS = 5
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
PARQUET_SUFFIXES = (".parquet", ".pq")


@dataclass(frozen=True)
class Gap:
    after: date
    before: date
    missing_sessions: int


@dataclass
class ImportReport:
    symbol: str
    stored_path: Path
    source_name: str
    rows_in_file: int
    added: int
    updated: int
    unchanged: int
    total_rows: int
    first: date
    last: date
    gaps: list[Gap] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def read_table(path: Path) -> tuple[pd.DataFrame, callable]:
    """The file as an all-text table (CSV) or as stored (Parquet), and how to name its rows in messages."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise ImportValidationError(str(path), ["file not found"])
    try:
        if suffix in CSV_SUFFIXES:
            frame = pd.read_csv(path, dtype=str, encoding="utf-8-sig", sep="\t" if suffix == ".tsv" else ",",
                                skipinitialspace=True)
            return frame, lambda i: f"line {i + 2}"
        if suffix in PARQUET_SUFFIXES:
            return pd.read_parquet(path), lambda i: f"row {i + 1}"
    except pd.errors.EmptyDataError:
        raise ImportValidationError(str(path), ["the file is empty"]) from None
    except UnicodeDecodeError as exc:
        raise ImportValidationError(str(path), [f"not UTF-8 text ({exc.reason} at byte {exc.start})"]) from None
    except (pd.errors.ParserError, ValueError, OSError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ImportValidationError(str(path), [f"cannot be read as {suffix[1:]}: {first}"]) from None
    raise ImportValidationError(str(path), [f"unsupported file type {suffix or '(none)'}: use .csv or .parquet"])


def _session_problems(index: pd.DatetimeIndex) -> list[str]:
    closed = calendar.non_sessions(index)
    if len(closed) == 0:
        return []
    listed = ", ".join(f"{d.date()} ({calendar.why_closed(d)})" for d in closed[:MAX_LISTED])
    more = f" and {len(closed) - MAX_LISTED} more" if len(closed) > MAX_LISTED else ""
    return [f"{len(closed)} date(s) that are not NYSE trading days: {listed}{more}"]


def find_gaps(index: pd.DatetimeIndex, over: int = GAP_REPORT_SESSIONS) -> list[Gap]:
    if len(index) < 2:
        return []
    missing = calendar.missing_sessions(index)
    where = np.flatnonzero(missing > over)
    return [Gap(index[i].date(), index[i + 1].date(), int(missing[i])) for i in where]


def _merge(old: pd.DataFrame, new: pd.DataFrame) -> tuple[pd.DataFrame, int, int, int]:
    """New rows win on shared dates. Returns (merged, added, updated, unchanged)."""
    shared = new.index.intersection(old.index)
    added = len(new) - len(shared)
    same = np.isclose(old.loc[shared, "close"].to_numpy(), new.loc[shared, "close"].to_numpy(), rtol=0, atol=1e-9)
    merged = pd.concat([old.drop(index=shared), new]).sort_index()
    return merged, added, int((~same).sum()), int(same.sum())


def import_prices(path: Path | str, symbol: str, prices_dir: Path, replace: bool = False) -> ImportReport:
    path = Path(path)
    symbol = symbol_for_storage(symbol)
    raw, row_label = read_table(path)
    checked = validate_bars(raw, row_label)
    problems = list(checked.problems)
    if not problems:
        problems += _session_problems(checked.bars.index)
    if problems:
        raise ImportValidationError(str(path), problems)
    new = checked.bars
    notes = list(checked.notes)

    store = PriceStore(prices_dir)
    sources: list[str] = []
    if store.exists(symbol) and not replace:
        current = store.read(symbol)
        sources = store.info(symbol).sources
        old = current.bars
        for col in sorted(set(old.columns) ^ set(new.columns)):
            notes.append(f"column {col} is only in the {'stored' if col in old.columns else 'new'} data; "
                         "other rows have it empty")
        merged, added, updated, unchanged = _merge(old, new)
    else:
        merged, added, updated, unchanged = new, len(new), 0, 0
        if store.exists(symbol):
            notes.append("replaced the stored series")
    if len(merged) == 1:
        notes.append("only one row stored: changes, volatility and drawdowns need at least two")
    info = store.write(symbol, merged, sources + [path.name])
    return ImportReport(
        symbol=symbol, stored_path=info.path, source_name=path.name, rows_in_file=len(new), added=added,
        updated=updated, unchanged=unchanged, total_rows=len(merged), first=merged.index[0].date(),
        last=merged.index[-1].date(), gaps=find_gaps(merged.index), notes=notes,
    )
