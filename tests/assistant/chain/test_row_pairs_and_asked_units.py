"""Arithmetic whose inputs are chosen by what the question names and asks, on text written for this test: the two
rows of a key-facts table the question names among rows it does not; the one row of a before/after table it
names, read earlier date first (a fall is a fall though the question only says "change"); the money column, not
the rate column, when it asks how many dollars; no percentages for a question asking an amount; no pair of one
figure written twice; a sum over "these five payouts"; and "if I hold …, how much will I receive" is a figure
question, not a request for advice."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

FUND = """# Kestrel Short Bond Fund (KSBFX)

## Key facts

| Item | Value |
|---|---|
| Net assets | $2.15 billion |
| Gross expense ratio | 0.44% |
| Net expense ratio | 0.29% |
| Effective duration | 2.8 years |
| 30-day SEC yield | 4.61% |
| Distribution frequency | Monthly |

The 30-day SEC yield is computed from the last 30 days of income net of expenses.
"""

TRUST = """# 嶺灣物流房地產投資信託基金(股份代號:2877)

## 主要數據

| 項目 | 2026年6月30日 | 2025年12月31日 |
|---|---|---|
| 出租率 | 91.2% | 93.5% |
| 資產負債比率 | 31.8% | 29.4% |
| 每基金單位資產淨值 | 港幣5.40元 | 港幣5.75元 |

嶺灣物流房地產投資信託基金(Lingwan Logistics REIT)於2019年5月在香港上市,旗下持有7個物流倉庫。
"""

PAYOUTS = """# 嶺南高息ETF(00977)配息紀錄

| 除息交易日 | 每單位配息金額(元) | 單次配息率 |
|---|---|---|
| 2025/09/18 | 0.36 | 1.72% |
| 2025/12/17 | 0.33 | 1.64% |
| 2026/03/18 | 0.31 | 1.58% |
| 2026/06/17 | 0.40 | 1.95% |
| 2026/09/17 | 0.42 | 2.01% |

本基金採季配息,配息金額不固定。
"""

NEWS = """# 晨曦電子公布10月營收

晨曦電子今日公布10月合併營收18.6億元,月減3.1%,年增27.4%。
公司表示,第四季為傳統旺季,年底前出貨可望持續成長。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    documents = {"kestrel.md": FUND, "trust.md": TRUST, "payouts.md": PAYOUTS, "news.md": NEWS}
    return assistant_over(tmp_path_factory.mktemp("row_pairs"), documents).ask


def _computed(r, name):
    return [round(f.value, 4) for f in r.figures if f.name == name]


def test_the_two_rows_a_question_names_among_a_key_facts_table(ask):
    r = ask("What is the gap between the Kestrel fund's gross and net expense ratio?")
    assert _computed(r, "difference") == [0.15]
    assert "30 − 30" not in r.answer  # "30-day" and "last 30 days" are one figure written twice


def test_the_named_row_of_a_before_after_table_read_earlier_date_first(ask):
    r = ask("嶺灣物流房託每基金單位資產淨值由2025年底到2026年6月跌咗百分之幾?")
    assert _computed(r, "pct_change") == [round((5.75 - 5.40) / 5.75 * 100, 4)]
    r = ask("What was the percentage change in Lingwan Logistics REIT's NAV per unit from end-2025 to mid-2026?")
    assert _computed(r, "pct_change") == [round((5.75 - 5.40) / 5.75 * 100, 4)]
    assert "fall" in r.answer  # from 5.75 to 5.40 is a fall, though the question says "change"


def test_a_question_asking_dollars_reads_the_money_column(ask):
    r = ask("00977 2026年9月的配息比2025年9月多了多少元?")
    assert _computed(r, "difference") == [0.06]  # 0.42 − 0.36, not 2.01% − 1.72%


def test_a_count_of_payouts_adds_every_row(ask):
    r = ask("00977這五次配息加起來一共多少元?")
    assert not r.refused
    assert [round(f.value, 4) for f in r.figures] == [1.82]


def test_percentages_are_not_the_inputs_of_an_amount(ask):
    r = ask("晨曦電子10月營收加上9月營收是多少億元?")
    assert not _computed(r, "sum")  # 月減3.1% and 年增27.4% are no amounts


