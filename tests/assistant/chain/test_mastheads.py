"""A page's masthead (who published it, when it was updated, a code, fields run together on one line) answers when
the page was written, not what it says: it takes no quote slot from a question on the page's content. Documents
written for this test, real chain."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

PAGE = """<html><body>
<h1>Index futures at Brackenfield Futures</h1>
<p>Brackenfield Futures Limited (SFC CE No. QXT882) · Page updated Tuesday 4 April 2028 · New commission rates apply from Monday 1 May 2028</p>
<h2>Contracts</h2>
<p>The Brackenfield 40 Index Futures (BFX) are worth HK$40 per index point.</p>
<p>The initial margin for one BFX contract is HK$96,000 and the maintenance margin is HK$76,800.</p>
<h2>Commission</h2>
<p>Online commission on BFX is HK$26 per contract per side; phone orders cost HK$55.</p>
</body></html>
"""

NOTICE = """# 嵐匯證券基金定投費用說明

刊印日期：2028年3月　｜　資料日期：2028年2月29日　｜　公告字號：嵐匯第0318號

每月定投最低扣款金額為人民幣300元，扣款日可選每月5日、15日或25日。
定投申購費率為1.0%，經嵐匯App提交的享1折優惠。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("mastheads"), {"futures.html": PAGE, "notice.md": NOTICE}).ask


def test_a_question_on_the_page_s_content_is_not_answered_with_its_masthead(ask):
    r = ask("Brackenfield的BFX期貨開倉要幾多按金？網上佣金幾錢？")
    assert not r.refused
    assert "QXT882" not in r.answer and "Page updated" not in r.answer
    assert "HK$96,000" in r.answer
    r = ask("嵐匯的定投每月最少扣多少錢？")
    assert not r.refused and "300" in r.answer and "公告字號" not in r.answer


def test_when_the_page_was_updated_is_answered_from_its_masthead(ask):
    r = ask("When was Brackenfield's futures page last updated?")
    assert not r.refused and "4 April 2028" in r.answer


@pytest.mark.parametrize("line, masthead", [
    ("Brackenfield Futures Limited (SFC CE No. QXT882) · Page updated Tuesday 4 April 2028", True),
    ("刊印日期：2028年3月　｜　資料日期：2028年2月29日", True),
    ("公告日期:2028年2月14日(一)|优惠生效日:2028年3月1日(三)", True),
    ("最後更新：2026年8月3日", False),  # a date line alone: no fields run together
    ("The fund's prospectus was updated in 2026 to allow bonds.", False),
])
def test_masthead_lines(line, masthead):
    from assistant.composers.extractive_candidates import is_masthead

    assert is_masthead(line) is masthead


@pytest.mark.parametrize("line, dateline", [
    ("**PERTH, 6 August 2026** – Corvane Marine Group Limited today announced its results", True),
    ("HONG KONG, March 3, 2027 /PRNewswire/ -- Keldar Holdings announced", True),
    ("新华社上海8月6日电 沪深两市今日", True),
    ("本報訊 嵐匯證券昨日公布", True),
    ("The dividend is paid on 6 August 2026 – net of tax.", False),
    ("ETF (Exchange Traded Fund) - a fund traded on an exchange", False),
    ("2026年8月6日，本公司董事会决议派息", False),
])
def test_dateline_lines(line, dateline):
    from assistant.composers.extractive_candidates import is_dateline

    assert is_dateline(line) is dateline


@pytest.mark.parametrize("line, breadcrumb", [
    ("首頁 > 基金商品 > ETF專區 > 00987 宏岳台灣精選高股息ETF > 公開說明書簡式", True),
    ("当前位置：首页 > 个人养老金 > 业务指南", True),
    ("Home > Futures > Index futures", True),
    ("首次申購金額 > 10,000元者，手續費1折。", False),
])
def test_breadcrumb_lines(line, breadcrumb):
    from assistant.composers.extractive_candidates import is_breadcrumb

    assert is_breadcrumb(line) is breadcrumb


OFFERING = """# 嶺澄高速公路REIT公眾認購公告

发布日期：2030年5月9日（周四）｜基金管理人：嶺澄基金管理有限公司｜公告编号：LC-REIT-2030-017

场内简称：嶺澄高速REIT｜场内代码：508377｜场外认购代码：019856｜托管人：中衡银行股份有限公司

## 常见问题

问：配售比例什么时候公布？
答：2030年5月17日（周五）在发售结果公告中公布，本公告发布时尚无法确定。

问：认购资金的利息怎么处理？
答：场外认购资金的利息归基金财产，不折算份额；场内冻结资金不计息。
"""


@pytest.fixture(scope="module")
def ask_offering(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("kb"), {"offering.md": OFFERING}).ask


def test_a_line_of_labelled_values_answers_only_what_its_labels_name(ask_offering):
    r = ask_offering("嶺澄高速REIT超額認購的話，配售比例哪天公布？認購期間的利息點處理？")
    assert "2030年5月17日" in r.answer and "508377" not in r.answer and "LC-REIT-2030-017" not in r.answer
    r = ask_offering("嶺澄高速REIT的场内代码是多少？托管人是谁？")
    assert "508377" in r.answer and "中衡银行" in r.answer


def test_a_traditional_masthead_answers_its_label_asked_in_either_script(tmp_path):
    page = OFFERING.replace("场内简称", "場內簡稱").replace("场内代码", "場內代碼").replace("场外认购代码", "場外認購代碼") \
        .replace("托管人", "託管人")
    r = assistant_over(tmp_path, {"offering.md": page}).ask("嶺澄高速REIT的场内代码是多少？")
    assert "508377" in r.answer
