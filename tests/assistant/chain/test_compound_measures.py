"""A rate asked as a compound (融資利率) of a broker FAQ that writes 融資 and 利率 only in other answers is a rate
it does not give; where a page states it, in a sentence or a table row, it is answered. Documents written for this
test, real chain."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

FAQ = """# 崇暉證券 零股交易常見問答

Q：零股可以融資融券嗎？
A：不行。零股交易不得使用融資融券，也不適用現股當沖。

Q：交割款項放在哪裡？
A：交割帳戶開立於崇暉商業銀行，活期存款利率依銀行牌告，目前為年息0.35%。

Q：零股手續費怎麼算？
A：電子下單手續費為成交金額的0.1425%乘以2.8折，每筆最低新臺幣1元。
"""

MARGIN = """# 嶺峰證券 信用交易費率表

| 業務 | 年利率 | 保證金成數 |
|---|---|---|
| 融資 | 6.25% | 四成 |
| 融券 | 0.08%（借券費） | 九成 |

融資期限為半年，到期可申請展延一次。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("compound_measures"), {"faq.md": FAQ, "margin.md": MARGIN}).ask


def test_a_compound_whose_words_the_page_writes_apart_is_refused(ask):
    r = ask("崇暉證券的融資利率是多少？")
    assert r.refused


def test_a_compound_a_table_row_states_under_its_header_is_answered(ask):
    r = ask("嶺峰證券的融資利率是多少？")
    assert not r.refused and "6.25%" in r.answer
