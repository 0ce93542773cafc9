"""A table listing dates by product repeats each product's code in its label cell (「00971B」 in three rows, 「00993」
in one): a question naming one product by a code with a letter is answered from that product's rows, and "which
days" asks for dates. Documents written for this test, real chain."""
from __future__ import annotations

import pytest

from assistant.answer_types import answer_type
from tests.conftest import assistant_over

NOTICE = """# 昱澄證券ETF申購買回說明

## 五、暫停申購買回日期（2027年下半年）

| ETF | 暫停期間 | 原因 |
|---|---|---|
| 00993 | 2027年9月28日（二）至9月30日（四） | 收益分配評價日前後 |
| 00971B | 2027年10月14日（四）至10月20日（三） | 收益分配評價日前後 |
| 00971B | 2027年11月25日（四） | 美國感恩節休市 |
| 00971B | 2027年12月24日（五） | 美國聖誕節補假休市 |

暫停期間仍可於集中市場買賣受益憑證。其他暫停情形以昱澄投信公告為準。

## 六、常見問答

Q：申購買回可以取消嗎？
A：T日申請截止時間前可於App取消，不收費。本公司目前只受理「現金」申購買回。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("rows_by_code"), {"notice.md": NOTICE}).ask


def test_which_days_asks_for_dates():
    assert answer_type("哪几天不能申购买回") == "date"
    assert answer_type("哪些日子不能交易") == "date"


def test_the_rows_of_the_product_named_by_a_code_with_a_letter_answer(ask):
    r = ask("00971B今年下半年哪幾天不能申購買回？暫停的時候還可以在市場上買賣嗎？")
    assert not r.refused
    assert all(d in r.answer for d in ("2027年10月14日", "2027年11月25日", "2027年12月24日"))
    assert "2027年9月28日" not in r.answer  # 00993's row
    assert "仍可於集中市場買賣" in r.answer
    assert not r.disclaimer  # 買賣 and 買回 ask no buy: no advice disclaimer
