"""A pointing line (「…請見「競價拍賣專區」頁」) that writes more of the question than any stating line answers that the
sources give it elsewhere; a row labelled with the asked word (「票面年利率」 for 利率) joins the passages read though the
word was retrieved only inside another table's cells; a FAQ's question in bold is never quoted. Documents written for
this test, real chain."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

AUCTION_FAQ = """# 硯嶺證券常見問題

## 零股與拍賣
- 答：競價拍賣之投標方式、保證金及手續費，請見「競價拍賣專區」頁。
- 股份合併後，除咗捨去嘅零碎單位之外，你嘅累算權益總值唔會因合併而改變。
- 電子下單手續費為成交金額0.1425%打3.8折，每筆最低10元。
"""


@pytest.fixture(scope="module")
def ask_auction(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("pointer"), {"faq.md": AUCTION_FAQ}).ask


def test_a_pointing_line_leading_the_answer_says_it_is_given_elsewhere(ask_auction):
    assert ask_auction("硯嶺的競價拍賣投標要付多少手續費？保證金怎麼算？").refused
    r = ask_auction("硯嶺電子下單手續費打幾折？")
    assert not r.refused and "3.8折" in r.answer


BOND_NOTICE = """# 嵐澄银行储蓄国债公告

## 一、提前兑取规则

| 持有期限 | 新规则 | 原规则 |
|---|---|---|
| 不满6个月 | 不计付利息 | 不计付利息 |
| 满6个月不满24个月 | 按票面利率计息，扣除90天利息 | 按票面利率计息，扣除180天利息 |
| 满24个月以上 | 按票面利率计息，扣除60天利息 | 按票面利率计息，扣除90天利息 |

提前兑取时按票面利率计付应计利息，利率以发行时公布为准。提前兑取须于营业时间内办理。

## 二、常见问题

**问：可以部分提前兑取吗？**
答：可以，按100元的整数倍办理。

**问：提前兑取多久到账？**
答：资金于兑取当日到账。

**问：嵐澄银行储蓄国债第3个常见问题，利率怎么算？**
答：储蓄国债按票面利率计息，提前兑取按第一节规则扣息，第3项安排以本行网点公告为准。

**问：嵐澄银行储蓄国债第4个常见问题，利率怎么算？**
答：储蓄国债按票面利率计息，提前兑取按第一节规则扣息，第4项安排以本行网点公告为准。

**问：嵐澄银行储蓄国债第5个常见问题，利率怎么算？**
答：储蓄国债按票面利率计息，提前兑取按第一节规则扣息，第5项安排以本行网点公告为准。

**问：嵐澄银行储蓄国债第6个常见问题，利率怎么算？**
答：储蓄国债按票面利率计息，提前兑取按第一节规则扣息，第6项安排以本行网点公告为准。

**问：嵐澄银行储蓄国债第7个常见问题，利率怎么算？**
答：储蓄国债按票面利率计息，提前兑取按第一节规则扣息，第7项安排以本行网点公告为准。

**问：嵐澄银行储蓄国债第8个常见问题，利率怎么算？**
答：储蓄国债按票面利率计息，提前兑取按第一节规则扣息，第8项安排以本行网点公告为准。

**问：嵐澄银行储蓄国债第9个常见问题，利率怎么算？**
答：储蓄国债按票面利率计息，提前兑取按第一节规则扣息，第9项安排以本行网点公告为准。

**问：嵐澄银行储蓄国债第10个常见问题，利率怎么算？**
答：储蓄国债按票面利率计息，提前兑取按第一节规则扣息，第10项安排以本行网点公告为准。

## 三、发行要素

| 项目 | 第一期 | 第二期 |
|---|---|---|
| 期限 | 3年 | 5年 |
| 票面年利率 | 2.37% | 2.52% |
| 发行期 | 2041年3月10日至3月19日 | 同左 |
"""


@pytest.fixture(scope="module")
def bond_assistant(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("labelled_rows"), {"bond.md": BOND_NOTICE})


def test_the_row_labelled_with_the_asked_word_joins_the_passages_read(bond_assistant):
    r = bond_assistant.ask("嵐澄银行这次的储蓄国债，3年期和5年期利率分别是多少？")
    labelled = {c.chunk_id for c in bond_assistant.kb.chunks("bond.md") if "票面年利率" in c.text}
    assert labelled and labelled & {c.chunk_id for c in r.retrieved}
    assert "问：" not in r.answer  # a FAQ's question in bold (「**问：…？**」) asks; it is never quoted as an answer
