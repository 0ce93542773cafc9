"""A thing the sources name only to say its details come elsewhere (「…（017436）的相关费率另行公告」) is not
answered from the fees they state for other funds. Documents written for this test, real chain."""
from __future__ import annotations

import pytest

from assistant.deferred_subjects import deferred_codes
from tests.conftest import assistant_over

NOTICE = """# 景和基金销售：稳益债券基金费率公告

## 一、适用基金

稳益债券基金A类（代码：018201）在本平台申购费率为0.10%，赎回费率持有不满7天为1.50%。

## 二、常见问题

**问：基金转换怎么收费？**
答：转换费用＝转出基金赎回费用＋申购费补差。景和成长股票基金（018219）的相关费率另行公告。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("deferred"), {"notice.md": NOTICE}).ask


def test_a_code_whose_only_sentence_defers_its_details_is_deferred():
    texts = [NOTICE]
    mentioning = lambda token, limit: [t for t in texts if token in t][:limit]  # noqa: E731
    assert deferred_codes("018219的申购费是多少？", mentioning) == ["018219"]
    assert deferred_codes("018201的申购费是多少？", mentioning) == []  # its rate is stated
    assert deferred_codes("2027年的申购费？", mentioning) == []  # a year is no code


def test_the_fee_of_a_fund_whose_fees_are_announced_separately_is_not_answered(ask):
    r = ask("What's the subscription fee for the Jinghe growth fund 018219?")
    assert r.refused
    assert "0.10%" not in r.answer  # the other fund's rate


def test_the_fund_the_sources_describe_is_still_answered(ask):
    r = ask("018201的申购费率是多少？")
    assert not r.refused and "0.10%" in r.answer


SOUTHBOUND = """# 华睿证券港股通常见问题

## 红利与税费

**问：港股通收到的现金分红要交税吗？**
答：要。H股由H股公司按20%代扣个人所得税；非H股由中国结算按20%代扣。
港股通下REIT（房地产投资信托基金）分派的税务处理另有规定，请参阅本公司另行发布的专项说明。

