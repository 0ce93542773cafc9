"""A span of time written beside two figures (「未來12個月預期本益比達到約22.5倍，高於…長期均值16.8倍」) is no third
figure: the two multiples are the pair the question compares. Documents written for this test, real chain."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

VALUATION = """# 大盤估值觀察

截至2026年9月，南嶺300指數的未來12個月預期本益比達到約22.5倍，高於自2005年以來的長期均值16.8倍。
北嶺中型指數的預期本益比約為14倍，過去30天成交額明顯放大。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("spans_beside_figures"), {"valuation.md": VALUATION}).ask


def test_a_span_of_months_is_not_a_figure_to_pair(ask):
    r = ask("南嶺300的預期本益比，比2005年以來的長期均值高出多少%？")
    assert [(f.name, round(f.value, 2)) for f in r.figures] == [("pct_change", 33.93)]
