"""A broker's page works its rule on an example (a named client, their figures, each step's arithmetic and result);
the asker states their own figures: the example is worked again with them, step by step, each later step taking the
earlier step's new result and rounding as the example rounds. Documents written for this test, real chain."""
from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.composers.worked_example import read_examples
from tests.conftest import assistant_over

IPO_GUIDE = """# 滙朗證券新股認購指南

## 一、認購費用

新股認購須繳付申請股款，另加經紀佣金1%及證監會交易徵費0.0027%。

## 二、計算例子

例子：李小姐以招股價上限HK$12.30申請認購3,000股。
- 申請股款：3,000 × HK$12.30 ＝ HK$36,900.00
- 經紀佣金1%：HK$369.00
- 證監會交易徵費0.0027%：HK$1.00
- 應繳總額：HK$37,270.00

## 三、退款

未獲分配的股款會於公佈結果後的下一個營業日退回交收戶口。
"""

SAVINGS_PLAN = """# 澄岚基金定投说明

## 一、申购费

申购费率为0.15%，采用外扣法。

## 二、定投示例

王先生每月投入2,000元定投澄岚稳健债券基金，扣款日基金净值1.2345元：

- 净申购金额：2,000 ÷ (1 + 0.15%) ＝ 1,997.00元
- 申购费用：2,000 － 1,997.00 ＝ 3.00元
- 申购份额：1,997.00 ÷ 1.2345 ＝ 1,617.66，舍去后为1,617.65份

## 三、赎回

赎回款项于T+3个工作日内到账。
"""

ODD_LOTS = """# 嶺峰證券碎股買賣示例

## 碎股成交

陳先生持有00817碎股，以收市價HK$4.20出售650股：
- 成交金額：650 × 4.20 ＝ HK$2,730.00
- 佣金0.25%（最低HK$20）：HK$20.00
- 實收金額：HK$2,710.00

## 碎股報價

| 代號 | 名稱 | 收市價（港元） |
|---|---|---|
| 00817 | 嶺峰電力 | 4.20 |
| 01234 | 澄灣科技 | 8.50 |
"""


MARGIN = """# 嘉禾证券融资融券收费说明

## 计算示例

李女士为标准客户，融资50万元买入股票：

1. 持仓市值合计100万元，融资负债50万元，维持担保比例 = 100 ÷ 50 = 200%。
2. 融资50万元实际使用30天，融资利息 = 500,000 × 7.50% ÷ 360 × 30 = 3,125.00元。
"""


REPO = """# 澄岭证券国债逆回购示例

## 计算示例

李先生于2027年5月13日（周四）以2.000%的年化收益率卖出1天期100,000元：

- 首次资金交收日：5月14日（周五）；到期资金交收日：5月17日（周一）；实际计息天数：3天
- 利息收入：100,000 × 2.000% × 3 ÷ 365 ＝ 16.44元
- 佣金：100,000 × 0.001% ＝ 1.00元
- 净收益：16.44 － 1.00 ＝ 15.44元
"""