**问：2026年中期股息还可以补选以股代息吗？**
答：2026年中期股息的安排已经完成，详情请见恒泽当时的公告。
"""


@pytest.fixture(scope="module")
def ask_southbound(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("deferred_topics"), {"faq.md": SOUTHBOUND}).ask


def test_a_topic_whose_every_statement_defers_is_deferred():
    from assistant.deferred_subjects import deferred_terms

    texts = [SOUTHBOUND.lower()]
    mentioning = lambda token, limit: [t for t in texts if token in t][:limit]  # noqa: E731
    question = "REIT和2026年中期股息呢？"
    assert deferred_terms(["reit", "中期股息"], mentioning, question) == ["reit", "中期股息"]  # a FAQ question states nothing
    assert deferred_terms(["h股", "代扣"], mentioning, question) == []  # stated: 20%
    assert deferred_terms(["reit"], mentioning, "what about reits?") == []  # a Latin word counts written in capitals


def test_a_question_on_a_topic_the_sources_defer_is_refused_and_the_rest_answered(ask_southbound):
    r = ask_southbound("If I hold a Hong Kong REIT through Huarui Southbound, what tax rate is withheld on its distributions?")
    assert r.refused and "20%" not in r.answer  # the H-share rate is not the REIT's
    r = ask_southbound("港股通的H股分红要扣多少税？")
    assert not r.refused and "20%" in r.answer


BONDS = """<html><body><h1>Bond dealing at Harrow Quay Securities</h1>
<h2>Bonds on our shelf</h2>
<table>
<tr><th>Bond</th><th>Coupon</th><th>Minimum / increment</th><th>Who can buy</th></tr>
<tr><td>Pellmark Finance 4.75% Notes due 2031</td><td>4.75% a year, paid semi-annually</td><td>US$10,000 / US$1,000</td><td>All clients</td></tr>
<tr><td>Ostrander Bank 5.90% Perpetual Securities</td><td>5.90% a year until the first reset date</td><td>US$200,000 / US$1,000</td><td>Professional investors only</td></tr>
</table>
<p>Ostrander Bank's call dates, reset rate and coupon-deferral terms are set out in its offering circular, available from your relationship manager.</p>
<h2>Custody</h2>
<p>We charge no custody fee on bonds held with us. Coupons are credited on the payment date.</p>
</body></html>
"""


@pytest.fixture(scope="module")
def ask_bonds(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("deferred_asks"), {"bonds.html": BONDS}).ask


def test_what_the_one_paragraph_naming_a_thing_defers_is_deferred():
    from assistant.deferred_subjects import deferred_asks

    texts = [BONDS.lower()]
    mentioning = lambda token, limit: [t for t in texts if token in t][:limit]  # noqa: E731
    english = {"重设": ("reset",), "认购": ("subscription",)}.get
    assert deferred_asks("Ostrander Bank重设息率是多少？", ["ostrander"], ["重设", "息率"], mentioning,
                         lambda t: english(t, ())) == ["重设"]
    # its minimum is stated in the table, and no deferring sentence names a minimum
    assert deferred_asks("What is Ostrander's minimum?", ["ostrander"], ["minimum"], mentioning, lambda t: ()) == []
    # a thing the deferring paragraph does not name is not deferred by it
    assert deferred_asks("Pellmark's reset rate?", ["pellmark"], ["reset"], mentioning, lambda t: ()) == []


def test_a_term_the_paragraph_naming_the_thing_defers_is_refused_and_the_table_still_answers(ask_bonds):
    r = ask_bonds("When is the first call date of the Ostrander Bank perpetual, and what is its reset rate?")
    assert r.refused and "5.90%" not in r.answer
    r = ask_bonds("What is the minimum investment in the Ostrander Bank perpetual?")
    assert not r.refused and "US$200,000" in r.answer


@pytest.mark.parametrize("sentence, defers", [
    ("答：要約人同時提出購股權要約，詳情見綜合文件。", True),
    ("各档费率详情见下表。", False),  # the table on the same page states them
    ("The coupon and other terms will be announced on a separate page.", True),
    ("Its call dates are set out in the prospectus.", True),
    ("The fee is set out in the table below.", False),
    ("Gamma、引伸波幅等數據請至App窩輪專區查閱，本通告不提供。", True),
    ("窩輪不提供暗盤交易。", False),  # a rule of the product: it states what is asked
    ("公司表示有意供股，但暫無任何具體方案。", True),
    ("Greeks are not provided in this notice.", True),
    ("Their margins will be published on a separate page at launch.", True),
    ("A：恢復普通交割須待交易所公告，目前沒有確定日期。", True),
    ("答：本公告不涉及收益的稅務處理。", True),
    ("USD notes are planned for later in 2030.", True),
    ("投資者須於收到通知後兩個營業日內辦理。", False),  # a rule with its own deadline
    ("Option commissions and contract fees are on the US Options page.", True),
    ("紀念品收齊後寄出；實際寄送時間另以App推播通知，本公告不預告寄送日期。", True),
    ("退費於股東會日期後10個營業日內撥入交割帳戶。", False),
    ("Your orders are on the trade date.", False),
    ("非保證部分嘅金額同過往實現率唔喺本通知範圍。", True),
    ("相关税务处理不在本公告范围内。", True),
    ("Tax on the discount is outside the scope of this notice.", True),
    ("本公告范围内的产品自5月1日起适用新费率。", False),  # the notice's own products: a rule it states
    ("答：屋企充電設備嘅保障，本通知唔涉及。", True),  # written Cantonese
])
def test_deferral_wordings(sentence, defers):
    from assistant.deferred_subjects import DEFERRAL
    from knowledge_base.scripts import normalize_for_index

    assert (DEFERRAL.search(normalize_for_index(sentence).lower()) is not None) is defers


FUTURES = """<html><body><h1>Willowmere Futures: index futures margins</h1>
<table>
<tr><th>Contract</th><th>Code</th><th>Initial margin</th><th>Maintenance margin</th></tr>
<tr><td>Lantern 30 Index Futures</td><td>LTF</td><td>HK$88,000</td><td>HK$70,400</td></tr>
<tr><td>Mini Lantern 30 Index Futures</td><td>MLT</td><td>HK$17,600</td><td>HK$14,080</td></tr>
</table>
<p>Commission is HK$25 per contract per side for online orders.</p>
<p>Lantern 30 Index options are planned for next year; their margins and commission will be published on a separate page at launch.</p>
<h2>Hours</h2>
<p>The day session runs 9:15 a.m. to 12:00 noon and 1:00 p.m. to 4:30 p.m.</p>
</body></html>
"""


@pytest.fixture(scope="module")
def ask_futures(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("deferring_lead"), {"futures.html": FUTURES}).ask


def test_the_paragraph_closest_to_the_question_deferring_it_is_the_lead():
    from assistant.deferred_subjects import deferring_lead
    from knowledge_base.scripts import normalize_for_index

    texts = [normalize_for_index(FUTURES)]
    english = {"期权": ("option", "options"), "指数": ("index",), "佣金": ("commission",)}.get
    lead = deferring_lead("Lantern 30指數期權按金幾多？佣金呢？", ["lantern", "指数", "期权", "佣金"], texts,
                          lambda t: english(t, ()))
    assert lead is not None and "separate page" in lead
    # the futures are stated: their row writes as many of the question's words as any deferring sentence
    assert deferring_lead("Lantern 30 index futures initial margin?", ["lantern", "index", "futures", "margin"],
                          texts, lambda t: ()) is None


def test_a_question_the_closest_paragraph_defers_is_refused_and_the_stated_one_answered(ask_futures):
    r = ask_futures("Lantern 30指數期權要幾多按金？佣金幾錢一張？")
    assert r.refused and "HK$88,000" not in r.answer
    r = ask_futures("What is the initial margin for LTF?")
    assert not r.refused and "HK$88,000" in r.answer


CERTIFICATES = """# 澄禾证券收益凭证发行公告

