"""Deterministic price series on the real NYSE calendar, written as real CSV files."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from market_data.calendar import sessions


def session_days(start: str, end: str) -> pd.DatetimeIndex:
    days = sessions()
    return days[(days >= pd.Timestamp(start)) & (days <= pd.Timestamp(end))]


def series(values, start: str = "2025-01-02", name: str = "^TEST") -> pd.Series:
    """`values` on consecutive NYSE sessions from `start`."""
    days = sessions()
    days = days[days >= pd.Timestamp(start)][: len(values)]
    return pd.Series(np.asarray(values, dtype="float64"), index=pd.DatetimeIndex(days, name="date"), name=name)


def write_csv(path: Path, rows: list[tuple[str, object]], header: str = "date,close") -> Path:
    path.write_text(header + "\n" + "\n".join(f"{d},{c}" for d, c in rows) + "\n", encoding="utf-8")
    return path


def geometric_csv(path: Path, start: str, end: str, first: float, daily: float) -> tuple[Path, pd.Series]:
    """close_i = first * daily**i on every session in [start, end]."""
    days = session_days(start, end)
    closes = first * daily ** np.arange(len(days))
    frame = pd.DataFrame({"date": days.date, "close": np.round(closes, 6)})
    frame.to_csv(path, index=False)
    return path, pd.Series(np.round(closes, 6), index=days, name="close")


@pytest.fixture
def settings(tmp_path: Path, monkeypatch):
    from caiwen.config import Settings

    monkeypatch.setenv("CAIWEN_DATA_DIR", str(tmp_path / "data"))
    return Settings(data_dir=tmp_path / "data")


@pytest.fixture
def make_csv(tmp_path: Path) -> Callable[..., Path]:
    def make(name: str, rows: list[tuple[str, object]], header: str = "date,close") -> Path:
        return write_csv(tmp_path / name, rows, header)

    return make