VALUATION = """# 估值入门

## 市盈率示例

某股票股价24元，每股收益3元，则市盈率为：24 ÷ 3 = 8倍。市盈率越低，回本所需年数越少。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("worked_examples"), {
        "ipo.md": IPO_GUIDE, "plan.md": SAVINGS_PLAN, "odd_lots.md": ODD_LOTS, "margin.md": MARGIN,
        "valuation.md": VALUATION, "repo.md": REPO}).ask


def _figures(answer) -> set[float]:
    return {round(f.value, 2) for f in answer.figures if f.name == "worked_example"}


def test_the_example_read_step_by_step():
    example, = read_examples(1, IPO_GUIDE)
    assert [g.shown for g in example.givens if g.kind in ("money", "shares")] == ["12.30", "3,000"]
    assert [(s.label, str(s.stated)) for s in example.steps] == [
        ("申請股款", "36900.00"), ("經紀佣金1%", "369.00"), ("證監會交易徵費0.0027%", "1.00"), ("應繳總額", "37270.00")]


def test_a_ratio_written_as_a_percentage_and_a_numbered_list_are_read():
    example, = read_examples(1, MARGIN)
    assert [(s.label, str(s.stated)) for s in example.steps] == [("维持担保比例", "200"), ("融资利息", "3125.00")]
    assert {g.shown for g in example.givens if g.kind in ("money", "days")} >= {"50万", "30"}


def test_one_step_of_a_list_worked_with_the_askers_sum_and_days(ask):
    r = ask("我想在嘉禾融资20万，用15天，利息要付多少？")
    assert 625.0 in _figures(r)  # 200,000 × 7.50% ÷ 360 × 15
    assert "融资利息：200,000 × 7.50% ÷ 360 × 15" in r.answer


def test_an_example_whose_arithmetic_is_wrong_is_not_read():
    wrong = IPO_GUIDE.replace("HK$36,900.00", "HK$36,000.00")
    assert read_examples(1, wrong) == []


def test_the_askers_shares_worked_through_every_step(ask):
    r = ask("我想用招股價HK$12.30認購5,000股，連佣金同徵費總共要準備幾多錢？")
    assert not r.refused
    # 5,000 × 12.30 = 61,500.00; 1% = 615.00; 0.0027% = 1.66; 61,500 + 615 + 1.66
    assert {61500.0, 615.0, 1.66, 62116.66} <= _figures(r)
    assert "62,116.66" in r.answer and "[" in r.answer.split("62,116.66")[0]
    assert "按資料" in r.answer and "按资料" not in r.answer  # the asker's script, lead included
    assert not {12.3, 3000.0, 36900.0} & _figures(r)  # the example's own figures are its source's, not computed


def test_an_english_question_over_a_chinese_example(ask):
    r = ask("If I apply for 1,000 shares of the IPO at HK$12.30, how much do I pay in total with brokerage and the levy?")
    assert 12423.33 in _figures(r)  # 12,300.00 + 123.00 + 0.33
    assert r.answer.startswith("Working the example in [")


def test_two_figures_take_the_places_their_words_name(ask):
    # a supposed date the documents never state is the asker's scenario, not a period asked of the sources
    r = ask("每月定投5,000元，假设3月15日基金净值1.1000元，能买到多少份？")
    assert not r.refused
    # 5,000 ÷ 1.0015 = 4,992.51; fee 7.49; 4,992.51 ÷ 1.1000 = 4,538.6454, rounded down as the example rounds
    assert {4992.51, 7.49, 4538.64} <= _figures(r)
    lead = r.answer.split("。")[0]
    assert "÷ 1.1000" in lead and "÷ 1.2345" not in lead  # the example's NAV is replaced, not reused
    assert "舍去后为4,538.64" in lead


def test_the_examples_minimum_charge_applies_to_the_askers_figures(ask):
    small = ask("我想沽1,000股00817碎股，每股HK$4.10，扣佣金後實收幾多？")
    assert {4100.0, 20.0, 4080.0} <= _figures(small)  # 0.25% of 4,100 is 10.25, under the HK$20 minimum
    assert "最低" in small.answer.split("。")[0]
    large = ask("我想沽10,000股00817碎股，每股HK$4.10，扣佣金後實收幾多？")
    assert {41000.0, 102.5, 40897.5} <= _figures(large)


def test_another_securitys_question_does_not_reuse_the_examples_price(ask):
    r = ask("我想沽1,000股05678碎股，扣佣金後實收幾多？")
    assert not _figures(r)  # 00817's HK$4.20 is not 05678's price, which no source lists


def test_another_securitys_listed_price_takes_the_examples_place(ask):
    r = ask("我想沽1,000股01234碎股，扣佣金後實收幾多？")
    assert {8500.0, 21.25, 8478.75} <= _figures(r)  # 1,000 × 8.50 listed for 01234; 0.25% is over the minimum
    assert "8.50" in r.answer.split("。")[0]


def test_days_counted_from_the_examples_dates_are_not_the_askers(ask):
    # the example's 3 days come from its Thursday; the asker's Tuesday counts other days, which no step states
    assert not _figures(ask("我想5月18日（周二）在澄岭做逆回购，放20万，年化2.5%，净收益多少？"))
    # with no date of the asker's, the same 3 days: 200,000 × 2.5% × 3 ÷ 365 = 41.10, less 2.00 commission
    assert {41.1, 2.0, 39.1} <= _figures(ask("在澄岭做逆回购，放20万，年化2.5%，计3天，净收益多少？"))


def test_an_example_working_another_ratio_is_not_the_answer(ask):
    assert 10.0 in _figures(ask("股价50元，每股收益5元，市盈率是多少？"))
    assert not _figures(ask("股价50元，去年每股派息5元，股息率是多少？"))  # the example works a P/E, not a yield


def test_a_sum_a_year_does_not_take_the_place_of_the_examples_sum_a_month(ask):
    # the example invests 2,000 a month; the asker's 24,000 a year is another quantity, not a month's instalment
    assert not _figures(ask("每年投入24,000元定投澄岚稳健债券基金，扣款日基金净值1.1000元，能买到多少份？"))
    # stated a month, like the example's, it is worked: 3,000 ÷ 1.0015 = 2,995.51; ÷ 1.1000 = 2,723.19
    assert {2995.51, 2723.19} <= _figures(ask("每月投入3,000元定投澄岚稳健债券基金，扣款日基金净值1.1000元，能买到多少份？"))


def test_a_sum_in_another_currency_does_not_take_the_place_of_the_examples(ask):
    # the example prices in HK dollars; US dollars at the same digits are another price, its fees another market's
    assert not _figures(ask("我想用招股價US$12.30認購5,000股，連佣金同徵費總共要準備幾多錢？"))
    assert 62116.66 in _figures(ask("我想用招股價HK$12.30認購5,000股，連佣金同徵費總共要準備幾多錢？"))


def test_the_currency_a_figure_is_written_in():
    from assistant.currencies import currency_of
    from assistant.number_tokens import numbers_in

    def codes(text: str) -> list[str | None]:
        return [currency_of(text, t.start, t.end) for t in numbers_in(text, skip_names=False)]
    assert codes("每10萬美元保費，年繳保費HK$60,000") == ["USD", "HKD"]
    assert codes("NT$3,000 or RMB 500 or 3,750 GBP") == ["TWD", "CNY", "GBP"]
    assert codes("港币42亿元") == ["HKD"]
    assert codes("每股50元") == [None]  # 元 alone: the yuan on a mainland page, the NT dollar on a Taiwan one


def test_the_period_a_sum_is_stated_per_is_read_before_or_after_it():
    from assistant.composers.example_reading import money_period
    from assistant.number_tokens import numbers_in

    def periods(text: str) -> list[str | None]:
        return [money_period(text, t) for t in numbers_in(text, skip_names=False)]
    assert periods("already paying him HK$4,260.00 a month") == ["month"]
    assert periods("年繳保費HK$60,000，月供5,000元") == ["year", "month"]
    assert periods("a premium of HK$24,000 per year") == ["year"]
    assert periods("買入100股，每股HK$50") == [None, None]


def test_a_question_that_asks_no_figure_gets_no_worked_example(ask):
    r = ask("我認購5,000股新股，未獲分配的股款幾時退回？")
    assert not _figures(r)


FX_FEES = """# Harbourline Securities: US Stock Dividend Handling