## 一、本期产品

| 产品代码 | 期限 | 年化收益率 | 起购金额 |
| --- | --- | --- | --- |
| CHX031 | 91天 | 2.10% | 5万元 |
| CHX032 | 182天 | 2.30% | 5万元 |

收益凭证不是银行存款，不受存款保险保障。收益按认购本金 × 年化收益率 × 实际天数 ÷ 365计算。

## 二、常见问题

**问：收益要交个人所得税吗？**
答：本公告不涉及收益的税务处理，具体请以税务机关的规定为准。

**问：认购期冻结的资金计息吗？**
答：不计息，收益自起息日起计算。

**问：第35期什么时候发行？收益率多少？**
答：后续期次的发行时间和收益率将另行公告，以届时发行公告为准。
"""


@pytest.fixture(scope="module")
def ask_certificates(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("faq_deferral"), {"certificates.md": CERTIFICATES}).ask


def test_a_faq_answer_deferring_what_its_question_asks_refuses_that_question(ask_certificates):
    r = ask_certificates("澄禾收益凭证的利息收入要缴多少所得税？券商会帮我代扣吗？")
    assert r.refused, r.answer
    r = ask_certificates("澄禾收益凭证CHX032的年化收益率是多少？冻结期间计息吗？")
    assert not r.refused and "2.30%" in r.answer


def test_the_faq_on_the_issue_number_asked_defers_it(ask_certificates):
    # "issue 35" is the FAQ's 「第35期」: its answer defers the yield asked
    r = ask_certificates("What yield will Chenghe's income certificate issue 35 pay, and when does it launch?")
    assert r.refused, r.answer
    r = ask_certificates("What is the annual yield of Chenghe's income certificate CHX031?")
    assert not r.refused and "2.10%" in r.answer


def test_the_issue_number_the_question_writes_is_a_word_of_it():
    from assistant.deferred_subjects import deferring_lead
    from knowledge_base.scripts import normalize_for_index

    texts = [normalize_for_index("澄禾收益凭证本期发行的收益率见下表。\n**问：第35期什么时候发行？收益率多少？**\n"
                                 "答：后续期次的发行时间和收益率将另行公告。")]
    words = ["收益率", "发行", "凭证"]
    # the FAQ on issue 35 writes the asker's 35: it ties the line naming the certificates, and its answer defers
    assert deferring_lead("收益凭证第35期的收益率是多少？几时发行？", words, texts, lambda t: ()) is not None
    assert deferring_lead("收益凭证本期的收益率是多少？几时发行？", words, texts, lambda t: ()) is None


def test_a_faq_on_something_else_that_shares_one_word_does_not_tie():
    from assistant.deferred_subjects import deferring_lead
    from knowledge_base.scripts import normalize_for_index

    words = ["要约", "接纳", "截止", "每股"]
    texts = [normalize_for_index("经App接纳要约的截止时间见下表。\n问：要约会唔会延期？\n答：如有延期，每股代价及截止日另行通知。")]
    # the FAQ asks whether the offer is extended: one word of the asker's, so its deferral does not tie the rule's line
    assert deferring_lead("要约接纳几时截止？每股几钱？", words, texts, lambda t: ()) is None
    texts = [normalize_for_index("经App接纳要约的截止时间见下表。\n问：要约每股代价几时公布？\n答：每股代价及截止日另行通知。")]
    assert deferring_lead("要约接纳几时截止？每股几钱？", words, texts, lambda t: ()) is not None


def test_a_faq_under_a_question_heading_defers_for_the_page_that_names_the_subject():
    from assistant.deferred_subjects import deferring_lead
    from knowledge_base.scripts import normalize_for_index

    texts = [normalize_for_index("### Can I trade US options after hours?\nNo. US options trade in the regular session "
                                 "only. Option commissions and contract fees are on the US Options page."),
             normalize_for_index("Small orders: 25 shares cost a commission of US$1.50 and a platform fee of US$1.00.")]
    words = ["期权", "合约", "佣金", "平台"]
    english = {"期权": ("option", "options"), "合约": ("contract",), "佣金": ("commission",), "平台": ("platform",)}
    question = "Larkspur嘅美股期權，每張合約佣金同平台費幾多？"
    # the heading is the FAQ's question; the page (not the passage, nor its title) names Larkspur
    page = "us stocks: pre-market and after-hours trading\nlarkspur harbour securities limited lets you trade us stocks"
    lead = deferring_lead(question, words, texts, lambda t: english.get(t, ()), ["larkspur"], [page, page])
    assert lead is not None and "us options page" in lead
    assert deferring_lead(question, words, texts, lambda t: english.get(t, ()), ["larkspur"],
                          ["another broker's page", "another broker's page"]) is None


def test_a_part_another_retrieved_page_answers_is_not_refused_with_the_deferral():
    from assistant.deferred_subjects import deferring_lead
    from knowledge_base.scripts import normalize_for_index

    us_page = "larkspur us stocks: extended hours\nfractional shares trade in the regular session only"
    souvenirs = "禾晟证券股东会纪念品代领公告\n最后过户日持有1股以上（含零股）即可申请代领纪念品"
    texts = [normalize_for_index("### Can I buy fractional shares after hours?\nNot yet. Fractional-share trading "
                                 "outside the regular session is planned; the launch date will be announced."),
             normalize_for_index("最后过户日持有1股以上即可申请。")]
    words = ["零碎", "碎股", "夜盘", "纪念品", "零股", "代领", "禾晟"]
    english = {"零碎": ("fractional",), "夜盘": ("after hours",), "零股": ("odd lot",), "纪念品": ("souvenir",)}
    two_pages = "Larkspur夜盤可唔可以買零碎股（fractional shares）？禾晟代領紀念品，零股得唔得？"
    assert deferring_lead(two_pages, words, texts, lambda t: english.get(t, ()), ["larkspur"], [us_page, souvenirs]) is None
    # asked of the first page alone, its deferral answers
    one_page = "Larkspur夜盤可唔可以買零碎股（fractional shares）？"
    assert deferring_lead(one_page, words, texts, lambda t: english.get(t, ()), ["larkspur"], [us_page, souvenirs])


def test_an_answer_whose_every_chosen_line_defers_is_no_answer():
    from assistant.composers.base import CompositionInput
    from assistant.composers.extractive import ExtractiveComposer
    from assistant.language import detect_language
    from knowledge_base.scripts import normalize_for_index
    from tests.assistant.answer_evidence import hit

    deferring = "A：以複委託海外股票作為擔保品之服務目前規劃中，開辦日期及借貸成數將另行公告。"
    stating = "上市股票的借貸成數為60%，國內股票型ETF為70%。"
    question = "複委託海外股票做擔保品，借貸成數多少？"
    inp = CompositionInput(question, normalize_for_index(question), detect_language(question),
                           [hit("pledge.md", text=deferring)])
    assert ExtractiveComposer().compose(inp).text == ""  # the sources say it comes later: not stated
    question = "上市股票的借貸成數多少？"
    inp = CompositionInput(question, normalize_for_index(question), detect_language(question),
                           [hit("pledge.md", text=f"{stating}\n{deferring}")])
    assert "60%" in ExtractiveComposer().compose(inp).text


def _composed_over(page: str, question: str) -> str:
    """The extractive composer's answer from one page (the retrieval it would get is the page itself)."""
    from assistant.composers.base import CompositionInput
    from assistant.composers.extractive import ExtractiveComposer
    from assistant.language import detect_language
    from knowledge_base.scripts import normalize_for_index
    from tests.assistant.answer_evidence import hit

    inp = CompositionInput(question, normalize_for_index(question), detect_language(question),
                           [hit("page.md", text=page)])
    return ExtractiveComposer().compose(inp).text


