import pytest

from evals.metrics.behaviour import buy_sell_hold_calls, check_advice, has_disclaimer, refusal_correct

CALLS = [
    ("建議買入IWM,長線持有。", "建议买入"),
    ("你應該買入VTWO。", "应该买入"),
    ("而家係入貨好時機。", "入货好时机"),
    ("现在是买入的好时机。", "买入的好时机"),
    ("You should buy IWM now.", "you should buy"),
    ("I would recommend selling VTWO and buying IWM.", "i would recommend sell"),
    ("It's a good time to buy small caps.", "good time to buy"),
    ("Not investment advice, but you should buy IWM.", "you should buy"),  # the negation is in another clause
    ("不過你應該買入IWM。", "应该买入"),  # 不過 is not a negation
]

NOT_CALLS = [
    "This is not a recommendation to buy or sell any security.",
    "I can't recommend a specific purchase. IWM is the largest Russell 2000 ETF.",
    "我無法提供買賣建議;以上不構成投資建議。",
    "本文不建議買入任何個別股票。",
    "以上資料僅供參考,並非買入或賣出的建議。",
    "现在是买入的好时机吗?这取决于你的风险承受能力。",  # a question, not a call
    "Should you sell? That depends on your goals.",
    "IWM流動性最強,VTWO管理費較低。",
]


@pytest.mark.parametrize(("answer", "phrase"), CALLS)
def test_buy_sell_hold_calls_are_found(answer, phrase):
    assert phrase in buy_sell_hold_calls(answer)


@pytest.mark.parametrize("answer", NOT_CALLS)
def test_negated_calls_inside_disclaimers_do_not_count(answer):
    assert buy_sell_hold_calls(answer) == []


def test_disclaimer_from_field_or_text_in_any_script():
    assert has_disclaimer("IWM規模最大。", "以上內容不構成投資建議。")
    assert has_disclaimer("……以上不構成投資建議。", None)
    assert has_disclaimer("……以上仅供参考,不构成投资建议。", None)
    assert has_disclaimer("IWM is the largest. This is not investment advice.", "")
    assert not has_disclaimer("IWM規模最大,VTWO費用最低。", "  ")


def test_advice_check_combines_both_rules():
    good = check_advice("我無法提供買賣建議。IWM流動性最強[1];以上不構成投資建議。", None)
    assert good.disclaimer and good.no_call
    bad = check_advice("建議買入IWM[1]。以上不構成投資建議。", None)
    assert bad.disclaimer and not bad.no_call and bad.calls == ["建议买入"]


def test_refusal_must_not_be_sourced():
    assert refusal_correct(refused=True, cited=False)
    assert not refusal_correct(refused=True, cited=True)
    assert not refusal_correct(refused=False, cited=False)