## How we handle a cash dividend

When a US company pays a cash dividend on shares you hold with Harbourline, the US withholding tax is deducted at
source by the paying agent before the money reaches us. We then deduct our own handling fee and credit the net
amount to your US dollar sub-account one business day after the payment date. The figures below show each
deduction in the order we apply it, so you can check your statement line by line.

## Example

Mr Chan holds 800 shares of Tessaline Corp, which pays a dividend of US$0.25 per share.

- Gross dividend: 800 × US$0.25 = US$200.00
- US withholding tax at 30%: US$60.00
- Harbourline handling fee at 0.80% of the gross dividend: US$1.60 (above the US$1.00 minimum)
- Net amount credited: US$138.40

## Contact

Call our dealing desk on any business day.
"""


@pytest.fixture(scope="module")
def long_example(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("worked_example_chunks"), {"dividends.md": FX_FEES})


def test_an_example_cut_by_chunking_is_read_on_into_the_next_chunk(long_example):
    chunks = long_example.kb.chunks("dividends.md")
    holding = [c for c in chunks if "Gross dividend" in c.text]
    assert holding and all("Net amount credited" not in c.text for c in holding)  # the example does cross chunks
    r = long_example.ask("I hold 3,000 Tessaline shares and the dividend is US$0.25 a share. "
                         "How much lands in my account after tax and the fee?")
    # 3,000 × 0.25 = 750.00; 30% = 225.00; 0.80% = 6.00; 750.00 − 225.00 − 6.00
    assert {750.0, 225.0, 6.0, 519.0} <= _figures(r)
    assert "519.00" in r.answer


def test_the_chunk_an_example_runs_on_into_joins_the_hits(long_example):
    from assistant.example_hits import with_example_continuations
    from knowledge_base.records import SearchHit

    chunks = long_example.kb.chunks("dividends.md")
    cut = next(c for c in chunks if "Gross dividend" in c.text)
    hits = [SearchHit(chunk=cut, score=1.0, rank=1)]
    asked = "I hold 3,000 Tessaline shares at US$0.25 a share of dividend. How much do I get after tax?"
    joined = with_example_continuations(asked, "en", hits, lambda: chunks)
    assert [h.chunk.ordinal for h in joined] == [cut.ordinal, cut.ordinal + 1]
    # a question that states no figure of its own, or asks none, brings in nothing
    assert with_example_continuations("How is the dividend taxed?", "en", hits, lambda: chunks) == hits
    assert with_example_continuations("I hold 3,000 Tessaline shares.", "en", hits, lambda: chunks) == hits


@pytest.mark.parametrize("text", [
    "例子：\n- 成交金額：650 × 4.20 ＝ HK$2,730.00\n- 佣金：2,730 ÷ 0 ＝ HK$6.83\n",  # no result of a division by zero
    "例子：\n- 成交金額：（650 × 4.20 ＝ HK$2,730.00\n",  # a bracket the page leaves open
    "例子：\n- 成交金額：650 × 4.20 ＝ \n- 合計：＝ 12\n",  # no result written
    "",
])
def test_malformed_arithmetic_is_read_as_no_step(text):
    examples = read_examples(1, text)
    assert all(step.label != "佣金" for example in examples for step in example.steps)


BOND_INTEREST = """# 瑞澄證券銀齡債券派息說明

## 六、派息計算

利息＝面值 × 該期息率 ÷ 2；本行會喺派息日後一個營業日，將利息扣除代收利息手續費後存入客戶戶口。
例子：梁生揸住今期債券5手（面值HK$50,000）。
（1）如果某期浮動息率係2.10%，低過3.50%，該期按3.50%計：
     50,000 × 3.50% ÷ 2＝HK$875.00；代收利息手續費0.20%即HK$1.75，
     低過最低收費，收HK$10；實收HK$865.00。
（2）如果某期浮動息率係4.80%，該期按4.80%計：
     50,000 × 4.80% ÷ 2＝HK$1,200.00；手續費收最低HK$10；實收HK$1,190.00。

## 七、提早贖回

提早贖回每次收手續費HK$100。
"""

LENDING = """# 晟和證券借券出借說明

## 一、費用

出借人實得借券費之80%，其餘20%為本公司手續費。

## 二、計算範例

林小姐出借某上市股票3張（3,000股），約定出借費率1.50%，出借73天，假設期間收盤價均為40.00元：

