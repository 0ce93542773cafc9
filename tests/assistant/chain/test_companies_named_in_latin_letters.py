"""An English question naming a company in Latin letters answers from the page that names it, not from another
company's page that shares its other words; a company no retrieved page writes in Latin letters (a Chinese page's
company asked in pinyin) leaves every page in play. Documents written for this test, through the real chain."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

RELEASE = """Tallowin Instruments Reports Second Quarter Results

SAN JOSE -- Tallowin Instruments (NASDAQ: TLWN) today reported results for its second quarter.
The Board of Directors declared a quarterly cash dividend of $0.30 per share, payable on 14 August to
stockholders of record on 31 July. The prior quarterly dividend was $0.25 per share.
Revenue for the quarter was $412.6 million, up 9% from a year earlier.
"""

NOTICE = """# 启岳科技股份有限公司 2025年年度权益分派实施公告

公司2025年度利润分配方案为每10股派发现金红利3.20元（含税），股权登记日为2026年5月20日，
除息日及现金红利发放日为2026年5月21日。本次分派对象为截至股权登记日下午上海证券交易所收市后登记在册的全体股东。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    docs = {"release.txt": RELEASE, "notice.md": NOTICE}
    return assistant_over(tmp_path_factory.mktemp("latin_names"), docs).ask


def test_an_english_question_naming_a_company_answers_from_its_page(ask):
    r = ask("When does Tallowin pay its new dividend, and do I need to own the stock by a certain date to get it?")
    assert "14 August" in r.answer and "31 July" in r.answer
    assert "2026年5月" not in r.answer and "May 2026" not in r.answer  # the other company's payout


def test_a_company_no_page_writes_in_latin_letters_leaves_its_chinese_page_in_play(ask):
    r = ask("Tallowin's new quarterly dividend per share versus Qiyue Technology's 2025 cash dividend per 10 shares?")
    assert "0.30" in r.answer and "3.20" in r.answer
