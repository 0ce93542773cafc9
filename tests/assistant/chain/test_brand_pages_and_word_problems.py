"""An English fact sheet with a 中文 language link beside Chinese pages on other funds: the page is English to the
index, a Latin brand in a Chinese question picks its page, the asker's amount in Chinese numerals is an amount, a
conditional with the asker's figures is no live quote, and a returns table's row is found by its span (近一年 is
近1年). Documents written for this test, real chain."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

FACT_SHEET = """[Brightwater](#) | [Home](#) | [Funds](#) | [中文](#) | [Log in](#)

# Brightwater Physical Silver ETF - Fact Sheet (as at 31 October 2026)

The Fund holds allocated silver bars in a vault in Hong Kong and tracks the LBMA Silver Price in US dollars.

## Key facts

| Item | Detail |
|---|---|
| Stock code | 3271 |
| Fund size | US$214.8 million |
| Management fee | 0.30% p.a. |
| Inception date | 3 March 2019 |

## Performance

The Fund returned 11.6% a year, annualised, over the three years to 31 October 2026, and 7.2% a year over five years.

Investment involves risks. The price of silver can be volatile and may fall substantially.
"""

MONTHLY = """# 澄湾稳健债券基金 月度报告（2026年10月）

数据截至2026年10月31日。

## 基金概况

| 项目 | 内容 |
|---|---|
| 基金类型 | 债券型（稳健） |
| 基金管理人 | 澄湾基金管理有限公司 |
| 管理费 | 每年0.50% |

## 业绩表现

| 期间 | A类 | C类 | 业绩比较基准 |
|---|---:|---:|---:|
| 近1月 | 0.24% | 0.21% | 0.18% |
| 近3月 | 0.66% | 0.58% | 0.47% |
| 近6月 | 1.51% | 1.35% | 1.12% |
| 近1年 | 3.42% | 3.11% | 2.67% |
| 成立以来 | 12.90% | 11.75% | 9.80% |

业绩比较基准：中债综合财富指数收益率×90%＋一年期定期存款利率（税后）×10%。
"""

GOLD_NEWS = """# 鑫港黃金ETF 簡介

鑫港黃金ETF（代號2840）追蹤倫敦金價，管理費每年0.40%，基金規模約12億港元。
投資涉及風險，金價可能大幅波動。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("brand_pages"),
                          {"brightwater.md": FACT_SHEET, "monthly.md": MONTHLY, "gold.md": GOLD_NEWS}).ask


def test_an_english_page_with_a_chinese_language_link_is_english_to_the_index(ask):
    kb = ask.__self__.kb
    hits = kb.search("Brightwater Physical Silver ETF management fee", k=3)
    assert {h.chunk.script for h in hits if h.chunk.doc_id.startswith("brightwater")} == {"en"}


def test_a_latin_brand_in_a_chinese_question_answers_from_its_own_page(ask):
    # 兩萬蚊: the asker's amount in Chinese numerals; the fee is the Brightwater page's, not the other funds' 0.40% / 0.50%
    r = ask("我想買兩萬蚊Brightwater白銀ETF，每年管理費要俾幾多？")
    assert not r.refused
    assert [(f.name, round(f.value, 2)) for f in r.figures] == [("share_of", 60.0)]
    assert all(c.doc_id.startswith("brightwater") for c in r.citations)


def test_a_conditional_with_the_askers_figures_is_not_a_live_quote(ask):
    r = ask("如果3年前在Brightwater白银ETF投了1万美元，按3年年化回报算，现在大概值多少？")
    assert not r.refused
    assert any(c.doc_id.startswith("brightwater") for c in r.citations)


def test_a_returns_table_row_is_found_by_the_span_asked(ask):
    r = ask("请问澄湾稳健债券基金A类近一年收益率多少？")
    assert not r.refused
    assert "3.42%" in r.answer
    assert "0.66%" not in r.answer and "12.90%" not in r.answer  # the other spans' rows are not the answer


def test_what_the_sources_do_not_state_is_named_in_the_askers_script(ask):
    r = ask("鑫港黃金ETF嘅管理費係幾多？外匯對沖成本呢？")
    assert not r.refused and "0.40%" in r.answer
    assert "資料來源未有提及：外匯、對沖、成本" in r.answer  # index words are Simplified: 外汇 would be mixed script


def test_a_chinese_question_opening_with_a_latin_brand_answers_from_its_page_alone(ask):
    # The brand is the question's first word: not a capitalised sentence start (Chinese has none). The other funds'
    # 管理费 rows name the asked word too, but they are another fund's fee.
    r = ask("Brightwater白銀ETF嘅管理費係幾多？")
    assert not r.refused and "0.30%" in r.answer
    assert "0.50%" not in r.answer and "0.40%" not in r.answer
    assert all(c.doc_id.startswith("brightwater") for c in r.citations)


def test_a_latin_name_opening_a_chinese_question_that_no_document_names_is_refused(ask):
    r = ask("Quillmoor白銀ETF嘅管理費係幾多？")
    assert r.refused


PLATFORM = """# Norvale Invest: fees and minimums

| Item | Amount |
|---|---|
| Minimum first investment | S$500 |
| Minimum top-up | S$50 |
| Transfer out to another broker | S$30 per ETF |

Fees are deducted monthly from your cash balance.
"""

POLICY_RULES = """# 澄岳人寿万能险部分领取规则

| 项目 | 规定 |
|---|---|
| 部分领取最低金额 | 1,000元 |
| 领取后账户价值最低保留 | 3,000元 |

领取申请受理后5个工作日内到账。
"""


@pytest.fixture(scope="module")
def ask_platform(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("brand_minimums"),
                          {"norvale.md": PLATFORM, "policy.md": POLICY_RULES}).ask


def test_two_words_meeting_in_a_chinese_question_are_no_name_of_another_page(ask_platform):
    # 最低金额: 低金 is the end of one word and the start of the next, written only by the policy page; no name of it
    r = ask_platform("Norvale首次投资和追加投资的最低金额是多少？")
    assert not r.refused and "S$500" in r.answer
    assert "1,000元" not in r.answer
    assert all(c.doc_id.startswith("norvale") for c in r.citations)