def test_if_i_hold_units_how_much_will_i_receive_is_no_advice_request():
    from assistant.advice import is_advice_request

    assert not is_advice_request("if i hold 10,000 units of the fund, how much will i receive from the interim distribution?")
    assert is_advice_request("should i hold 10,000 units of the fund?")
    assert is_advice_request("晨曦电子营收一直创新高,现在追进去还来得及吗?")
    assert is_advice_request("is the kestrel fund a sensible place to park my retirement savings right now?")


PROCEEDS = """# 澄江新材公开发行可转换公司债券募集说明书摘要

## 募集资金用途

本次发行可转债募集资金总额不超过人民币80,000万元，扣除发行费用后拟投入以下项目：

| 序号 | 项目名称 | 拟投入募集资金（万元） |
|---|---|---|
| 1 | 年产5万吨电池隔膜项目 | 42,000.00 |
| 2 | 研发中心建设项目 | 14,000.00 |
| 3 | 补充流动资金 | 24,000.00 |
| 合计 | | 80,000.00 |
"""


@pytest.fixture(scope="module")
def ask_proceeds(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("proceeds"), {"cb.md": PROCEEDS}).ask


def test_a_share_of_a_total_is_the_named_rows_over_the_total_row(ask_proceeds):
    r = ask_proceeds("补充流动资金占募集资金的百分之几？")
    assert _computed(r, "proportion") == [30.0]
    assert "24,000.00" in r.answer and "80,000.00" in r.answer
    r = ask_proceeds("What percentage of the proceeds will go to replenishing working capital?")
    assert _computed(r, "proportion") == [30.0]
    r = ask_proceeds("研发中心建设项目同补充流动资金加埋占募集资金几多%？")
    assert _computed(r, "proportion") == [47.5]


def test_a_total_row_whose_numbering_cell_is_empty_is_the_total(tmp_path):
    numbered = PROCEEDS.replace("| 合计 | | 80,000.00 |", "| | 合计 | 80,000.00 |")
    ask = assistant_over(tmp_path, {"cb.md": numbered}).ask
    assert _computed(ask("补充流动资金占募集资金的百分之几？"), "proportion") == [30.0]


def test_a_row_number_is_no_figure(ask_proceeds):
    r = ask_proceeds("补充流动资金比研发中心建设项目多了多少万元？")
    assert all(f.value not in (23997.0, 13998.0) for f in r.figures)  # 24,000 − 3 is a row number read as a figure


SECTORS = """# Tallis 30 Index

## Weighting by sector

| Sector | Constituents | Weight (%) |
|---|---|---|
| Financials | 9 | 28.5 |
| Energy | 5 | 14.2 |
| Telecommunications | 3 | 9.9 |
| Utilities | 4 | 8.1 |
| Health Care | 2 | 3.6 |
"""


def test_a_chinese_question_names_the_rows_of_an_english_table(tmp_path):
    ask = assistant_over(tmp_path, {"tallis.md": SECTORS, "news.md": NEWS}).ask
    r = ask("Tallis 30指数里金融板块的权重比电信板块高多少个百分点?")
    assert _computed(r, "difference") == [18.6]  # Financials 28.5 − Telecommunications 9.9


CONSTITUENTS = """
## Largest constituents

| Company | Sector | Weight (%) |
|---|---|---|
| Harbourline Bank | Financials | 8.7 |
| Corvid Telecom | Telecommunications | 6.2 |
| Saltmere Power | Utilities | 4.9 |
| Kestrel Assurance | Financials | 4.1 |
"""


def test_a_sector_is_the_row_it_labels_not_a_constituent_in_that_sector(tmp_path):
    ask = assistant_over(tmp_path, {"tallis.md": SECTORS + CONSTITUENTS, "news.md": NEWS}).ask
    r = ask("Tallis 30指数里金融板块的权重比电信板块高多少个百分点?")
    assert _computed(r, "difference") == [18.6]  # the sector rows, not Harbourline Bank 8.7 − Corvid Telecom 6.2
    r = ask("Tallis 30指数里Harbourline Bank的权重比Corvid Telecom高多少个百分点?")
    assert _computed(r, "difference") == [2.5]


