"""A comparison with no operation word ("higher or lower?") of two rows of one table gets their difference;
figures of two different sentences are not paired that way. Documents written for this test, real chain."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

FACT_SHEET = """# Larkmoor Income ETF (LKIN) - Fact sheet

Data as of September 30, 2026.

## Yields

| Measure | Value |
|---|---|
| Distribution rate | 4.59% |
| 30-day SEC yield | 3.86% |

The distribution rate annualizes the latest monthly distribution; the SEC yield reflects net investment income.
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("compared_rows"), {"lkin.md": FACT_SHEET}).ask


def test_two_rows_compared_give_their_difference(ask):
    r = ask("Is LKIN's 30-day SEC yield higher or lower than its distribution rate?")
    assert [(f.name, round(f.value, 2)) for f in r.figures] == [("difference", 0.73)]
    assert "4.59%" in r.answer and "3.86%" in r.answer