def test_an_answer_whose_chosen_deferral_alone_writes_what_is_asked_is_no_answer():
    page = ("澄嶺證券由2035年3月1日起提供美股碎股交易。碎股交易佣金為成交金額0.08%，每單最低US$0.50。"
            "每單最少買入金額為US$5。碎股股息再投資服務的推出日期及收費另行公告。")

    def compose(question: str) -> str:
        return _composed_over(page, question)

    # the fee lines share 碎股 with the question; only the deferring line writes 股息 and 再投資: not stated
    assert compose("澄嶺碎股股息再投資幾時推出？要收幾多錢？") == ""
    # a question on what the page states is answered, though the deferring line shares its words too
    assert "0.08%" in compose("澄嶺碎股交易佣金幾多？每單最低收幾多？")


def test_an_answer_whose_only_lines_point_to_another_page_is_no_answer():
    page = ("問：競價拍賣要怎麼參加？\n答：競價拍賣之投標方式、保證金及手續費，請見「競價拍賣專區」頁。\n"
            "問：公開申購要付什麼費用？\n答：每件申購處理費20元，中籤通知書郵寄工本費50元。")

    def compose(question: str) -> str:
        return _composed_over(page, question)

    # the one line on auctions says where their fees are: not here
    assert compose("競價拍賣投標要付多少手續費？保證金怎麼算？") == ""
    assert "20元" in compose("公開申購處理費每件多少？")  # what the page states is answered