def test_two_rates_of_one_month_are_not_a_change_between_two_months(ask):
    r = ask("晨曦電子10月營收比9月增長了百分之多少?")
    assert not _computed(r, "pct_change")  # 月減3.1% and 年增27.4% are changes of October, not two levels


MONTHLY = """# 朗曜電子近6個月營收

| 月份 | 營收（億元） | 月增率 | 年增率 |
|---|---|---|---|
| 2026年4月 | 12.40 | 3.10% | 20.50% |
| 2026年5月 | 13.05 | 5.24% | 22.10% |
| 2026年6月 | 12.88 | -1.30% | 18.60% |
| 2026年7月 | 14.20 | 10.25% | 25.40% |
| 2026年8月 | 15.10 | 6.34% | 27.90% |
| 2026年9月 | 14.75 | -2.32% | 24.00% |

朗曜電子今日公布9月營收14.75億元，月減2.32%，年增24.00%。
"""


@pytest.fixture(scope="module")
def ask_monthly(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("monthly"), {"monthly.md": MONTHLY, "news.md": NEWS}).ask


def test_months_without_a_year_name_the_rows_of_a_monthly_table(ask_monthly):
    r = ask_monthly("朗曜今年7到9月營收加起來是多少億元？")
    assert _computed(r, "sum") == [44.05]  # 14.20 + 15.10 + 14.75
    r = ask_monthly("朗曜9月的營收比4月增長了百分之多少？")
    assert _computed(r, "pct_change") == [round((14.75 - 12.40) / 12.40 * 100, 4)]


def test_the_months_a_question_names_without_a_year_and_the_cells_dated_in_them():
    from assistant.composers.named_rows import bare_months, states_month

    assert bare_months("7到9月營收加起來") == [7, 8, 9] and bare_months("11月比6月多多少") == [11, 6]
    assert bare_months("2026年11月營收") == [] and bare_months("過去12個月") == []
    assert states_month("2026年6月", 6) and states_month("2026/06", 6) and not states_month("6.82%", 6)


FEES = """# 恒澄證券網上交易收費

| 收費項目 | 收費 |
|---|---|
| 佣金 | 成交金額0.08%，最低收費60港元 |
| 交易徵費 | 成交金額0.0027% |

以上收費適用於網上交易，電話落盤另有收費。
"""


def test_a_rate_with_a_minimum_is_the_larger_of_the_two(tmp_path):
    ask = assistant_over(tmp_path, {"fees.md": FEES, "news.md": NEWS}).ask
    r = ask("If I buy HK$200,000 of shares online at 恒澄證券, how much commission will I pay?")
    assert [round(f.value, 4) for f in r.figures] == [160.0]  # 0.08% of 200,000, above the 60 minimum
    r = ask("我喺恒澄證券網上買3萬港元股票，佣金要幾多錢？")
    assert [round(f.value, 4) for f in r.figures] == [60.0]  # 0.08% of 30,000 is 24: the minimum applies
    assert "60港元" in r.answer


SEGMENTS = """# Harrowgate Foods 2026 annual results

## Segment performance

| Segment (HK$ million) | Revenue 2026 | Revenue 2025 | Revenue change | Operating profit 2026 | Operating profit 2025 |
|---|---:|---:|---:|---:|---:|
| Bakery | 1,240.0 | 1,100.0 | +12.7% | 150.0 | 120.0 |
| Frozen foods | 860.0 | 900.0 | -4.4% | 42.0 | 60.0 |

Bakery remained the largest segment.
"""


@pytest.fixture(scope="module")
def ask_segments(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("segments"), {"segments.md": SEGMENTS}).ask


def test_one_measures_two_year_columns_of_the_row_named(ask_segments):
    # every column name shares a word with another: the measure named, its two years, the earlier first
    r = ask_segments("By what percentage did operating profit of the frozen foods segment change in 2026?")
    assert [(f.name, round(f.value, 2)) for f in r.figures] == [("pct_change", 30.0)]
    assert "fall" in r.answer  # 60.0 to 42.0 is a fall, measured from the earlier year
    r = ask_segments("How much did revenue and operating profit of the bakery segment grow?")
    assert not [f for f in r.figures if f.name == "pct_change" and round(f.value, 2) in (12.73, 25.0)]
