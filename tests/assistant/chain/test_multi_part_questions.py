"""A question asking several things at once, one part a time of day (「幾點截單？」): that part's answer is chosen for
the kind of answer it asks, a clock time, where its words meet none of the source's (a Chinese question on an English
page). Document written for this test, real chain."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

NOTES_PAGE = """# Harbourvale Securities: Structured Notes

## How to subscribe

Harbourvale Structured Notes are offered to professional investors only.
The minimum investment is HK$100,000, in multiples of HK$10,000.
Subscription orders close at 11:30 a.m. on the trade date.
Notes are issued two business days after the trade date.
The notes are not principal protected: you may lose some or all of your investment.
Harbourvale Securities is the arranger and distributor of the notes.
"""


@pytest.fixture(scope="module")
def ask_notes(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("kb"), {"notes.md": NOTES_PAGE}).ask


def test_a_chinese_part_asking_a_time_finds_the_clock_time_on_an_english_page(ask_notes):
    # 截單 and "orders close" share no word: the kind of answer asked (a time of day) is what finds it
    r = ask_notes("Harbourvale嘅結構性票據最少要買幾多？幾點截單？")
    assert "11:30 a.m." in r.answer


SETTLEMENT_PAGE = """# Harbourvale Securities: Selling US Shares

## After you sell

Sale proceeds are shown in your account on the trade date.
Proceeds become withdrawable on settlement, one business day after the trade date.
Withdrawals to a bank account in Hong Kong are free of charge.
The proceeds of shares sold in the after-hours session count from the next trading day.
Harbourvale Securities sends a contract note by email on each trade date.
"""


def test_a_chinese_part_asking_how_long_finds_the_length_of_time_on_an_english_page(tmp_path):
    r = assistant_over(tmp_path, {"selling.md": SETTLEMENT_PAGE}).ask("Harbourvale美股賣出之後，啲錢要幾耐先可以提？")
    assert "one business day after the trade date" in r.answer


REVISION_NOTICE = """致「岑晉延期年金計劃」保單持有人：「岑晉延期年金計劃」保證年金率修訂通知

「岑晉延期年金計劃」（保險業監管局認證編號QDAP-0711-35）係一份延期年金保單，年金期固定10年。

為咗配合市況，我哋會由2039年6月1日（三）起修訂以下安排，請細心閱讀。

- 已生效嘅保單：保證每月年金同退保價值全部唔變。
- 本通知只適用於港元版。美元版嘅安排另行通知。

日期：2039年4月8日（五）
"""


def test_a_part_asking_when_is_answered_by_a_unit_stating_a_date(tmp_path):
    # the part's best unit by its words names the plan (and a code whose digits are no date); the unit that holds
    # its 修訂 and a date answers it
    r = assistant_over(tmp_path, {"notice.txt": REVISION_NOTICE}).ask(
        "岑晉延期年金這次修訂從何時開始？已經生效的保單會受影響嗎？")
    assert not r.refused
    assert "2039年6月1日" in r.answer, r.answer

