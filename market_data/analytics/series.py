"""Checks every analytic runs on its input before computing anything."""
from __future__ import annotations

import numpy as np
import pandas as pd

from market_data.errors import BadDataError, InsufficientDataError


def checked_close(close: pd.Series, min_rows: int = 1, what: str = "this figure") -> pd.Series:
    """`close` as float, after refusing NaNs, non-positive values, unsorted or repeated dates, short series."""
    name = str(close.name or "series")
    if not isinstance(close.index, pd.DatetimeIndex):
        raise BadDataError(f"{name}: prices must be indexed by date")
    values = close.to_numpy(dtype="float64", na_value=np.nan)
    nan = np.flatnonzero(np.isnan(values))
    if len(nan):
        days = ", ".join(close.index[i].date().isoformat() for i in nan[:5])
        raise BadDataError(f"{name}: {len(nan)} missing (NaN) close(s), e.g. {days}")
    nonpos = np.flatnonzero(values <= 0)
    if len(nonpos):
        days = ", ".join(close.index[i].date().isoformat() for i in nonpos[:5])
        raise BadDataError(f"{name}: close not above zero on {days}")
    if not close.index.is_monotonic_increasing or close.index.has_duplicates:
        raise BadDataError(f"{name}: dates must be sorted and unique")
    if len(values) < min_rows:
        have = "no rows" if len(values) == 0 else f"only {len(values)} row{'s' if len(values) > 1 else ''}"
        raise InsufficientDataError(f"{name}: {what} needs at least {min_rows} daily closes, {have}",
                                    name, len(values))
    return close if close.dtype == "float64" else close.astype("float64")
