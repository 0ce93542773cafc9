"""Per-IP rate limit for keyless browser (widget) calls, on the `limits` library that slowapi is built on.

slowapi's decorators limit a route for every caller; here only the widget channel is limited (support
tools authenticate with keys), so the check runs inside the auth dependency instead. The storage URI
(`memory://` by default, `redis://…` when several instances must share counts) comes from the service configuration (CAIWEN_RATE_LIMIT_STORAGE).
"""
from __future__ import annotations

import math
import time

from limits import parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from caiwen.metrics import RATE_LIMITED


class WidgetRateLimiter:
    def __init__(self, limit: str, storage_uri: str = "memory://") -> None:
        self.item = parse(limit)  # raises ValueError on a malformed limit: fail at start-up, not per call
        self._limiter = MovingWindowRateLimiter(storage_from_string(storage_uri))

    def hit(self, client_ip: str) -> tuple[bool, int]:
        """Count one call; returns (allowed, seconds until a slot frees up)."""
        if self._limiter.hit(self.item, "widget", client_ip):
            return True, 0
        RATE_LIMITED.inc()
        stats = self._limiter.get_window_stats(self.item, "widget", client_ip)
        return False, max(1, math.ceil(stats.reset_time - time.time()))
