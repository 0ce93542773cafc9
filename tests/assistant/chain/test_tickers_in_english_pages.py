"""A ticker only English pages write about (a Chinese broker table merely lists it) is searched in the Chinese
question's English words as well (「QMRE的费用率」: expense ratio), so the English release that states the cut is
found; a ticker a Chinese page writes about in prose is not, since the Chinese pages may answer. Documents written
for this test, real knowledge base."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

RELEASE = """# Quarrymere Global Infrastructure ETF announces fee reduction

NEW YORK, November 12, 2026 — Quarrymere Advisors, LLC today announced that the expense ratio of the Quarrymere Global Infrastructure ETF (NYSE Arca: QMRE) will be reduced from 0.45% to 0.35%, effective December 1, 2026.

QMRE tracks the Quarrymere Global Infrastructure Index, which holds 120 listed infrastructure companies.

"Lower costs leave more of the return with our shareholders," said Dana Whitcombe, President of Quarrymere.

QMRE pays distributions quarterly, in March, June, September and December.

Quarrymere Advisors manages US$8.2 billion across eleven exchange-traded funds.
"""

TABLE = """# 複委託熱門ETF一覽

資料日期：2026年9月30日

| 代號 | 名稱 | 市場 | 內扣費用 | 配息頻率 |
|---|---|---|---:|---|
| QMRE | Quarrymere Global Infrastructure ETF | 美國 | 0.45% | 季配 |
| 3519 | 晟川亞洲基建ETF | 香港 | 0.60% | 半年配 |

內扣費用已反映於基金淨值，投資人無須另行支付。

近期不少投資人透過複委託買入QVLU等美國價值型ETF，留意其內扣費用與配息頻率。
"""

VALUE = """# Quillvale US Value ETF fact sheet

The Quillvale US Value ETF (NYSE Arca: QVLU) has an expense ratio of 0.29% and pays distributions quarterly.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("tickers_english"),
                          {"release.md": RELEASE, "table.md": TABLE, "value.md": VALUE})


def test_a_ticker_a_chinese_table_merely_lists_gets_the_questions_english_words(assistant):
    assert {"expense", "ratio"} <= set(assistant.kb.english_forms("qmre的费用率会降到多少?"))
    r = assistant.ask("QMRE的费用率会降到多少？从什么时候开始？")
    assert "release.md" in {c.doc_id for c in r.retrieved}


def test_a_ticker_a_chinese_page_writes_about_does_not(assistant):
    assert assistant.kb.english_forms("qvlu的费用率是多少?") == []