- 借券費全額＝3,000 × 40.00 × 1.50% × 73 ÷ 365＝360.00元
- 出借人實得借券費＝360.00 × 80%＝288.00元，四捨五入為288元
- 實得借券費未超過新臺幣20,000元，不扣繳所得稅；林小姐實收288元
"""


@pytest.fixture(scope="module")
def ask_more(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("worked_examples_more"),
                          {"bond.md": BOND_INTEREST, "lending.md": LENDING}).ask


def test_each_case_of_an_example_is_read_on_the_premise_they_share():
    first, second = read_examples(1, BOND_INTEREST)
    assert [g.shown for g in first.givens if g.kind == "money"] == ["50,000"]
    assert [g.shown for g in second.givens if g.kind == "money"] == ["50,000"]
    # the rate's charge is the minimum the next line states: the net is the gross less that, not less a constant
    assert [(str(s.stated), s.minimum) for s in first.steps] == [("875.00", None), ("10", 10), ("865.00", None)]
    assert [kind for kind, _, _ in first.steps[2].leaves] == ["step", "step"]
    assert [g.shown for g in second.givens if g.kind == "percent"] == ["4.80%"]  # not the first case's rates


def test_the_askers_rate_above_the_examples_floor_is_worked_with_a_charge_above_the_minimum(ask_more):
    r = ask_more("我持有呢隻銀齡債券HK$230,000，如果某期浮動息率係4.62%，扣除手續費後實收幾多利息？")
    # 230,000 × 4.62% ÷ 2 = 5,313.00; 0.20% = 10.63 (over the HK$10 minimum); 5,313.00 − 10.63
    assert {5313.0, 10.63, 5302.37} <= _figures(r)


def test_the_askers_rate_below_the_floor_is_worked_at_the_floor(ask_more):
    r = ask_more("我持有呢隻銀齡債券HK$230,000，如果某期浮動息率係2.5%，扣除手續費後實收幾多利息？")
    # the floor 3.50% applies: 230,000 × 3.50% ÷ 2 = 4,025.00; 0.20% = 8.05, under the minimum: HK$10
    assert {4025.0, 10.0, 4015.0} <= _figures(r)


def test_lots_the_example_states_in_shares_take_the_askers_lots(ask_more):
    r = ask_more("我在晟和出借5張股票，費率2%，借60天，收盤價一直是50元，實際拿到多少借券費？")
    # 5張 = 5,000股 as the example's 3張（3,000股）: 5,000 × 50 × 2% × 60 ÷ 365 = 821.92; 80% = 657.53 → 658
    assert {821.92, 658.0} <= _figures(r)
    assert "5,000 × 50" in r.answer


def test_lots_of_an_example_that_does_not_state_their_size_are_not_taken(ask):
    # 滙朗's IPO example is in shares: the asker's lots come to a number of shares no source states
    assert not _figures(ask("我想用招股價HK$12.30認購5手，連佣金同徵費總共要準備幾多錢？"))


FUND_FEES = """# 景和基金销售：稳益债券A类申购费率公告

## 二、申购费率

| 单笔申购金额（M） | 原申购费率 | 本平台费率 |
|---|---|---|
| M < 100万元 | 1.00% | 0.10% |
| 100万元 ≤ M < 500万元 | 0.60% | 0.06% |
| M ≥ 500万元 | 每笔1,000元 | 每笔1,000元 |

## 三、赎回

赎回费按持有期限收取，详见基金合同。

## 四、费用计算方法

申购采用净额法：净申购金额＝申购金额 ÷（1＋申购费率）。

## 五、计算示例

示例：周女士申购稳益债券A类50,000元，当日基金份额净值为1.2000元。
- 净申购金额＝50,000 ÷（1＋0.10%）＝49,950.05元
- 申购费用＝50,000 － 49,950.05＝49.95元
- 申购份额＝49,950.05 ÷ 1.2000＝41,625.04份
"""


@pytest.fixture(scope="module")
def ask_fund(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("worked_examples_tiers"), {"fund.md": FUND_FEES}).ask


def test_the_rate_of_the_askers_tier_takes_the_place_of_the_examples(ask_fund):
    r = ask_fund("我想在景和申购稳益债券A类200万元，当天净值1.2500元，申购费多少？能买多少份？")
    # 2,000,000 is in the 100万–500万 tier: 0.06%, not the example's 0.10%
    # 2,000,000 ÷ 1.0006 = 1,998,800.72; fee 1,199.28; ÷ 1.2500 = 1,599,040.58
    assert {1998800.72, 1199.28, 1599040.58} <= _figures(r)
    assert "0.06%" in r.answer.split("。")[0]


def test_a_tier_charging_a_fixed_fee_is_not_worked_with_the_examples_rate(ask_fund):
    r = ask_fund("我想在景和申购稳益债券A类600万元，当天净值1.2500元，申购费多少？能买多少份？")
    assert not _figures(r)  # 600万 pays 每笔1,000元: no step of the example works a fixed fee


def test_a_condition_the_example_meets_and_the_askers_figures_do_not_is_flagged(ask_more):
    example, = read_examples(1, LENDING)
    assert [(c[0], c[1], str(c[2])) for c in example.conditions] == [("實得借券費未超過新臺幣20,000元，不扣繳所得稅", True, "20000")]
    small = ask_more("我在晟和出借5張股票，費率2%，借60天，收盤價一直是50元，實際拿到多少借券費？")
    assert "注意" not in small.answer.split("（")[0]  # 658 is under 20,000: the example's conclusion holds
    large = ask_more("我在晟和出借20張股票，費率2.8%，借90天，收盤價一直是245元，實際拿到多少借券費？")
    # 20,000 × 245 × 2.8% × 90 ÷ 365 = 33,830.14; 80% = 27,064: over 20,000, so tax is withheld after all
    assert {33830.14, 27064.0} <= _figures(large)
    assert "注意" in large.answer and "20,000" in large.answer.split("（")[0]


# A Taiwan ETF dealer's notice: each ETF's terms in its own column, and the example worked in a table of steps
# (the step, its arithmetic, its result), the NAV named inside the arithmetic.
ETF_NOTICE = """# 澄豐證券ETF現金申購說明

