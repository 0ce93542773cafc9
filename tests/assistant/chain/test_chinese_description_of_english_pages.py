"""A Chinese question that describes its subject in words only an English page writes, in English (「这个亚洲半导体指数」:
Asia, semiconductor), beside Chinese pages on other things: the words the knowledge base never writes in Chinese
but writes in the general dictionary's English are neither unknown topics nor unknown names, and retrieval
searches their English, so the English page answers. Documents written for this test, real chain."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

FACTSHEET = """# Orchid Asia Semiconductor Select Index — Methodology Summary

The Orchid Asia Semiconductor Select Index tracks 25 semiconductor companies listed in Asian markets.

## Rebalancing

The index is reviewed and rebalanced quarterly, in March, June, September and December. At each rebalancing a
single company's weight is capped at 12% and a single market's weight at 45%.
"""

FUND = """# 澄岳货币市场基金季度报告

本基金为货币市场基金，主要投资于银行存款、同业存单及短期债券，报告期末七日年化收益率为1.45%。

| 项目 | 内容 |
|---|---|
| 基金经理 | 林澄 |
| 托管人 | 澄岳银行 |
"""

BROKER = """# 朗峰證券孖展指南

孖展戶口可以股票作抵押借錢買賣港股，市場波動時或須補倉。恒生指數成份股按倉比率為70%。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("english_pages"),
                          {"orchid.md": FACTSHEET, "fund.md": FUND, "broker.md": BROKER}).ask


def test_a_chinese_description_reaches_the_english_page(ask):
    r = ask("这个亚洲半导体指数多久调整一次？单一公司的权重上限是多少？")
    assert not r.refused
    assert "Orchid Asia Semiconductor Select Index — Methodology Summary" in {c.title for c in r.citations}
    assert "12%" in r.answer
