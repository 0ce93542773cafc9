"""A clause in which the asker tells a figure of their own (「董事會公布每10股派2元」) is their premise: its words need
not be in the sources, as long as what the question asks is. Document written for this test, real chain."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

FAQ = """# 嶺東證券滬股通常見問題

## 股息點樣處理？

A股上市公司派發現金股息時，會代扣10%股息稅，本行收到後以人民幣存入客戶戶口。

## 買賣有咩收費？

經紀佣金為成交金額0.08%，最低人民幣50元。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("asker_premises"), {"faq.md": FAQ}).ask


def test_the_askers_own_premise_need_not_be_in_the_sources(ask):
    r = ask("我經嶺東持有澄江科技5000股，董事會公布每10股派2元，股息要代扣幾多稅？")
    assert not r.refused and "10%" in r.answer


def test_what_the_question_asks_must_still_be_in_the_sources(ask):
    assert ask("我經嶺東持有澄江科技5000股，董事會公布每10股派2元，孖展利率係幾多？").refused
