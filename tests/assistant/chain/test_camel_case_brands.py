"""A Chinese question naming an English page's product in CamelCase (「CareShield嘅…」) is answered from that page,
though Chinese pages share more of its words; a CamelCase tool the sources name only in Chinese (FedWatch) is no
name they lack. Documents written for this test, real chain."""
from __future__ import annotations

import pytest

from assistant.evidence import brand_names, english_names
from assistant.subject_hits import identifiers
from tests.conftest import assistant_over

PLAN_PAGE = """<html><head><title>Harlowe Insurance | CareShield Hospital Plan</title></head><body>
<nav>Home | Health | Claims | Contact</nav>
<h1>CareShield Hospital Plan: what changes in 2041</h1>
<p>Harlowe Insurance is revising the premiums and benefit limits of the CareShield Hospital Plan from 1 April 2041.</p>
<table><tr><th>Item</th><th>Current</th><th>New</th></tr>
<tr><td>Room and board, per day</td><td>HK$900</td><td>HK$1,150</td></tr>
<tr><td>Annual benefit limit</td><td>HK$500,000</td><td>HK$650,000</td></tr>
</table>
<footer>Harlowe Insurance (Hong Kong) Limited</footer></body></html>
"""

BANK_NOTICE = """# 嵐岸銀行住院現金保障計劃保費調整通知

本行代理之住院現金保障計劃，保費每年HK$1,280，住院每日現金津貼HK$300，每年最多賠償90日。
保單持有人可於每年保單周年日更改保障額。
"""

LOAN_NOTICE = """# 嵐岸銀行私人貸款每日利息及上限

私人貸款每日利息按年利率÷365計算，每人貸款上限為月薪12倍，最高HK$800,000。
"""


# Chinese pages sharing the question's words (住院, 房間, 每日, 上限), which outrank the English page on them
OTHERS = {
    f"ward{k}.md": f"# 嵐岸醫療保障計劃{k}號\n\n住院房間每日上限HK${k}00，調整後每日上限HK${k}50，住院每年上限{k}0日。\n"
    for k in range(3, 9)
}


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    docs = {"plan.html": PLAN_PAGE, "hospital.md": BANK_NOTICE, "loan.md": LOAN_NOTICE, **OTHERS}
    return assistant_over(tmp_path_factory.mktemp("camel"), docs).ask


def test_a_camel_case_word_is_a_brand_to_prefer_not_a_name_to_require():
    assert "careshield" in identifiers("CareShield嘅房間每日上限係幾多？")
    assert "fedwatch" in brand_names("CME FedWatch当时显示10月降息概率多少?")
    assert "fedwatch" not in english_names("CME FedWatch当时显示10月降息概率多少?")


def test_a_chinese_question_on_a_camel_case_product_reads_its_english_page(ask):
    r = ask("CareShield改咗之後，住院房間每日上限係幾多？")
    assert not r.refused
    assert "HK$1,150" in r.answer