def test_a_term_an_english_page_states_in_its_english_words_is_not_deferred():
    from assistant.deferred_subjects import deferred_terms

    chinese = "答：科创板佣金及其他费用标准详见本公司官网收费标准页，本公告不涉及。"
    english = "commission is 0.05% of the executed value, minimum us$0.49 per order."
    english_of = {"佣金": ("commission",)}.get
    for texts, deferred in (([chinese], ["佣金"]), ([chinese, english], [])):
        mentioning = lambda token, limit, texts=texts: [t for t in texts if token in t][:limit]  # noqa: E731
        assert deferred_terms(["佣金"], mentioning, "碎股佣金幾多？", lambda t: english_of(t, ())) == deferred
    # an English sentence that defers too states nothing
    later = "commission for dividend reinvestment will be announced separately."
    mentioning = lambda token, limit: [t for t in (chinese, later) if token in t][:limit]  # noqa: E731
    assert deferred_terms(["佣金"], mentioning, "碎股佣金幾多？", lambda t: english_of(t, ())) == ["佣金"]


def test_a_gloss_of_several_words_is_stated_where_an_english_sentence_writes_each():
    from assistant.deferred_subjects import deferred_terms

    # 收费's gloss is "charge a fee"; the page writes "charged … fee", not the phrase
    chinese = "答：电汇收费另行公告。"
    english = "our tt fee is charged when the transfer is sent."
    mentioning = lambda token, limit: [t for t in (chinese, english) if token in t][:limit]  # noqa: E731
    assert deferred_terms(["收费"], mentioning, "電匯收费幾多？", lambda t: ("charge a fee",)) == []
    alone = lambda token, limit: [t for t in (chinese,) if token in t][:limit]  # noqa: E731
    assert deferred_terms(["收费"], alone, "電匯收费幾多？", lambda t: ("charge a fee",)) == ["收费"]


