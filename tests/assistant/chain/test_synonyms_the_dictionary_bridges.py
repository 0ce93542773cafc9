"""A question naming the thing it asks in a word the sources do not use, where the bilingual dictionary glosses both
words alike and they share a character (比重 and 比例: "proportion"; 赎回 and 買回: "redeem"): the sources' word is the
asker's thing, so the question is answered, not refused. Documents written for this test, real chain."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

FUND = """# 岑霖全球科技基金：公開說明書摘要

## 投資範圍

本基金投資於科技類股票之比例上限為淨資產價值之70%，現金及約當現金比例不低於5%。

## 買回

受益人申請買回者，買回價金於買回日之次5個營業日內給付，匯費由受益人負擔。

## 經理費

經理費為每年淨資產價值之1.60%，每日計算。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("synonyms"), {"fund.md": FUND}).ask


def test_the_askers_word_for_a_figure_meets_the_sources_word(ask):
    r = ask("岑霖全球科技基金投資科技股的比重上限是多少？")
    assert not r.refused, r.answer
    assert "70%" in r.answer


def test_a_thing_the_sources_never_name_in_any_word_is_still_refused(ask):
    assert ask("岑霖全球科技基金的申購手續費率是多少？").refused