## 一、適用ETF

| 項目 | 00981 澄豐科技ETF | 00982B 澄豐投資級債ETF |
|---|---|---|
| 申購基數 | 200,000單位 | 400,000單位 |
| 預收申購價金比率 | 105% | 101% |
| 申購交易費率 | 0.08% | 0.02% |

## 二、試算範例

陳先生透過本公司申購00981一個基數（200,000單位）。

| 步驟 | 計算 | 金額（新臺幣） |
|---|---|---|
| 每申購基數約當市值 | 前一營業日清單公告 | 6,000,000元 |
| 預收申購總價金 | 6,000,000 × 105% ＋ 3,000 | 6,303,000元 |
| 申購價金 | T日淨值30.2500 × 200,000 | 6,050,000元 |
| 申購交易費 | 6,050,000 × 0.08%＝4,840 | 4,840元 |
| 實際申購總價金 | 6,050,000 ＋ 4,840 ＋ 3,000 | 6,057,840元 |
| 退還差額 | 6,303,000 － 6,057,840 | 245,160元 |
"""


@pytest.fixture(scope="module")
def ask_etf(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("worked_examples_etf"), {"etf.md": ETF_NOTICE}).ask


def test_an_example_worked_in_a_table_of_steps_is_read_step_by_step():
    example, = read_examples(1, ETF_NOTICE)
    assert [(s.label, str(s.stated)) for s in example.steps] == [
        ("預收申購總價金", "6303000"), ("申購價金", "6050000"), ("申購交易費", "4840"), ("實際申購總價金", "6057840"),
        ("退還差額", "245160")]
    # the NAV named in the arithmetic is one of the example's givens, a price the asker's may replace
    assert ("30.2500", "money") in [(g.shown, g.kind) for g in example.givens]


def test_the_example_is_worked_again_with_the_askers_market_value_and_nav(ask_etf):
    r = ask_etf("我在澄豐申購1個基數的00981，清單上每基數約當市值是6,500,000元，T日淨值32.1000，要預繳多少？會退回多少？")
    # 6,500,000 × 105% + 3,000 = 6,828,000; 32.1 × 200,000 = 6,420,000; fee 5,136; 6,428,136; refund 399,864
    assert {6828000, 6420000, 5136, 6428136, 399864} <= _figures(r)


def test_another_etfs_terms_come_from_its_own_column(ask_etf):
    r = ask_etf("我在澄豐申購1個基數的00982B，清單上每基數約當市值是8,000,000元，T日淨值20.0000，要預繳多少？會退回多少？")
    # 00982B: 101%, 400,000 units, 0.02%: 8,080,000 + 3,000 = 8,083,000; 8,000,000; fee 1,600; 8,004,600; 78,400
    assert {8083000, 8000000, 1600, 8004600, 78400} <= _figures(r)
    assert "101%" in r.answer and "105%" in r.answer  # the swap is stated: the asker's ETF's rate for the example's


PRICE_RULES = """# 澄豐證券ETF現金申購價金計算方式

1. 實際申購總價金＝T日每單位淨值 × 申購單位數 ＋ 申購交易費 ＋ 申購手續費；申購交易費＝T日每單位淨值 × 申購單位數 × 0.08%。
2. 申購手續費每一基數新臺幣3,000元，併入預收申購總價金收取。
"""


def test_a_formula_does_not_bind_one_figure_of_the_askers_to_two_quantities(tmp_path):
    ask = assistant_over(tmp_path, {"rules.md": PRICE_RULES}).ask
    r = ask("我在澄豐申購了4個基數的00981，當天淨值29.1560，實際申購總價金是多少？")
    # 「申購了4個基數」 is neither the units, the transaction fee nor the handling fee: nothing is worked as 4 + 4
    assert "4 + 4" not in r.answer and "4 ＋ 4" not in r.answer
    assert not [f for f in r.figures if f.name == "formula"]


# Numbered steps (not cases), a chained equality, a rounding after an ellipsis, a minimum charged in the step's own
# clause, and a step whose count of lots the example reads off an earlier result in prose.
SCRIP_NOTICE = """# 澄峰證券：以股代息選擇通告

每股末期股息HK$0.36，可選以股代息，以股代息價HK$7.20；每手1,000股。