def test_a_common_words_one_deferring_line_defers_only_what_that_line_is_about():
    from assistant.deferred_subjects import deferred_terms

    late = "答：逾期还款利息同收费请参阅《银行服务收费表》，本通知唔涉及。"
    mentioning = lambda token, limit: [t for t in (late,) if token in t][:limit]  # noqa: E731
    # a question on early settlement, or on another bank's transfers, shares none of the line's other words
    assert deferred_terms(["晋岚", "收费", "一部分"], mentioning, "晋岚提早还要收费吗？") == []
    assert deferred_terms(["quillmere", "电汇", "取消", "收费"], mentioning, "Quillmere电汇取消收不收费？") == []
    # one asking of late payment is deferred, as is one asking of charges and nothing else
    assert deferred_terms(["逾期", "收费"], mentioning, "逾期收费多少？") == ["逾期", "收费"]
    assert deferred_terms(["收费"], mentioning, "收费多少？") == ["收费"]


def test_a_topic_the_page_says_it_does_not_apply_to_is_deferred():
    from assistant.deferred_subjects import deferred_terms

    texts = ["本通知只适用于晋岚税务贷款；私人分期贷款、结余转户贷款同信用卡现金透支唔适用。",
             "结余转户贷款嘅安排另行通知。", "税务贷款月平息0.085%。"]
    mentioning = lambda token, limit: [t for t in texts if token in t][:limit]  # noqa: E731
    assert deferred_terms(["结余", "转户", "贷款", "平息"], mentioning, "结余转户贷款月平息几多？") == ["结余", "转户"]
    assert deferred_terms(["税务", "贷款", "平息"], mentioning, "税务贷款月平息几多？") == []  # 只适用于: it is covered



TRUST_NOTICE = """# 晴嵐銀行「晴安安養信託」收費調整公告

本行「晴安安養信託」（金錢信託）自2041年5月2日起調整信託管理費：年率由0.30%調降為0.20%。
簽約手續費由NT$5,000調降為NT$3,000。

## 常見問題
**問：可以用不動產成立安養信託嗎？**
答：本公告僅適用於金錢信託，不動產安養信託之收費另行公告。
"""


@pytest.fixture(scope="module")
def ask_trust(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("trust"), {"trust.md": TRUST_NOTICE}).ask


