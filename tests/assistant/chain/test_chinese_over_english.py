"""A Chinese question whose answer only an English source states: the question's words in English (the query-term
list read backwards: 存續期間 → duration) are searched too. Documents written for this test, real chain."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

FUND = """# Quayside Short Bond ETF (QSBE): a guide for investors

The Quayside Short Bond ETF (ticker: QSBE) is an exchange-traded fund listed on Cboe BZX. It holds U.S. dollar
corporate and government bonds that mature within five years, and it pays income every month.

## Who runs it

The fund is run by Quayside Investments; the portfolio managers are Priya Raman and Tomas Berg. They have
managed it together since its launch on June 2, 2020.

## Trading

Investors buy and sell shares on the exchange through a brokerage account during market hours. Large
institutions can create or redeem shares in blocks of 25,000 with the fund directly.

## Interest rate sensitivity

The portfolio's effective duration was 2.4 years at the end of September 2026. A longer duration means the
price moves more when rates change; short bond funds keep it low on purpose.

## Costs

Gross expense ratio: 0.35%. Net expense ratio: 0.15%, after the adviser's fee waiver.

## Risks

Bond prices fall when interest rates rise. An issuer may fail to pay. Past performance does not guarantee
future results.
"""

OTHER = """# 債券基金常見問題

## 債券基金的淨值為何會變動?

債券基金的淨值會隨市場利率變動,投資人應了解自己的風險承受能力。

## 配息金額在哪裡查?

基金公司通常每月公布持債明細與配息金額,投資人可在官網查詢。

## 債券基金要持有幾年?

持有期間視個人目標而定,短期資金需求者宜選擇到期日較短的債券基金。

## 投資等級債是什麼?

信用評等在BBB級以上的債券稱為投資等級債,違約風險較低。
"""

ANOTHER = """# Harbor Dividend Equity ETF (HDEQ)

The Harbor Dividend Equity ETF (HDEQ) holds 80 large U.S. companies with long records of raising dividends.

## Costs

The expense ratio is 0.19% a year. There is no sales load.

## Distributions

HDEQ pays dividends every quarter, in March, June, September and December.

## How long to hold

Equity funds suit investors who can hold for five years or more and accept price swings.
"""

RESULTS = """# Tidewell Shipping (Stock Code: 4127) announces 2026 annual results

Tidewell Shipping Limited (Stock Code: 4127) today announced its results for the year ended 31 December 2026.

## Dividend

The Board recommends a final dividend of HK12.5 cents per share, subject to shareholders' approval at the annual
general meeting. An interim dividend of HK8.0 cents per share was paid in September 2026.

## Business review

Revenue from the logistics business rose 12% to HK$845.2 million. The Group's container leasing arm was sold in
June 2026.
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("zh_over_en"),
                          {"fund.md": FUND, "faq.md": OTHER, "hdeq.md": ANOTHER, "results.md": RESULTS}).ask


def test_a_chinese_question_finds_the_english_passage_that_answers_it(ask):
    r = ask("QSBE的存續期間大概是幾年?")
    assert not r.refused
    assert "2.4 years" in r.answer
    assert any("effective duration" in c.quote for c in r.citations)


def test_english_forms_are_only_words_the_knowledge_base_uses(ask):
    kb = ask.__self__.kb
    assert "duration" in kb.english_forms("qsbe的存续期间大概是几年?")
    assert kb.english_forms("qsbe的市盈率是多少?") == []  # "p/e" and "price-to-earnings" appear nowhere


def test_english_forms_only_for_a_thing_only_english_pages_name(ask):
    """BBB is named on the Chinese FAQ too, and a question naming nothing in Latin letters names no English page:
    their Chinese words are searched as written."""
    kb = ask.__self__.kb
    assert kb.english_forms("bbb债券的存续期间大概是几年?") == []
    assert kb.english_forms("债券基金的存续期间大概是几年?") == []


def test_a_chinese_cost_question_takes_the_english_rate_it_names(ask):
    # 淨費用率 is the net expense ratio, not the gross one beside it
    r = ask("投資QSBE 2萬美元，按淨費用率一年大約要付多少美元費用?")
    assert [(f.name, round(f.value, 2)) for f in r.figures] == [("share_of", 30.0)]


