"""An English question naming a company in Latin letters answers from the page that names it, not from another
company's page that shares its other words; a company no retrieved page writes in Latin letters (a Chinese page's
company asked in pinyin) leaves every page in play. Documents written for this test, through the real chain."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

RELEASE = """Tallowin Instruments Reports Second Quarter Results

SAN JOSE -- Tallowin Instruments (NASDAQ: TLWN) today reported results for its second quarter.
The Board of Directors declared a quarterly cash dividend of $0.30 per share, payable on 14 August to
stockholders of record on 31 July. The prior quarterly dividend was $0.25 per share.
Revenue for the quarter was $412.6 million, up 9% from a year earlier.
"""

NOTICE = """# 启岳科技股份有限公司 2025年年度权益分派实施公告

公司2025年度利润分配方案为每10股派发现金红利3.20元（含税），股权登记日为2026年5月20日，
除息日及现金红利发放日为2026年5月21日。本次分派对象为截至股权登记日下午上海证券交易所收市后登记在册的全体股东。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    docs = {"release.txt": RELEASE, "notice.md": NOTICE}
    return assistant_over(tmp_path_factory.mktemp("latin_names"), docs).ask


def test_an_english_question_naming_a_company_answers_from_its_page(ask):
    r = ask("When does Tallowin pay its new dividend, and do I need to own the stock by a certain date to get it?")
    assert "14 August" in r.answer and "31 July" in r.answer
    assert "2026年5月" not in r.answer and "May 2026" not in r.answer  # the other company's payout


def test_a_company_no_page_writes_in_latin_letters_leaves_its_chinese_page_in_play(ask):
    r = ask("Tallowin's new quarterly dividend per share versus Qiyue Technology's 2025 cash dividend per 10 shares?")
    assert "0.30" in r.answer and "3.20" in r.answer


WUI_LONG = """# 匯朗證券客戶通告：恒澤置業末期股息以股代息安排

匯朗證券有限公司客戶通告。恒澤置業控股有限公司已公佈派發末期股息每股HK$0.48，股東可以揀收現金或者收新股。
如果你喺記錄日透過本行持有恒澤股份，請細心睇清楚以下安排，並喺本行截止時間之前話俾我哋知你嘅選擇。

## 一、重要日期

除淨日為2027年5月26日，記錄日為2027年6月2日。網上及App截止時間為2027年6月24日下午5:00，
電話及分行截止時間為2027年6月23日下午4:00。股息及股票會喺2027年7月9日派發，新股7月12日開始買賣。

## 二、點樣揀

乜都唔使做就會全部收現金。想收新股可以經網上、App、電話或者分行遞交指示，指示一經遞交不可撤回。
新股數目等於持股數目乘每股股息再除以股價，不足一股嘅部分以現金派發，計至仙。

## 三、本行收費

| 收費項目 | 2027年6月1日起 | 2027年5月31日前 |
|---|---|---|
| 代收現金股息手續費 | 股息金額0.50%，最低HK$20 | 股息金額0.60%，最低HK$25 |
| 代收以股代息新股手續費 | 每手HK$1.50，最低HK$30 | 每手HK$2.00，最低HK$40 |

以上收費會喺派發日從現金股息扣除。
"""

HARBOURLINE = """Harbourline Securities: ADS dividends and fees

ADS holders receive cash dividends in US dollars. The depositary converts the cash dividend at its own rate and
pays it to Harbourline, which collects the dividend for you.

## Collecting dividends

Harbourline then deducts its dividend collection fee and credits your US dollar balance, usually 3 to 5 business
days later. Cash dividends on ADSs are collected for you automatically; you do not need to apply for collection.

## Fees

| Fee | Charged by | Amount |
|---|---|---|
| ADS cash dividend collection fee | Harbourline | 0.50% of the dividend, minimum US$5 |
| Depositary service fee | Depositary | US$0.02 per ADS per year, deducted from a cash dividend |
| Custody of ADSs | Harbourline | Free |

## When fees are charged

Dividend collection fees are charged in US dollars on the payment date, from the cash dividend collected.
If a cash dividend is too small to cover the collection fee, the fee is charged to your US dollar balance.

## Scrip and other elections

ADS holders cannot elect to take dividends as new shares; the depositary sells any shares and pays cash.
"""


@pytest.fixture(scope="module")
def ask_brokers(tmp_path_factory):
    docs = {"wuilong.md": WUI_LONG, "harbourline.txt": HARBOURLINE}
    return assistant_over(tmp_path_factory.mktemp("named_brokers"), docs).ask


def test_a_broker_named_in_its_own_romanisation_is_answered_from_its_chinese_page(ask_brokers):
    # the English page shares "fee", "collect", "cash dividend"; the question is about Wui Long's charges
    r = ask_brokers("With Wui Long, what is the fee for collecting a cash dividend?")
    assert not r.refused
    assert {c.doc_id for c in r.citations} == {"wuilong.md"}
    assert "HK$20" in r.answer


def test_one_passage_of_the_named_brokers_page_among_anothers_is_joined_by_its_best(ask_brokers):
    from assistant.subject_hits import SUBJECT_HITS, with_subject_hits

    kb = ask_brokers.__self__.kb
    question = "With Wui Long, what is the fee for collecting a cash dividend?"
    english = [h for h in kb.search("ADS cash dividend collection fee", k=8) if h.chunk.doc_id == "harbourline.txt"]
    heading = next(h for h in kb.search("匯朗證券客戶通告", k=8) if h.chunk.doc_id == "wuilong.md")
    hits = [*english[:4], heading]  # the named broker's page holds one passage of five: its heading
    pinned = with_subject_hits(question, hits, kb, 5, ["汇朗"])
    assert [h.chunk.doc_id for h in pinned[:SUBJECT_HITS]] == ["wuilong.md"] * SUBJECT_HITS
    assert len(pinned) == 5
    # two passages of its page already: the hits stand
    second = next(h for h in kb.search("代收現金股息手續費", k=8) if h.chunk.doc_id == "wuilong.md"
                  and h.chunk.chunk_id != heading.chunk.chunk_id)
    held = [*english[:3], heading, second]
    assert with_subject_hits(question, held, kb, 5, ["汇朗"]) == held