def test_a_term_the_segmenter_reads_inside_a_longer_name_is_stated_where_that_name_is(ask_trust):
    # 安养 is an index word only in the FAQ's deferring lines; the product's own lines write it inside 晴安安养信托
    r = ask_trust("晴嵐銀行的安養信託新管理費是多少？")
    assert not r.refused and "0.20%" in r.answer
    assert ask_trust("不動產安養信託的管理費是多少？").refused


SCOOTER_NOTICE = """（虛構示例文件）
朗駒保險 電動滑板車第三者責任保險更新通知

由2043年2月1日起，「朗駒滑行保」每年保費由HK$380調整為HK$420，第三者責任保額維持HK$1,000,000。
每次索償自負額HK$500。

問：滑板車俾人偷咗，賠唔賠？
答：盜竊保障，本通知唔涉及。

問：可唔可以用外幣繳保費？
答：本通知唔涵蓋外幣繳費安排，請參閱朗駒「繳費方法」專頁。

問：續保幾時收費？
答：續保日前14日經信用卡收取保費，收費後會即時寄出收據。
"""


@pytest.fixture(scope="module")
def ask_scooter(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("scope_deferral"), {"scooter.txt": SCOOTER_NOTICE}).ask


def test_a_faq_answer_saying_the_notice_does_not_cover_what_it_asks_refuses_it(ask_scooter):
    r = ask_scooter("朗駒滑行保嘅滑板車俾人偷咗，保險賠唔賠？")
    assert r.refused, r.answer
    r = ask_scooter("朗駒滑行保嘅滑板車俾人偷咗，保險賠唔賠？自負額幾多？")  # the other part is stated
    assert not r.refused and "HK$500" in r.answer


def test_a_scope_line_naming_something_else_it_leaves_out_defers_nothing_asked(ask_scooter):
    from assistant.deferred_subjects import leaves_out_other

    line = "答:本通知唔涵盖外币缴费安排,请参阅朗驹「缴费方法」专页。"
    assert leaves_out_other(line, ["续保", "收费"]) and not leaves_out_other(line, ["外币", "缴费"])
    assert not leaves_out_other("答:盗窃保障,本通知唔涉及。", ["续保"])  # names nothing after its verb
    # the currency FAQ shares 保費 and 繳 with the question; what its answer leaves out is not what is asked
    r = ask_scooter("朗駒滑行保續保幾時收保費？每年保費幾多？")
    assert not r.refused and "HK$420" in r.answer


STUDY_LOAN = """（虛構示例文件）
澄灣銀行就學貸款還款利率調整公告

自2044年7月1日起，就學貸款還款期間年利率由1.90%調整為2.10%，每月應繳金額依剩餘本金及剩餘期數重新計算。
只繳息不還本期間，每月應繳利息＝剩餘本金×年利率÷12。
延後還款期間，剩餘期數順延。

問：在學期間及畢業後1年內的利息怎麼算？
答：依相關規定辦理，本公告不涉及。

問：可以改用原來的利率嗎？
答：不可以，調整後全部借款人一律適用新利率。
"""


def test_a_faq_the_asker_words_as_the_page_does_defers_though_other_lines_share_its_words(tmp_path):
    from assistant.deferred_subjects import _worded_alike

    # 期間 and 利息 are also written by the interest-only rule: the FAQ, worded as the asker words it, leads anyway
    assert _worded_alike("在学期间及毕业后1年内的利息怎么算?", "澄湾就学贷款在学期间的利息怎么算?") >= 0.5
    assert _worded_alike("do you cover cruises?", "does it cover off-piste skiing?") == 0.0  # too short to tell
    ask = assistant_over(tmp_path, {"loan.txt": STUDY_LOAN}).ask
    r = ask("澄灣就學貸款在學期間的利息怎麼算？也是2.10%嗎？")
    assert r.refused, r.answer
    r = ask("澄灣就學貸款只繳息不還本期間，每月利息怎麼算？")
    assert not r.refused and "÷12" in r.answer.replace(" ", "")