六、例子（假設）
何小姐記錄日喺本行持有澄峰8,000股，揀末期股息全部收新股。
（1）末期股息：8,000 × HK$0.36＝HK$2,880.00
（2）新股數目：2,880.00 ÷ 7.20＝400.00…，捨去小數，得400股
（3）零碎股權益：2,880.00 － 400 × 7.20＝2,880.00 － 2,880.00＝HK$0.00
（4）特別股息（只派現金）：8,000 × HK$0.05＝HK$400.00
（5）代收現金股息手續費：400.00 × 0.50%＝HK$2.00，低過最低收費，收HK$20.00
（6）代收新股手續費：400股當1手：1 × HK$1.50＝HK$1.50
（7）派發日戶口現金淨增加：400.00＋0.00－20.00－1.50＝HK$378.50
"""


@pytest.fixture(scope="module")
def ask_scrip(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("worked_examples_scrip"), {"scrip.md": SCRIP_NOTICE}).ask


def test_numbered_steps_are_one_example_read_in_order():
    example, = read_examples(1, SCRIP_NOTICE)
    assert [s.label for s in example.steps] == [
        "（1）末期股息", "（2）新股數目", "（3）零碎股權益", "（4）特別股息（只派現金）", "（5）代收現金股息手續費",
        "（6）代收新股手續費", "（7）派發日戶口現金淨增加"]
    shares, fraction, fee = example.steps[1], example.steps[2], example.steps[4]
    assert (str(shares.stated), shares.rounding) == ("400", "down")  # 「400.00…，捨去小數，得400股」
    assert [k for k, _, _ in fraction.leaves] == ["step", "step", "constant"]  # 2,880.00 − 400 × 7.20, chained
    assert (str(fee.stated), str(fee.minimum)) == ("20.00", "20.00")  # the minimum charged, carried on


def test_a_holding_in_ten_thousands_of_shares_works_the_example(ask_scrip):
    r = ask_scrip("我在澄峰有2万股，末期股息全部选以股代息，能拿到多少股新股？零碎股权益多少？")
    # 20,000 × 0.36 = 7,200.00; ÷ 7.20 = 1,000 shares; nothing over
    assert {7200.0, 1000.0} <= _figures(r)


def test_a_step_on_a_count_the_example_reads_off_its_own_result_is_flagged(ask_scrip):
    r = ask_scrip("我喺澄峰有45,000股，末期股息全部收新股，有幾多股新股？派發日戶口現金淨增加幾多？")
    # 45,000 × 0.36 = 16,200.00; ÷ 7.20 = 2,250 shares, three lots, not the example's one
    assert 2250.0 in _figures(r)
    assert "代收新股手續費" in r.answer and "未按您的數字重算" in r.answer


def test_the_table_listing_each_securitys_terms_joins_the_hits(ask_etf):
    from assistant.security_table_hits import codes_in, lists_securities, with_security_table

    kb = ask_etf.__self__.kb
    chunks = kb.chunks("etf.md")
    example = [h for h in kb.search("試算範例 申購價金", k=6) if "陳先生" in h.chunk.text or "步驟" in h.chunk.text]
    assert example and not any("預收申購價金比率 | 105%" in h.chunk.text for h in example)
    joined = with_security_table("我在澄丰申购1个基数的00982b", example, lambda: chunks)
    assert any("預收申購價金比率" in h.chunk.text for h in joined[len(example):])
    assert with_security_table("我在澄丰申购1个基数", example, lambda: chunks) == example  # no code asked
    assert codes_in("00982b 澄丰投资级债etf") == {"00982"} and codes_in("2027年") == set()
    assert lists_securities("| 項目 | 00981 澄豐科技ETF | 00982B 澄豐投資級債ETF |") == {"00981", "00982"}


TENDER_GUIDE = """澄嶺證券：回購要約接納指引（客戶通告）

一、要約條款
回購價每股HK$3.40，以現金支付。

二、計算方法及例子
實收款項＝接納股數 × HK$3.40 － 賣方印花稅 － 處理費
例子：何先生喺澄嶺持有8,000股，經App全部接納。
  要約代價         8,000 × 3.40＝HK$27,200.00
  印花稅           27,200.00 × 0.1%＝HK$27.20
  實收款項         27,200.00 － 27.20 － 30.00＝HK$27,142.80
以上例子只作說明。
"""


def test_a_figure_the_pages_formula_multiplies_by_is_a_term_not_the_examples_assumption(tmp_path):
    ask = assistant_over(tmp_path, {"tender.txt": TENDER_GUIDE}).ask
    r = ask("我喺澄嶺有5,000股，App全部接納，實收幾多？")
    assert "17,000.00" in r.answer and "16,953.00" in r.answer  # 5,000 × 3.40; less 17.00 and 30.00


ODD_LOT_TENDER = """澄嶺證券：全面要約接納指引（客戶通告）

一、收費
代理接納手續費           每手HK$2.00，最低HK$60，
                         最高HK$600
註：手續費按接納股數計手數，不足一手嘅碎股當一手計。
賣方印花稅：按接納代價0.1%計，不足HK$1嘅部分作HK$1計（即向上取整至整數港元）。

二、計算方法及例子
實收款項＝接納股數 × HK$3.50 － 賣方印花稅 － 代理接納手續費
例子：何先生喺澄嶺持有8,000股，經App全部接納。
  要約代價         8,000 × 3.50＝HK$28,000.00
  印花稅           28,000.00 × 0.1%＝HK$28.00
  手續費           8,000股＝5手加500股碎股，當6手計：6 × HK$2.00＝HK$12.00，
                   低過最低收費，收HK$60.00
  實收款項         28,000.00 － 28.00 － 60.00＝HK$27,912.00
