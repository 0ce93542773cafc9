"""Fixtures for the security and fault tests: the API harness of tests/api (real uvicorn, keys, settings)."""
from __future__ import annotations

import sys
from pathlib import Path

# tests/api is a rootdir-less folder whose helpers import each other by bare name.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "api"))
