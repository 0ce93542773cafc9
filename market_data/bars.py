"""Turn a raw table (a CSV or Parquet file, a quote service's answer) into validated daily bars.

Shared by the importer and the http provider, so a file and a feed are held to the same rules: a date and a
close column, dates that parse and do not repeat, closes that are numbers above zero.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

# Column names seen in broker exports, Yahoo/Stooq downloads and Chinese-language sheets.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "date": ("date", "day", "datetime", "timestamp", "time", "trade_date", "tradedate", "日期", "交易日"),
    "close": ("close", "close_price", "closeprice", "last", "price", "level", "收市", "收市价", "收盘",
              "收盘价", "收市價", "收盤價", "收盤"),
    "adj_close": ("adj_close", "adjclose", "adj close", "adjusted_close", "adjusted close", "adj_close_price",
                  "复权收盘价", "調整後收盤價"),
    "open": ("open", "开盘", "開盤", "开市", "開市"),
    "high": ("high", "最高"),
    "low": ("low", "最低"),
    "volume": ("volume", "vol", "成交量"),
}
PRICE_COLUMNS = ("close", "adj_close", "open", "high", "low")
MAX_LISTED = 5  # examples per problem; the count says how many more


@dataclass
class ValidatedBars:
    bars: pd.DataFrame  # empty when problems is non-empty
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _key(name: object) -> str:
    return re.sub(r"[\s_\-.]+", "_", str(name).strip().lower()).strip("_")


def _listing(labels: list[str]) -> str:
    shown = ", ".join(labels[:MAX_LISTED])
    more = len(labels) - MAX_LISTED
    return f"{shown} and {more} more" if more > 0 else shown


def standardize_columns(raw: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Rename known columns to date/close/adj_close/open/high/low/volume; other columns are dropped."""
    lookup = {_key(alias): canonical for canonical, aliases in COLUMN_ALIASES.items() for alias in aliases}
    renamed: dict[object, str] = {}
    for col in raw.columns:
        canonical = lookup.get(_key(col))
        if canonical and canonical not in renamed.values():
            renamed[col] = canonical
    problems = []
    for needed in ("date", "close"):
        if needed not in renamed.values():
            problems.append(
                f"no {needed} column (found: {', '.join(map(str, raw.columns)) or 'none'}; "
                f"expected one of: {', '.join(COLUMN_ALIASES[needed][:6])})"
            )
    return raw[list(renamed)].rename(columns=renamed), problems


def _to_number(col: pd.Series) -> pd.Series:
    if col.dtype == object or pd.api.types.is_string_dtype(col):
        col = col.astype("string").str.replace(",", "", regex=False).str.strip()
    return pd.to_numeric(col, errors="coerce").astype("float64")


def _parse_dates(col: pd.Series) -> pd.Series:
    """ISO dates in one vectorized pass; anything else (01/02/2025, Jan 2 2025) element by element."""
    iso = pd.to_datetime(col, errors="coerce", format="ISO8601")
    if not iso.isna().any():
        return iso
    return pd.to_datetime(col, errors="coerce", format="mixed")


def validate_bars(raw: pd.DataFrame, row_label=lambda i: f"row {i + 1}") -> ValidatedBars:
    """Validate and normalize a raw table; `row_label(i)` names the i-th data row in messages."""
    out = ValidatedBars(bars=pd.DataFrame())
    if raw is None or len(raw) == 0:
        out.problems.append("no rows of prices")
        return out
    table, problems = standardize_columns(raw)
    if problems:
        out.problems += problems
        return out
    table = table.reset_index(drop=True)

    dates = _parse_dates(table["date"])
    if getattr(dates.dt, "tz", None) is not None:
        dates = dates.dt.tz_localize(None)
    bad = np.flatnonzero(dates.isna().to_numpy())
    if len(bad):
        out.problems.append(
            f"{len(bad)} date(s) that do not parse: " + _listing([f"{row_label(i)} ({table['date'].iloc[i]!r})" for i in bad])
        )
    dates = dates.dt.normalize()

    for col in [c for c in ("close", "adj_close", "open", "high", "low", "volume") if c in table]:
        table[col] = _to_number(table[col])
    missing = np.flatnonzero(table["close"].isna().to_numpy())
    if len(missing):
        out.problems.append(f"{len(missing)} missing or non-numeric close(s) (NaN): "
                            + _listing([row_label(i) for i in missing]))
    for col in [c for c in PRICE_COLUMNS if c in table]:
        values = table[col].to_numpy()
        nonpos = np.flatnonzero(values <= 0)
        if len(nonpos):
            out.problems.append(f"{len(nonpos)} {col} value(s) not above zero: "
                                + _listing([f"{row_label(i)} ({values[i]:g})" for i in nonpos]))
    if "adj_close" in table:
        gaps = np.flatnonzero(table["adj_close"].isna().to_numpy())
        if len(gaps) == len(table):
            table = table.drop(columns="adj_close")
        elif len(gaps):
            out.problems.append(f"{len(gaps)} missing adj_close value(s) (leave the column out or fill it): "
                                + _listing([row_label(i) for i in gaps]))

    valid_dates = dates.dropna()
    dup_mask = valid_dates.duplicated(keep=False)
    if dup_mask.any():
        dups = sorted({d.date().isoformat() for d in valid_dates[dup_mask]})
        out.problems.append(f"{len(dups)} duplicate date(s): " + _listing(dups))
    if out.problems:
        return out

    table["date"] = dates
    if not table["date"].is_monotonic_increasing:
        order = "newest first" if table["date"].is_monotonic_decreasing else "out of order"
        out.notes.append(f"rows were {order}; sorted by date")
        table = table.sort_values("date", kind="stable")
    out.bars = table.set_index("date").rename_axis("date")
    return out