以上例子只作說明。
"""


@pytest.fixture(scope="module")
def ask_tender(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("odd_lot_tender"), {"tender.txt": ODD_LOT_TENDER}).ask


def test_the_lots_charged_follow_the_askers_holding_and_a_wrapped_minimum_stays_with_its_step(ask_tender):
    # 98,500 shares at a lot of 1,500: 65 whole lots and 1,000 odd shares, 66 lots charged, HK$132 (above HK$60);
    # stamp duty 344.75 rounded up to HK$345 as the page's note says
    r = ask_tender("我喺澄嶺有98,500股，App全部接納，手續費幾多？實收幾多？")
    assert "66 × HK$2.00" in r.answer and "HK$132.00" in r.answer
    assert "當66手計" in r.answer and "當6手計" not in r.answer  # the step's label names the asker's count
    assert "HK$345" in r.answer and "344,273.00" in r.answer  # 344,750 − 345 − 132
    # a small holding: two lots charged at the HK$60 minimum
    r = ask_tender("我喺澄嶺只有2,000股，App全部接納，實收幾多？")
    assert "6,933.00" in r.answer  # 7,000 − 7 − 60


SCRIP_LOTS = """# 澄峰證券：以股代息選擇通告（二）

每股末期股息HK$0.36，可選以股代息，以股代息價HK$7.20；每手500股。

二、例子（假設）
何小姐記錄日喺本行持有澄峰15,000股，揀末期股息全部收新股。
（1）末期股息：15,000 × HK$0.36＝HK$5,400.00
（2）新股數目：5,400.00 ÷ 7.20＝750.00…，捨去小數，得750股
（3）代收新股手續費：750股＝1手加250股碎股，當2手：2 × HK$1.50＝HK$3.00
"""


def test_lots_counted_of_new_shares_an_earlier_step_works_out_follow_the_askers_count(tmp_path):
    ask = assistant_over(tmp_path, {"scrip.md": SCRIP_LOTS}).ask
    r = ask("我喺澄峰有52,000股，末期股息全部收新股，有幾多股新股？代收新股手續費幾多？")
    # 52,000 × 0.36 = 18,720.00; ÷ 7.20 = 2,600 shares: 5 whole lots and 100 odd shares, 6 lots charged
    assert "6 × HK$1.50" in r.answer and "HK$9.00" in r.answer
    assert "未按您的數字重算" not in r.answer


def test_the_charges_sum_is_given_where_the_question_asks_what_was_deducted(ask_tender):
    # 98,500 shares: stamp duty HK$345 and 66 lots at HK$2.00 = HK$132 are taken off: HK$477 in all
    r = ask_tender("我喺澄嶺有98,500股，App全部接納，實收幾多？總共扣咗幾多錢？")
    assert "345 + 132.00 = HK$477.00" in r.answer and "344,273.00" in r.answer
    # asked the net amount only, the answer does not add a sum nobody asked for
    assert "477" not in ask_tender("我喺澄嶺有98,500股，App全部接納，實收幾多？").answer


def test_an_english_question_on_fees_altogether_gets_the_charges_sum(ask_tender):
    r = ask_tender("I hold 2,000 shares with Chengling and accept the offer for all of them in the app. How much do I "
                   "actually receive, and what are the total fees?")
    assert "6,933.00" in r.answer and "7 + 60.00 = HK$67.00" in r.answer


TWO_EXAMPLES = """# 曜禾證券：全額交割股預收款項說明

## 三、計算範例（僅供說明）

**範例一：買進。** 林先生以網路委託買進2207曜禾精機8張，限價62.40元：
- 須預收：62.40 × 8,000 ×（1＋0.1425%）＝499,911.36，無條件進位為499,912元。
- 8張全部以62.10元成交：成交金額496,800元。
- 手續費：496,800 × 0.1425% × 0.6＝424.764，捨去為424元；應付497,224元。
- 收盤後解除圈存：499,912－497,224＝2,688元。
**範例二：賣出。** 周小姐以網路賣出2207曜禾精機4張，成交價63.00元：
- 成交金額252,000元；手續費252,000 × 0.1425% × 0.6＝215.46，捨去為215元。
- 證券交易稅252,000 × 0.3%＝756元；入帳252,000－215－756＝251,029元。
"""


@pytest.fixture(scope="module")
def ask_two_examples(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("kb"), {"prepay.md": TWO_EXAMPLES}).ask


def test_lots_the_arithmetic_writes_as_shares_and_an_amount_stated_without_arithmetic_follow_the_askers_figures(
        ask_two_examples):
    r = ask_two_examples("我想買進曜禾精機（2207）5張，限價60.00，結果全部以59.80元成交，要先預收多少？收盤後解除多少？")
    # 60.00 × 5,000 × 1.001425 = 300,427.50 → 300,428; 5,000 × 59.80 = 299,000; fee 299,000 × 0.1425% × 0.6 =
    # 255.645 → 255; paid 299,255; released 300,428 − 299,255 = 1,173
    assert "300,428" in r.answer and "299,000" in r.answer and "1,173" in r.answer


def test_a_second_example_with_its_own_premise_is_read_apart_from_the_first(ask_two_examples):
    r = ask_two_examples("我賣出曜禾精機（2207）6張，成交價61.50元，扣完手續費和證交稅入帳多少？")
    # 6,000 × 61.50 = 369,000; fee 369,000 × 0.1425% × 0.6 = 315.495 → 315; tax 1,107; 369,000 − 315 − 1,107
    assert "367,578" in r.answer
    assert "以您所述的6代替示例的4" in r.answer


def test_a_trade_price_with_no_unit_is_read_as_money():
    from assistant.composers.example_reading import figure_kind
    from assistant.number_tokens import numbers_in
    text = "结果全部以51.00成交"
    assert [figure_kind(text, t) for t in numbers_in(text, skip_names=False)] == ["money"]


def test_an_english_question_naming_its_lots_twice_works_the_chinese_example(ask_two_examples):
    r = ask_two_examples("I want to buy 5 lots of 2207 online with a limit of NT$60.00. If all 5 lots fill at NT$59.80, "
                         "how much is released after the close?")
    assert "300,428" in r.answer and "1,173" in r.answer


DAY_TRADE_AND_MARGIN = """# 豐曜證券當沖與融資說明

