"""Time named steps by wrapping the methods a run calls (time.perf_counter), for the benchmark scripts."""
from __future__ import annotations

import time
from collections import defaultdict


class StepTimer:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    def wrap(self, owner, name: str, step: str) -> None:
        """Replace `owner.name` with a version that adds its wall time to `step`."""
        inner = getattr(owner, name)

        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                self.seconds[step] += time.perf_counter() - started

        setattr(owner, name, timed)

    def reset(self) -> None:
        self.seconds.clear()
