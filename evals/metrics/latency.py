"""Latency percentiles over the per-item wall-clock times of `ask()`."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def percentile(values_ms: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0-100, linear interpolation); None when there is nothing to measure."""
    if not values_ms:
        return None
    return float(np.percentile(np.asarray(values_ms, dtype=float), q))


def latency_summary(values_ms: Sequence[float]) -> dict[str, float | None]:
    return {
        "latency_p50_ms": percentile(values_ms, 50),
        "latency_p95_ms": percentile(values_ms, 95),
    }