## 一、當沖證交稅

當日沖銷賣出的證券交易稅減半為0.15%。
當沖試算：以電子下單買進1張50元股票，同日以51元賣出，當沖證交稅51,000 × 0.15% ＝ 76.5，計76元。

## 二、融資範例

王小姐以每股80元，融資買進上市股票5張（每張1,000股）：
- 股票市值：80 × 5,000 ＝ 400,000元
- 融資金額：400,000 × 60% ＝ 240,000元
- 自備款：400,000 － 240,000 ＝ 160,000元
"""


@pytest.fixture(scope="module")
def ask_day_trade(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("kb"), {"daytrade.md": DAY_TRADE_AND_MARGIN}).ask


def test_an_example_working_another_measure_is_not_worked_again_for_the_one_asked(ask_day_trade):
    r = ask_day_trade("請問當沖1張股票，賣在102元，證交稅要繳多少錢？")
    assert "61,200" not in r.answer  # the margin example's loan on 102,000: not what was asked


def test_the_example_working_the_measure_asked_is_still_worked_again(ask_day_trade):
    r = ask_day_trade("我想用融資買進2張，每股90元，融資金額是多少？自備款要多少？")
    assert "108,000" in r.answer and "72,000" in r.answer  # 180,000 × 60%; 180,000 − 108,000


TRUST_FEES = """# 晴嵐銀行安養信託管理費

## 計算方式
每月管理費＝月底信託財產價值×年率÷12；新費率按級距分別計算後加總，元以下四捨五入。

## 計算範例
**例一（既有契約）：**王先生6月底信託財產價值NT$6,240,000，6月份管理費仍依原費率：6,240,000×0.30%÷12＝NT$1,560。
**例二（新契約、級距計算）：**林女士5月底價值NT$13,600,000：10,000,000×0.20%÷12＋3,600,000×0.15%÷12＝1,666.67＋450＝2,116.67，計為NT$2,117。
"""


def test_an_example_charging_a_sum_in_bands_reads_each_band_of_it():
    examples = read_examples(1, TRUST_FEES)
    assert len(examples) == 2  # each 例 states its own sum: two examples, not cases of one
    tiered = examples[1]
    bands = [g for g in tiered.givens if g.tier_of is not None]
    assert [g.shown for g in bands] == ["10,000,000", "3,600,000"]
    assert tiered.steps[0].stated == 2117 and tiered.steps[0].rounding == "half"  # 「計為NT$2,117」


@pytest.fixture(scope="module")
def ask_trust(tmp_path_factory):
    tiered_only = TRUST_FEES.replace(TRUST_FEES[TRUST_FEES.index("**例一"):TRUST_FEES.index("**例二")], "")
    return assistant_over(tmp_path_factory.mktemp("trust_bands"), {"trust.md": tiered_only}).ask


def test_the_askers_sum_is_split_into_the_same_bands(ask_trust):
    r = ask_trust("我的安養信託月底價值NT$12,400,000，按新費率每月管理費多少？")
    # 10,000,000 × 0.20% ÷ 12 + 2,400,000 × 0.15% ÷ 12 = 1,666.67 + 300 = 1,966.67 → 1,967
    assert "2,400,000" in r.answer and "1,967" in r.answer
    small = ask_trust("我的安養信託月底價值NT$4,800,000，按新費率每月管理費多少？")
    assert "800" in small.answer and "1,967" not in small.answer  # all of it in the first band: 800.00


CD_NOTICE = """# 汇川银行大额存单发行公告（虚构示例）

本期大额存单起存金额20万元，三个月期年利率1.90%，一年期年利率2.15%，按单利计息，到期一次还本付息。

## 计算示例

> **示例一（一年期）：** 存入一年期大额存单300,000元，到期利息 ＝ 300,000 × 2.15% ＝ 6,450.00元。

> **示例二（三个月期）：** 存入三个月期大额存单500,000元，到期利息 ＝ 500,000 × 1.90% × 3 ÷ 12 ＝ 2,375.00元。

提前支取按支取日活期利率0.20%计息。
"""


def test_an_example_in_a_markdown_quote_with_its_title_on_the_steps_line_is_read_alone():
    examples = read_examples(1, CD_NOTICE)
    quarter = next(e for e in examples if any(s.stated == Decimal("2375.00") for s in e.steps))
    # its premise is its own line's 500,000, not the notice's opening paragraph nor the example before it
    assert [g.shown for g in quarter.givens if g.kind == "money"] == ["500,000"]
    assert quarter.steps[0].label == "到期利息"  # not the example's title 「示例二（三个月期）」


@pytest.fixture(scope="module")
def ask_cd(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("cd_quotes"), {"cd.md": CD_NOTICE}).ask


def test_the_examples_whole_working_answers_where_the_stated_rate_alone_would_not(ask_cd):
    # 240,000 × 1.90% × 3 ÷ 12 = 1,140.00 (the rate alone, 240,000 × 1.90% = 4,560, is a year's interest)
    r = ask_cd("我在2043年5月7日存入三个月期汇川大额存单240,000元，到期利息是多少？")
    assert not r.refused and "1,140" in r.answer and "4,560" not in r.answer