def test_a_holding_of_shares_times_the_final_dividend_an_english_release_states(ask):
    # 末期息 is the release's "final dividend", not its interim one; HK cents are a hundredth of a dollar
    r = ask("我手上有8,000股4127，末期息通過咗嘅話會收到幾多錢？")
    assert [(f.name, round(f.value, 2)) for f in r.figures] == [("holding", 1000.0)]
    assert "12.5" in r.answer


def test_a_chinese_noun_meets_an_english_release_through_the_dictionary(ask):
    """物流 and 收入 are in no term list: the general dictionary's English for them ("logistics", "revenue") finds
    the release's sentence and counts as its evidence, for a company only English pages name."""
    kb = ask.__self__.kb
    assert {"logistics", "revenue"} <= set(kb.english_forms("tidewell嘅物流收入系几多?"))
    assert kb.english_forms("债券基金的物流收入是多少?") == []  # names no thing only English pages name
    r = ask("Tidewell嘅物流收入係幾多？")
    assert not r.refused and "845.2" in r.answer


def test_a_listed_word_whose_listed_forms_no_page_writes_goes_through_the_dictionary(tmp_path):
    # 分红 is listed as "dividend distribution"; this page never writes "distribution", only "dividend"
    page = ("# Lantern Bio ADS programme\n\nLNBO ADS holders receive each cash dividend in US dollars, less the "
            "collection fee of 0.50% (minimum US$5).\n\nThe expense of conversion is charged on completion.\n")
    kb = assistant_over(tmp_path, {"lnbo.md": page}).kb
    forms = kb.english_forms("lnbo的分红会扣什么费用?")
    assert "dividend" in forms
    assert "distribution" not in forms


def test_a_term_the_segmenter_calls_a_proper_noun_is_no_missing_name_on_the_english_page_naming_the_subject(tmp_path):
    # 换股 (share conversion) is tagged nz; the page names Harbourline, QHMB and LNBO and writes "ADS ratio"
    page = ("# Harbourline Securities: ADR conversion\n\n## Supported programmes\n\n"
            "| Issuer | US listing | HK stock code | ADS ratio | Depositary service fee |\n|---|---|---|---|---|\n"
            "| Qinghe Mobility | NYSE: QHMB | 2469 | 1 ADS = 4 ordinary shares | US$0.02 per ADS per year |\n"
            "| Lantern Bio | Nasdaq: LNBO | 6638 | 1 ADS = 10 ordinary shares | US$0.05 per ADS per year |\n\n"
            "Harbourline converts Hong Kong shares into ADSs and back for these two programmes only.\n")
    ask = assistant_over(tmp_path, {"adr.md": page}).ask
    r = ask("Harbourline支持转换的QHMB和LNBO两只ADR，换股比例、港股代码和存托服务费各是多少？")
    assert not r.refused
    assert all(x in r.answer for x in ("2469", "6638", "US$0.02", "US$0.05"))
    # a Chinese question naming nothing the page names still needs its names: 恒生指数 is no term of this page
    assert ask("恒生指数的换股比例是多少？").refused
    # a word the dictionary reads (中文名: a "Chinese" name) is still checked on the page, which writes no Chinese
    assert ask("QHMB個中文名叫咩？").refused


def test_a_word_only_the_bilingual_dictionary_knows_meets_the_english_page(tmp_path):
    # 年费 and 结单 are not in the segmenter's dictionary, only in CC-CEDICT ("annual fee", "statement of account"):
    # the page's "Annual account fee" and "Paper statement" rows answer, where before the question was refused
    page = ("# Quillon Share Plan Services: fee schedule\n\n"
            "Quillon administers the Varrow Labs employee share plan.\n\n"
            "## Fee schedule\n\n| Service | New (from 1 March 2035) | Current |\n|---|---|---|\n"
            "| Online sale commission | 0.10%, minimum US$8.00 | US$14.95 |\n"
            "| Paper statement by post | US$5.00 per document | Free |\n"
            "| Annual account fee | None | US$30.00 |\n"
            "| Transfer of shares to another broker | US$75.00 | US$50.00 |\n\n"
            "## Contact\n\nParticipant Service Centre +852 3000 0000, Monday to Friday.\n")
    ask = assistant_over(tmp_path, {"quillon.md": page}).ask
    r = ask("Quillon寄纸质结单要收费吗？年费还收不收？")
    assert not r.refused, r.answer
    assert "US$5.00" in r.answer and "US$30.00" in r.answer
    assert ask("Quillon的期权行权怎么收费？").refused  # a topic the page does not hold is still refused
