"""The one root of every error Caiwen raises on purpose.

Each kind carries a stable `code` (for API envelopes, logs and tests) and the `http_status` it maps to, so
the API has one handler instead of a table per package. `public_message` is what a caller may read: the
plain message by default; kinds whose message names paths, hosts or settings override it.
"""
from __future__ import annotations


class CaiwenError(Exception):
    code = "error"
    http_status = 500

    @property
    def public_message(self) -> str:
        return str(self) or self.code.replace("_", " ")
